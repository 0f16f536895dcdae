import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { ContactRole, DepartmentContacts } from '../../domain/contacts.js';

/** One of a department's contacts in force (负责人、业务联络人、信息技术联络人). */
@Entity({ tableName: 'department_contact' })
export class DepartmentContact {
  @PrimaryKey({ type: 'uuid' })
  departmentId!: string;

  @PrimaryKey({ type: 'string' })
  role!: ContactRole;

  @Property({ type: 'string' })
  name!: string;

  @Property({ type: 'string' })
  title!: string;

  @Property({ type: 'string' })
  phone!: string;

  @Property({ type: 'string', nullable: true })
  mobile?: string | null;

  @Property({ type: 'string', nullable: true })
  email?: string | null;

  @Property({ type: 'uuid' })
  updatedBy!: string;

  @Property({ type: 'datetime' })
  updatedAt!: Date;
}

/** A registration as the department made it; the first of each year is measured against the campaign's deadline. */
@Entity({ tableName: 'contact_registration' })
export class ContactRegistration {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  departmentId!: string;

  @Property({ type: 'integer' })
  year!: number;

  @Property({ type: 'json' })
  contacts!: DepartmentContacts;

  @Property({ type: 'uuid' })
  registeredBy!: string;

  @Property({ type: 'datetime' })
  registeredAt!: Date;
}

/** The yearly contacts campaign (workflow contacts-campaign-<year>). */
@Entity({ tableName: 'contacts_campaign' })
export class ContactsCampaign {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  year!: number;

  @Property({ type: 'datetime' })
  dueAt!: Date;

  @Property({ type: 'uuid', nullable: true })
  openedBy?: string | null;

  @Property({ type: 'datetime' })
  openedAt!: Date;
}
