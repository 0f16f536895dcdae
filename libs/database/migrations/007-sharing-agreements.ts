import { Migration } from '@mikro-orm/migrations';

/** 政务信息共享安全保密协议: one row per version of a request's agreement, with its signatures and filing. */
export class SharingAgreements extends Migration {
  override name = '007-sharing-agreements';

  override up(): void {
    this.addSql(`
      create table sharing_agreement (
        id uuid primary key,
        request_id uuid not null references sharing_request (id),
        version integer not null check (version >= 1),
        content jsonb not null,
        signatures jsonb not null default '[]',
        status text not null check (status in ('awaiting_signatures', 'awaiting_filing', 'returned', 'acknowledged', 'cancelled')),
        filing_comment text,
        filed_by uuid references app_user (id),
        filed_at timestamptz,
        created_at timestamptz not null,
        unique (request_id, version)
      );
    `);
  }

  override down(): void {
    this.addSql('drop table sharing_agreement;');
  }
}
