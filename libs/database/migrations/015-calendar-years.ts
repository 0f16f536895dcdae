import { Migration } from '@mikro-orm/migrations';

/**
 * Years with a published holiday arrangement (any other year is provisional: its statutory holidays are
 * computed), and the resumable recomputation of open deadlines after a calendar change.
 */
export class CalendarYears extends Migration {
  override name = '015-calendar-years';

  override up(): void {
    this.addSql(`
      create table calendar_year (
        year int primary key check (year between 2000 and 2099),
        reference text not null,
        title text not null,
        content_hash text,
        imported_by uuid references app_user (id),
        imported_at timestamptz not null default now(),
        filing_seq bigint references filing (seq)
      );

      create table calendar_recompute_job (
        id uuid primary key,
        cause text not null check (cause in ('day_edit', 'arrangement_import')),
        from_date date not null,
        to_date date not null check (to_date >= from_date),
        requested_by uuid references app_user (id),
        created_at timestamptz not null default now(),
        status text not null check (status in ('running', 'done')),
        after_task_id uuid,
        moved int not null default 0,
        woken int not null default 0,
        finished_at timestamptz
      );
      create index calendar_recompute_job_running_idx on calendar_recompute_job (created_at) where status = 'running';

      create table calendar_recompute_move (
        job_id uuid not null references calendar_recompute_job (id),
        task_id uuid not null references task (id),
        workflow_id text not null,
        previous_due_at timestamptz not null,
        due_at timestamptz not null,
        wake boolean not null,
        -- When the workflow must next act by the new deadline (its pending reminder, or the due time).
        wake_at timestamptz,
        woken_at timestamptz,
        primary key (job_id, task_id)
      );
      create index calendar_recompute_move_wake_idx on calendar_recompute_move (job_id, wake_at) where wake and woken_at is null;

      -- Set when the task's workflow re-reads its deadline at least this often: a deadline moved earlier but still
      -- further away than that needs no signal, the workflow finds it by itself in time.
      alter table task add column deadline_recheck_ms bigint check (deadline_recheck_ms > 0);

      create index task_open_working_day_idx on task (id) where status = 'open' and deadline_policy like '%wd';
    `);
  }

  override down(): void {
    this.addSql(`
      drop index task_open_working_day_idx;
      alter table task drop column deadline_recheck_ms;
      drop table calendar_recompute_move; drop table calendar_recompute_job; drop table calendar_year;
    `);
  }
}
