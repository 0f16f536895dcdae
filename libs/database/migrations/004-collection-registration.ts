import { Migration } from '@mikro-orm/migrations';

export class CollectionRegistration extends Migration {
  override name = '004-collection-registration';

  override up(): void {
    this.addSql(`
      create table collection_registration (
        id uuid primary key,
        department_id uuid not null references department (id),
        subject text not null,
        description text not null default '',
        data_items jsonb not null,
        legal_basis text not null,
        standard text not null,
        frequency text not null
          check (frequency in ('realtime', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'irregular')),
        status text not null check (status in ('submitted', 'in_review', 'approved', 'rejected', 'duplicate')),
        decision_comment text,
        duplicate_of_type text check (duplicate_of_type in ('catalog_resource', 'collection_registration')),
        duplicate_of_id uuid,
        search_text text not null default '',
        search_grams integer[] not null default '{}',
        created_by uuid not null references app_user (id),
        created_at timestamptz not null,
        updated_at timestamptz not null,
        decided_at timestamptz,
        check ((status = 'duplicate') = (duplicate_of_id is not null and duplicate_of_type is not null)),
        check (status <> 'rejected' or coalesce(trim(decision_comment), '') <> '')
      );
      create index collection_registration_grams_idx on collection_registration using gin (search_grams gin__int_ops);
      create index collection_registration_department_idx on collection_registration (department_id, status);
      create index collection_registration_status_idx on collection_registration (status, updated_at desc);

      create table collection_candidate (
        registration_id uuid not null references collection_registration (id),
        source_type text not null check (source_type in ('catalog_resource', 'collection_registration')),
        source_id uuid not null,
        source_name text not null,
        source_department_id uuid not null references department (id),
        matched_items jsonb not null,
        score real not null check (score >= 0 and score <= 1),
        primary key (registration_id, source_type, source_id)
      );
      create index collection_candidate_source_idx on collection_candidate (source_type, source_id);
    `);
  }

  override down(): void {
    this.addSql('drop table collection_candidate; drop table collection_registration;');
  }
}
