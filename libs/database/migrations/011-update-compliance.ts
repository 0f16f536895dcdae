import { Migration } from '@mikro-orm/migrations';

export class UpdateCompliance extends Migration {
  override name = '011-update-compliance';

  override up(): void {
    this.addSql(`
      create table resource_update (
        id uuid primary key,
        resource_id uuid not null references catalog_resource (id),
        provider_department_id uuid not null references department (id),
        recorded_at timestamptz not null,
        recorded_by uuid not null references app_user (id),
        note text not null default '',
        -- Set when the update was recorded by completing a data_update task: the task records once.
        source_task_id uuid unique references task (id)
      );
      create index resource_update_resource_idx on resource_update (resource_id, recorded_at desc);
      create index resource_update_department_idx on resource_update (provider_department_id, recorded_at desc);

      create table update_lapse (
        id uuid primary key,
        resource_id uuid not null references catalog_resource (id),
        provider_department_id uuid not null references department (id),
        frequency text not null,
        due_at timestamptz not null,
        detected_at timestamptz not null,
        resolved_at timestamptz,
        task_id uuid references task (id),
        rule text not null default 'frequency' check (rule in ('frequency', 'quarterly_floor')),
        resolved_by_update_id uuid references resource_update (id),
        process_started_at timestamptz,
        unique (resource_id, due_at)
      );
      create index update_lapse_open_idx on update_lapse (resource_id) where resolved_at is null;
      create index update_lapse_unstarted_idx on update_lapse (detected_at) where process_started_at is null;
      create index update_lapse_department_idx on update_lapse (provider_department_id, detected_at desc);
    `);
  }

  override down(): void {
    this.addSql('drop table update_lapse; drop table resource_update;');
  }
}
