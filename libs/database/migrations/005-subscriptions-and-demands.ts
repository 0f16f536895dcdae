import { Migration } from '@mikro-orm/migrations';

export class SubscriptionsAndDemands extends Migration {
  override name = '005-subscriptions-and-demands';

  override up(): void {
    this.addSql(`
      create table catalog_subscription (
        id uuid primary key,
        resource_id uuid not null references catalog_resource (id),
        department_id uuid not null references department (id),
        subscribed_by uuid not null references app_user (id),
        created_at timestamptz not null,
        unique (resource_id, department_id)
      );
      create index catalog_subscription_department_idx on catalog_subscription (department_id);

      create table data_demand (
        id uuid primary key,
        requester_department_id uuid not null references department (id),
        expected_provider_department_id uuid not null references department (id),
        data_name text not null,
        content text not null,
        purpose text not null,
        update_frequency text not null check (update_frequency in ('realtime', 'daily', 'weekly', 'monthly', 'quarterly')),
        status text not null check (status in ('open', 'answered')),
        answer text check (answer in ('will_provide', 'exists', 'cannot')),
        answer_resource_id uuid references catalog_resource (id),
        answer_comment text,
        created_by uuid not null references app_user (id),
        created_at timestamptz not null,
        answered_at timestamptz
      );
      create index data_demand_requester_idx on data_demand (requester_department_id, created_at desc);
      create index data_demand_provider_idx on data_demand (expected_provider_department_id, status);
    `);
  }

  override down(): void {
    this.addSql('drop table data_demand; drop table catalog_subscription;');
  }
}
