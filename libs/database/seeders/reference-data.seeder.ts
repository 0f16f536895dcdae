import type { EntityManager } from '@mikro-orm/core';
import { Seeder } from '@mikro-orm/seeder';
import { hashPassword } from '../../auth/passwords.js';
import { noticeTitle, officialCalendarEntries, PACKAGED_NOTICES } from '../../calendar/official-calendar.js';
import { DEFAULT_POLICIES } from '../../domain/policies.js';
import { CalendarDay, CalendarYear, Department, Policy, User } from '../entities/index.js';
import { COORDINATING_BODIES } from './city-departments.js';

export interface ReferenceSeedContext {
  adminPassword: string;
}

/**
 * What every installation needs: policies at their defaults, the official calendar, the coordinating
 * bodies and the admin account. Idempotent: it never overwrites what an administrator changed.
 */
export class ReferenceDataSeeder extends Seeder<ReferenceSeedContext> {
  async run(em: EntityManager, context?: ReferenceSeedContext): Promise<void> {
    if (!context?.adminPassword) throw new Error('ReferenceDataSeeder needs the admin password');

    for (const [key, { value, description }] of Object.entries(DEFAULT_POLICIES)) {
      if (!(await em.findOne(Policy, { key }))) em.create(Policy, { key, value, description });
    }

    const known = new Set((await em.find(CalendarDay, {}, { fields: ['date'] })).map((day) => day.date));
    // Only the years whose notice is recorded: a year is official with its reference, or provisional.
    for (const entry of officialCalendarEntries().filter((e) => PACKAGED_NOTICES[Number(e.date.slice(0, 4))])) {
      if (!known.has(entry.date)) em.create(CalendarDay, { ...entry, source: 'official' });
    }
    for (const [year, reference] of Object.entries(PACKAGED_NOTICES)) {
      if (!(await em.findOne(CalendarYear, { year: Number(year) }))) {
        em.create(CalendarYear, { year: Number(year), reference, title: noticeTitle(Number(year)) });
      }
    }

    const departments = new Map<string, Department>();
    for (const body of Object.values(COORDINATING_BODIES)) {
      const existing = await em.findOne(Department, { code: body.code });
      departments.set(body.code, existing ?? em.create(Department, { ...body, parentId: null }));
    }

    await em.flush();
    if (!(await em.findOne(User, { username: 'admin' }))) {
      em.create(User, {
        username: 'admin',
        passwordHash: await hashPassword(context.adminPassword),
        displayName: '系统管理员',
        departmentId: departments.get(COORDINATING_BODIES.infoOffice.code)!.id,
        roles: ['admin'],
      });
    }
    await em.flush();
  }
}
