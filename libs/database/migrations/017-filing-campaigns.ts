import { Migration } from '@mikro-orm/migrations';

export class FilingCampaigns extends Migration {
  override name = '017-filing-campaigns';

  override up(): void {
    this.addSql(`
      -- A campaign as the info office configured it (or a preset for a year); its workflow is filing-campaign-<id>.
      create table filing_campaign (
        id uuid primary key,
        preset_key text,
        year integer not null check (year between 2000 and 2999),
        name text not null check (btrim(name) <> ''),
        definition jsonb not null,
        workflow_id text not null,
        opened_by uuid references app_user (id),
        opened_at timestamptz not null
      );
      -- A preset runs once a year: two starts at once, the second is refused here.
      create unique index filing_campaign_preset_year_idx on filing_campaign (preset_key, year) where preset_key is not null;

      -- Who must file, fixed when the campaign opens.
      create table filing_campaign_participant (
        campaign_id uuid not null references filing_campaign (id),
        department_id uuid not null references department (id),
        primary key (campaign_id, department_id)
      );

      -- Every filing as submitted, one row a round: a returned filing is followed by the corrected one.
      create table campaign_filing (
        id uuid primary key,
        campaign_id uuid not null references filing_campaign (id),
        phase_key text not null,
        department_id uuid not null references department (id),
        round integer not null check (round >= 1),
        fields jsonb not null,
        -- [{sha256, filename, type, mediaType, size}]: the hashes name the stored bytes.
        attachments jsonb not null,
        status text not null check (status in ('submitted', 'returned', 'accepted')),
        submitted_by uuid not null references app_user (id),
        submitted_at timestamptz not null,
        review_opinion text,
        reviewed_by uuid references app_user (id),
        reviewed_at timestamptz,
        -- The 备案 in the filing ledger once accepted.
        filing_seq integer,
        unique (campaign_id, phase_key, department_id, round)
      );
      create index campaign_filing_roll_idx on campaign_filing (campaign_id, phase_key, department_id, round);

      -- Attachments, content-addressed: the key is the sha-256 of the bytes, so the same file is stored once.
      create table attachment_blob (
        sha256 text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
        content bytea not null,
        size integer not null check (size > 0),
        media_type text not null,
        created_at timestamptz not null default now()
      );

      -- Theme libraries (主题资源库, seed 003 二(二)): resources of several departments gathered under a theme,
      -- with a lead department that accepts what providers propose. expected_items: the data items it should hold.
      create table theme (
        id uuid primary key,
        name text not null unique check (btrim(name) <> ''),
        description text not null,
        lead_department_id uuid not null references department (id),
        expected_items text[] not null default '{}',
        created_by uuid not null references app_user (id),
        created_at timestamptz not null
      );
      create table theme_resource (
        theme_id uuid not null references theme (id),
        resource_id uuid not null references catalog_resource (id),
        status text not null check (status in ('proposed', 'accepted', 'refused')),
        proposed_by uuid not null references app_user (id),
        proposed_at timestamptz not null,
        decided_by uuid references app_user (id),
        decided_at timestamptz,
        primary key (theme_id, resource_id)
      );
    `);
  }

  override down(): void {
    this.addSql(
      'drop table theme_resource; drop table theme; drop table attachment_blob; drop table campaign_filing; drop table filing_campaign_participant; drop table filing_campaign;',
    );
  }
}
