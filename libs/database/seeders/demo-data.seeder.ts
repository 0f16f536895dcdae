import type { EntityManager } from '@mikro-orm/core';
import { Seeder } from '@mikro-orm/seeder';
import { hashPassword } from '../../auth/passwords.js';
import { Department, User } from '../entities/index.js';
import { cityDepartments, DEMO_USERS } from './city-departments.js';

export interface DemoSeedContext {
  demoPassword: string;
}

/** The city's departments and a few demo users per role. Idempotent. */
export class DemoDataSeeder extends Seeder<DemoSeedContext> {
  async run(em: EntityManager, context?: DemoSeedContext): Promise<void> {
    if (!context?.demoPassword) throw new Error('DemoDataSeeder needs the demo password');

    const byCode = new Map((await em.find(Department, {})).map((d) => [d.code, d]));
    for (const seed of cityDepartments()) {
      if (byCode.has(seed.code)) continue;
      const parentId = seed.parentCode ? byCode.get(seed.parentCode)!.id : null;
      byCode.set(seed.code, em.create(Department, { code: seed.code, name: seed.name, level: seed.level, parentId }));
    }
    await em.flush();
    const byName = new Map([...byCode.values()].map((d) => [d.name, d]));

    const passwordHash = await hashPassword(context.demoPassword);
    for (const demo of DEMO_USERS) {
      if (await em.findOne(User, { username: demo.username })) continue;
      em.create(User, {
        username: demo.username,
        displayName: demo.displayName,
        passwordHash,
        email: `${demo.username}@demo.govshare.local`,
        departmentId: byName.get(demo.departmentName)!.id,
        roles: demo.roles,
      });
    }
    await em.flush();
  }
}
