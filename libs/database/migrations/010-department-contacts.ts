import { Migration } from '@mikro-orm/migrations';

export class DepartmentContacts extends Migration {
  override name = '010-department-contacts';

  override up(): void {
    this.addSql(`
      -- Each department's contacts in force: its responsible leader, business contact and IT contact.
      create table department_contact (
        department_id uuid not null references department (id),
        role text not null check (role in ('leader', 'business', 'it')),
        name text not null check (btrim(name) <> ''),
        title text not null check (btrim(title) <> ''),
        phone text not null check (btrim(phone) <> ''),
        mobile text,
        email text,
        updated_by uuid not null references app_user (id),
        updated_at timestamptz not null,
        primary key (department_id, role)
      );

      -- Every registration as made: the yearly campaign reads the first one of each year against its deadline.
      create table contact_registration (
        id uuid primary key,
        department_id uuid not null references department (id),
        year integer not null check (year between 2000 and 2999),
        contacts jsonb not null,
        registered_by uuid not null references app_user (id),
        registered_at timestamptz not null
      );
      create index contact_registration_year_idx on contact_registration (year, department_id, registered_at);

      -- One campaign a year (seed 000: by 30 March); its workflow is contacts-campaign-<year>.
      create table contacts_campaign (
        year integer primary key check (year between 2000 and 2999),
        due_at timestamptz not null,
        opened_by uuid references app_user (id),
        opened_at timestamptz not null
      );
    `);
  }

  override down(): void {
    this.addSql(
      'drop table contacts_campaign; drop table contact_registration; drop table department_contact;',
    );
  }
}
