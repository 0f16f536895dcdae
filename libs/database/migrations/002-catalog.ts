import { Migration } from '@mikro-orm/migrations';

export class Catalog extends Migration {
  override name = '002-catalog';

  override up(): void {
    this.addSql(`
      create extension if not exists intarray;

      create table catalog_identifier_sequence (
        prefix text primary key,
        last_value integer not null
      );

      create table catalog_resource (
        id uuid primary key,
        identifier text not null unique,
        provider_department_id uuid not null references department (id),
        status text not null check (status in ('draft', 'in_review', 'returned', 'published', 'retired')),
        published_version integer,
        working_version integer not null,
        shown_catalog text,
        shown_sharing_type text,
        shown_open_scope text,
        search_text text not null default '',
        search_grams integer[] not null default '{}',
        created_at timestamptz not null,
        updated_at timestamptz not null,
        published_at timestamptz,
        retired_at timestamptz
      );
      create index catalog_resource_grams_idx on catalog_resource using gin (search_grams gin__int_ops);
      create index catalog_resource_provider_idx on catalog_resource (provider_department_id, status);
      create index catalog_resource_status_idx on catalog_resource (status, updated_at desc);

      create table catalog_resource_version (
        resource_id uuid not null references catalog_resource (id),
        version integer not null,
        metadata_identifier text not null unique,
        state text not null check (state in ('draft', 'in_review', 'returned', 'approved', 'superseded')),
        change text not null check (change in ('publish', 'revise', 'retire')),
        name text not null,
        abstract text not null,
        catalog text not null check (catalog in ('base', 'application', 'database', 'collection')),
        classification text not null,
        sharing_type text not null check (sharing_type in ('unconditional', 'conditional', 'not_shareable')),
        not_shareable_basis text,
        sharing_methods text[] not null,
        open_scope text not null check (open_scope in ('public', 'partly_public', 'internal', 'not_public')),
        update_frequency text not null check (update_frequency in ('realtime', 'daily', 'weekly', 'monthly', 'quarterly')),
        confidential boolean not null,
        data_items jsonb not null,
        review_rounds integer not null default 0,
        created_by uuid not null references app_user (id),
        created_at timestamptz not null,
        updated_at timestamptz not null,
        decided_at timestamptz,
        primary key (resource_id, version),
        check (sharing_type <> 'not_shareable' or coalesce(trim(not_shareable_basis), '') <> '')
      );
    `);
  }

  override down(): void {
    this.addSql('drop table catalog_resource_version; drop table catalog_resource; drop table catalog_identifier_sequence;');
  }
}
