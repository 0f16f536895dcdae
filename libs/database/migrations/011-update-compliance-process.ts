import { Migration } from '@mikro-orm/migrations';

/** What the update-compliance process adds to the tables of 011-update-compliance. */
export class UpdateComplianceProcess extends Migration {
  override name = '011-update-compliance-process';

  override up(): void {
    this.addSql(`
      -- Set when the update was recorded by completing a data_update task: the task records once.
      alter table resource_update add column source_task_id uuid unique references task (id);
      create index resource_update_resource_idx on resource_update (resource_id, recorded_at desc);
      create index resource_update_department_idx on resource_update (provider_department_id, recorded_at desc);

      alter table update_lapse
        add column rule text not null default 'frequency' check (rule in ('frequency', 'quarterly_floor')),
        add column resolved_by_update_id uuid references resource_update (id),
        add column process_started_at timestamptz;
      create index update_lapse_open_idx on update_lapse (resource_id) where resolved_at is null;
      create index update_lapse_unstarted_idx on update_lapse (detected_at) where process_started_at is null;
      create index update_lapse_department_idx on update_lapse (provider_department_id, detected_at desc);
    `);
  }

  override down(): void {
    this.addSql(`
      drop index update_lapse_department_idx; drop index update_lapse_unstarted_idx; drop index update_lapse_open_idx;
      alter table update_lapse drop column process_started_at, drop column resolved_by_update_id, drop column rule;
      drop index resource_update_department_idx; drop index resource_update_resource_idx;
      alter table resource_update drop column source_task_id;
    `);
  }
}
