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
        note text not null default ''
      );
      create table update_lapse (
        id uuid primary key,
        resource_id uuid not null references catalog_resource (id),
        provider_department_id uuid not null references department (id),
        frequency text not null,
        due_at timestamptz not null,
        detected_at timestamptz not null,
        resolved_at timestamptz,
        task_id uuid references task (id),
        unique (resource_id, due_at)
      );
    `);
  }

  override down(): void {
    this.addSql('drop table update_lapse; drop table resource_update;');
  }
}
