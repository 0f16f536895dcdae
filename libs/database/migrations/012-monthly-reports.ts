import { Migration } from '@mikro-orm/migrations';

export class MonthlyReports extends Migration {
  override name = '012-monthly-reports';

  override up(): void {
    this.addSql(`
      create table monthly_report_round (
        month text primary key check (month ~ '^\\d{4}-(0[1-9]|1[0-2])$'),
        due_at timestamptz not null,
        opened_by uuid references app_user (id),
        opened_at timestamptz not null
      );

      create table monthly_report (
        id uuid primary key,
        month text not null references monthly_report_round (month),
        department_id uuid not null references department (id),
        due_at timestamptz not null,
        status text not null check (status in ('open', 'submitted')),
        figures jsonb,
        progress text,
        problems text,
        late boolean,
        submitted_by uuid references app_user (id),
        submitted_at timestamptz,
        created_at timestamptz not null,
        unique (department_id, month),
        check (status = 'open' or (progress is not null and problems is not null and submitted_at is not null and late is not null))
      );
      create index monthly_report_month_idx on monthly_report (month, status);
    `);
  }

  override down(): void {
    this.addSql('drop table monthly_report; drop table monthly_report_round;');
  }
}
