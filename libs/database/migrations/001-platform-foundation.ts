import { Migration } from '@mikro-orm/migrations';

export class PlatformFoundation extends Migration {
  override name = '001-platform-foundation';

  override up(): void {
    this.addSql(`
      create table department (
        id uuid primary key,
        code text not null unique,
        name text not null,
        level text not null check (level in ('city', 'district', 'street', 'community')),
        parent_id uuid references department (id),
        created_at timestamptz not null default now()
      );

      create table app_user (
        id uuid primary key,
        username text not null unique,
        password_hash text not null,
        display_name text not null,
        email text,
        department_id uuid not null references department (id),
        roles text[] not null default '{}',
        active boolean not null default true,
        created_at timestamptz not null default now()
      );
      create index app_user_department_idx on app_user (department_id);
      create index app_user_roles_idx on app_user using gin (roles);

      create table calendar_day (
        date date primary key,
        is_working_day boolean not null,
        note text not null default '',
        source text not null check (source in ('official', 'manual')),
        updated_by uuid references app_user (id),
        updated_at timestamptz not null default now()
      );

      create table policy (
        key text primary key,
        value text not null,
        description text not null default '',
        updated_by uuid references app_user (id),
        updated_at timestamptz not null default now()
      );

      create table task (
        id uuid primary key,
        kind text not null,
        title text not null,
        subject_type text not null,
        subject_id text not null,
        assignee_role text not null,
        assignee_department_id uuid references department (id),
        workflow_id text not null,
        task_key text not null,
        status text not null check (status in ('open', 'done', 'cancelled', 'expired')),
        created_at timestamptz not null,
        deadline_policy text not null,
        reminder_policy text,
        due_at timestamptz not null,
        remind_at timestamptz,
        reminded_at timestamptz,
        overdue_at timestamptz,
        outcome text,
        comment text,
        payload jsonb,
        completed_by uuid references app_user (id),
        closed_at timestamptz,
        unique (workflow_id, task_key)
      );
      create index task_inbox_idx on task (status, assignee_role, due_at);
      create index task_department_idx on task (assignee_department_id, status);
      create index task_subject_idx on task (subject_type, subject_id);

      create table filing (
        seq bigint primary key,
        at timestamptz not null,
        kind text not null,
        authority text not null check (authority in ('info_office', 'secrecy_bureau', 'supervision_office')),
        subject_type text not null,
        subject_id text not null,
        department_ids uuid[] not null default '{}',
        payload jsonb not null,
        idempotency_key text not null unique,
        prev_hash text not null,
        hash text not null
      );
      create index filing_subject_idx on filing (subject_type, subject_id);
      create index filing_departments_idx on filing using gin (department_ids);

      create function filing_is_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'filing rows are append-only (% on seq %)', tg_op, old.seq;
      end;
      $$;
      create trigger filing_append_only before update or delete on filing
        for each row execute function filing_is_append_only();

      create table notification (
        id uuid primary key,
        dedupe_key text not null unique,
        recipient_user_id uuid not null references app_user (id),
        channel text not null check (channel in ('in_app', 'email')),
        template text not null,
        subject text not null,
        data jsonb not null,
        link text not null,
        status text not null check (status in ('pending', 'delivered', 'failed')),
        attempts integer not null default 0,
        last_error text,
        created_at timestamptz not null,
        delivered_at timestamptz,
        read_at timestamptz
      );
      create index notification_inbox_idx on notification (recipient_user_id, channel, status, created_at);
      create index notification_pending_idx on notification (created_at) where status = 'pending';
    `);
  }

  override down(): void {
    this.addSql(`
      drop table notification; drop table filing; drop function filing_is_append_only;
      drop table task; drop table policy; drop table calendar_day; drop table app_user; drop table department;
    `);
  }
}
