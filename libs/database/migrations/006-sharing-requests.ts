import { Migration } from '@mikro-orm/migrations';

export class SharingRequests extends Migration {
  override name = '006-sharing-requests';

  override up(): void {
    this.addSql(`
      create table sharing_request (
        id uuid primary key,
        requester_department_id uuid not null references department (id),
        provider_department_id uuid not null references department (id),
        resource_id uuid not null references catalog_resource (id),
        resource_version integer not null,
        data_items text[] not null,
        purpose text not null check (purpose in ('administrative_basis', 'work_reference', 'data_verification', 'business_collaboration', 'other')),
        purpose_detail text not null,
        scope text not null,
        method text not null check (method in ('api', 'file', 'table_sync')),
        valid_until timestamptz,
        status text not null check (status in ('submitted', 'awaiting_provider', 'negotiating', 'escalated', 'awaiting_agreement',
          'awaiting_filing', 'granted', 'refused', 'withdrawn', 'lapsed', 'expired', 'revoked')),
        created_by uuid not null references app_user (id),
        created_at timestamptz not null,
        updated_at timestamptz not null
      );
      create index sharing_request_requester_idx on sharing_request (requester_department_id, created_at desc);
      create index sharing_request_provider_idx on sharing_request (provider_department_id, created_at desc);

      create table sharing_event (
        id uuid primary key,
        request_id uuid not null references sharing_request (id),
        event_key text not null unique,
        at timestamptz not null,
        type text not null,
        actor_user_id uuid references app_user (id),
        detail jsonb
      );
      create index sharing_event_request_idx on sharing_event (request_id, at);

      create table sharing_grant (
        id uuid primary key,
        request_id uuid not null unique references sharing_request (id),
        data_items text[] not null,
        purpose text not null,
        scope text not null,
        method text not null,
        valid_until timestamptz,
        status text not null check (status in ('active', 'expired', 'revoked')),
        granted_at timestamptz not null,
        ended_at timestamptz
      );
    `);
  }

  override down(): void {
    this.addSql('drop table sharing_grant; drop table sharing_event; drop table sharing_request;');
  }
}
