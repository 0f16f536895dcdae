import { Migration } from '@mikro-orm/migrations';

/** A grant can be suspended; a request may pass on data another department holds under a grant (onward sharing). */
export class GrantLifecycle extends Migration {
  override name = '009-grant-lifecycle';

  override up(): void {
    this.addSql(`
      alter table sharing_grant drop constraint sharing_grant_status_check;
      alter table sharing_grant add constraint sharing_grant_status_check check (status in ('active', 'suspended', 'expired', 'revoked'));

      alter table sharing_request
        add column source_grant_id uuid references sharing_grant (id),
        add column intermediary_department_id uuid references department (id),
        add constraint sharing_request_onward_check check ((source_grant_id is null) = (intermediary_department_id is null));
      create index sharing_request_intermediary_idx on sharing_request (intermediary_department_id, created_at desc)
        where intermediary_department_id is not null;
    `);
  }

  override down(): void {
    this.addSql(`
      drop index sharing_request_intermediary_idx;
      alter table sharing_request drop constraint sharing_request_onward_check, drop column intermediary_department_id, drop column source_grant_id;
      alter table sharing_grant drop constraint sharing_grant_status_check;
      alter table sharing_grant add constraint sharing_grant_status_check check (status in ('active', 'expired', 'revoked'));
    `);
  }
}
