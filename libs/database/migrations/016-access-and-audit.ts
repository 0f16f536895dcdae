import { Migration } from '@mikro-orm/migrations';

/**
 * Ending access and recording it: a token version on each account (a token carries it; bumping it ends every
 * session of the account at once) and the append-only audit log of logins, failed logins, lockouts and account
 * changes, which login throttling also counts from.
 */
export class AccessAndAudit extends Migration {
  override name = '016-access-and-audit';

  override up(): void {
    this.addSql(`
      alter table app_user add column token_version integer not null default 0;

      create table audit_log (
        seq bigserial primary key,
        at timestamptz not null default now(),
        action text not null,
        actor_id uuid references app_user (id),
        username text,
        address text,
        subject_type text,
        subject_id text,
        details jsonb not null default '{}'
      );
      create index audit_log_at_idx on audit_log (at desc);
      create index audit_log_login_username_idx on audit_log (username, at desc) where action in ('login', 'login_failed', 'lockout');
      create index audit_log_login_address_idx on audit_log (address, at desc) where action in ('login_failed', 'lockout');

      create function audit_log_is_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_log rows are append-only (% on seq %)', tg_op, old.seq;
      end;
      $$;
      create trigger audit_log_append_only before update or delete on audit_log
        for each row execute function audit_log_is_append_only();
    `);
  }

  override down(): void {
    this.addSql(`
      drop table audit_log; drop function audit_log_is_append_only;
      alter table app_user drop column token_version;
    `);
  }
}
