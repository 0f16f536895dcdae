import { Migration } from '@mikro-orm/migrations';

export class DatabaseRegistry extends Migration {
  override name = '003-database-registry';

  override up(): void {
    this.addSql(`
      create table government_database (
        id uuid primary key,
        department_id uuid not null references department (id),
        name text not null,
        description text not null,
        category text not null
          check (category in ('population', 'legal_entity', 'spatial_natural_resources', 'macro_economy', 'business')),
        business_area text,
        data_scale jsonb not null,
        storage_location text not null,
        storage_system text not null,
        contact jsonb not null,
        update_frequency text not null check (update_frequency in ('realtime', 'daily', 'weekly', 'monthly', 'quarterly')),
        data_subjects text[] not null,
        catalog_resource_ids uuid[] not null default '{}',
        status text not null check (status in ('filed', 'registered', 'operating', 'deregistered')),
        filed_at timestamptz not null,
        registered_at timestamptz,
        operating_since timestamptz,
        deregistered_at timestamptz,
        updated_at timestamptz not null
      );
      create index government_database_department_idx on government_database (department_id, status);
      create index government_database_catalog_idx on government_database (name) where status in ('registered', 'operating');

      create table government_database_step (
        id uuid primary key,
        database_id uuid not null references government_database (id),
        step_no integer not null,
        round integer not null,
        step text not null check (step in ('register', 'operate', 'update', 'deregister')),
        status text not null check (status in ('in_review', 'approved', 'returned')),
        changes jsonb,
        reason text,
        requested_by uuid not null references app_user (id),
        requested_at timestamptz not null,
        reviewed_by uuid references app_user (id),
        reviewed_at timestamptz,
        review_comment text,
        filing_seq bigint references filing (seq),
        unique (database_id, step_no, round)
      );
      -- The workflow reviews one request at a time; the projection must never show two.
      create unique index government_database_step_in_review_idx on government_database_step (database_id) where status = 'in_review';
    `);
  }

  override down(): void {
    this.addSql('drop table government_database_step; drop table government_database;');
  }
}
