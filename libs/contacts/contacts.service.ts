import { randomUUID } from 'node:crypto';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  ContactRegistration,
  ContactsCampaign,
  Department,
  DepartmentContact,
} from '../database/entities/index.js';
import {
  CONTACT_ROLES,
  CONTACTS_CAMPAIGN_LEVELS,
  contactsTiming,
  contactsYear,
  type ContactsTiming,
  type DepartmentContacts,
} from '../domain/contacts.js';
import { ConflictError } from '../domain/errors.js';
import { FilingLedger } from '../filings/filing-ledger.service.js';

export interface CampaignDepartment {
  departmentId: string;
  name: string;
  registered: boolean;
}

export interface ContactsStanding {
  departmentId: string;
  code: string;
  name: string;
  level: string;
  status: ContactsTiming;
  registered: boolean;
  /** The year's first registration, the one measured against the deadline. */
  registeredAt: string | null;
  /** The campaign's task for the department passed its deadline open (it may have registered since). */
  overdue: boolean;
}

/**
 * The departments a campaign asks: city departments and districts with someone who can register for them
 * (an active staff member or head). Parameters: $1 the year.
 */
const CAMPAIGN_DEPARTMENTS = `
  select d.id, d.code, d.name, d.level,
    (select min(r.registered_at) from contact_registration r where r.department_id = d.id and r.year = ?) as first_registered_at,
    exists (
      select 1 from task t
      where t.kind = 'contacts_registration' and t.subject_type = 'contacts_campaign' and t.subject_id = ?
        and t.assignee_department_id = d.id and t.overdue_at is not null
    ) as overdue
  from department d
  where d.level in (${CONTACTS_CAMPAIGN_LEVELS.map((level) => `'${level}'`).join(', ')})
    and exists (select 1 from app_user u where u.department_id = d.id and u.active and u.roles && array['staff', 'head'])
  order by d.code`;

interface CampaignDepartmentRow {
  id: string;
  code: string;
  name: string;
  level: string;
  first_registered_at: Date | string | null;
  overdue: boolean;
}

/** Department contacts (负责人和联系人) and the yearly campaign that asks for them. */
@Injectable()
export class ContactsService {
  constructor(
    private readonly em: EntityManager,
    private readonly filings: FilingLedger,
  ) {}

  async current(
    departmentId: string,
  ): Promise<{ contacts: DepartmentContacts; updatedAt: Date; updatedBy: string } | null> {
    const rows = await this.em.find(DepartmentContact, { departmentId });
    if (rows.length === 0) return null;
    const contacts = Object.fromEntries(
      rows.map((row) => [
        row.role,
        {
          name: row.name,
          title: row.title,
          phone: row.phone,
          mobile: row.mobile ?? null,
          email: row.email ?? null,
        },
      ]),
    ) as DepartmentContacts;
    const latest = rows.reduce((a, b) => (a.updatedAt >= b.updatedAt ? a : b));
    return { contacts, updatedAt: latest.updatedAt, updatedBy: latest.updatedBy };
  }

  /** Replaces the department's contacts, keeps the registration for the year's campaign and files it with the info office. */
  async register(
    departmentId: string,
    registeredBy: string,
    contacts: DepartmentContacts,
  ): Promise<ContactRegistration> {
    const registeredAt = new Date();
    const registration = await this.em.transactional(async (tx) => {
      for (const role of CONTACT_ROLES) {
        const contact = {
          ...contacts[role],
          mobile: contacts[role].mobile ?? null,
          email: contacts[role].email ?? null,
        };
        const existing = await tx.findOne(DepartmentContact, { departmentId, role });
        if (existing) tx.assign(existing, { ...contact, updatedBy: registeredBy, updatedAt: registeredAt });
        else
          tx.create(DepartmentContact, {
            departmentId,
            role,
            ...contact,
            updatedBy: registeredBy,
            updatedAt: registeredAt,
          });
      }
      return tx.create(ContactRegistration, {
        id: randomUUID(),
        departmentId,
        year: contactsYear(registeredAt),
        contacts,
        registeredBy,
        registeredAt,
      });
    });
    await this.filings.append({
      kind: 'contacts.registered',
      authority: 'info_office',
      subjectType: 'department',
      subjectId: departmentId,
      departmentIds: [departmentId],
      payload: { registrationId: registration.id, year: registration.year, contacts, registeredBy },
      idempotencyKey: `contacts-registration:${registration.id}`,
    });
    return registration;
  }

  async hasRegistered(departmentId: string, year: number): Promise<boolean> {
    return (await this.em.count(ContactRegistration, { departmentId, year })) > 0;
  }

  campaign(year: number): Promise<ContactsCampaign | null> {
    return this.em.findOne(ContactsCampaign, { year });
  }

  /**
   * Records the year's campaign; a second one for the same year is a conflict (two at once: the primary key
   * refuses the second). `start` runs inside the transaction, so a failed start records nothing.
   */
  async openCampaign(
    year: number,
    dueAt: Date,
    openedBy: string | null,
    start: () => Promise<void>,
  ): Promise<ContactsCampaign> {
    try {
      return await this.em.transactional(async (tx) => {
        const campaign = tx.create(ContactsCampaign, { year, dueAt, openedBy, openedAt: new Date() });
        await tx.flush();
        await start();
        return campaign;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        throw new ConflictError(`the contacts campaign of ${year} has already been opened`);
      throw error;
    }
  }

  /** For the campaign workflow: whom to ask, and who has registered this year already. */
  async campaignDepartments(year: number): Promise<CampaignDepartment[]> {
    const rows = await this.em.execute<CampaignDepartmentRow[]>(CAMPAIGN_DEPARTMENTS, [year, String(year)]);
    return rows.map((row) => ({
      departmentId: row.id,
      name: row.name,
      registered: row.first_registered_at !== null,
    }));
  }

  /** Every department the year's campaign asks, on time, late, pending or missing against the deadline. */
  async standing(year: number, dueAt: Date, now = new Date()): Promise<ContactsStanding[]> {
    const rows = await this.em.execute<CampaignDepartmentRow[]>(CAMPAIGN_DEPARTMENTS, [year, String(year)]);
    return rows.map((row) => {
      const registeredAt = row.first_registered_at === null ? null : new Date(row.first_registered_at);
      return {
        departmentId: row.id,
        code: row.code,
        name: row.name,
        level: row.level,
        status: contactsTiming(registeredAt, dueAt, now),
        registered: registeredAt !== null,
        registeredAt: registeredAt?.toISOString() ?? null,
        overdue: row.overdue,
      };
    });
  }

  department(id: string): Promise<Department | null> {
    return this.em.findOne(Department, { id });
  }
}
