import { Migration } from '@mikro-orm/migrations';

export class AfterSharing extends Migration {
  override name = '008-after-sharing';

  override up(): void {
    this.addSql(`
      create table data_objection (
        id uuid primary key,
        request_id uuid not null references sharing_request (id),
        grant_id uuid not null references sharing_grant (id),
        requester_department_id uuid not null references department (id),
        provider_department_id uuid not null references department (id),
        data_items text[] not null check (cardinality(data_items) > 0),
        description text not null,
        status text not null check (status in ('awaiting_verification', 'verified')),
        outcome text check (outcome in ('confirmed_corrected', 'rejected')),
        outcome_comment text,
        verified_by uuid references app_user (id),
        raised_by uuid not null references app_user (id),
        created_at timestamptz not null,
        verified_at timestamptz
      );
      create index data_objection_request_idx on data_objection (request_id, created_at desc);

      create table sharing_feedback (
        id uuid primary key,
        request_id uuid not null references sharing_request (id),
        requester_department_id uuid not null references department (id),
        provider_department_id uuid not null references department (id),
        rating smallint not null check (rating between 1 and 5),
        effect text not null,
        problems text,
        given_by uuid not null references app_user (id),
        created_at timestamptz not null
      );
      create index sharing_feedback_request_idx on sharing_feedback (request_id, created_at desc);
    `);
  }

  override down(): void {
    this.addSql('drop table sharing_feedback; drop table data_objection;');
  }
}
