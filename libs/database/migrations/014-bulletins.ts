import { Migration } from '@mikro-orm/migrations';

export class Bulletins extends Migration {
  override name = '014-bulletins';

  override up(): void {
    this.addSql(`
      create table bulletin (
        id uuid primary key,
        label text not null,
        period_from timestamptz not null,
        period_to timestamptz not null check (period_to > period_from),
        status text not null check (status in ('compiling', 'published')),
        standings jsonb,
        late jsonb,
        html text,
        filing_seq bigint references filing (seq),
        requested_by uuid references app_user (id),
        created_at timestamptz not null,
        compiled_at timestamptz,
        published_at timestamptz,
        unique (period_from, period_to)
      );
      create index bulletin_published_idx on bulletin (published_at desc) where status = 'published';
    `);
  }

  override down(): void {
    this.addSql('drop table bulletin;');
  }
}
