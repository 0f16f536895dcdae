/**
 * Database administration, run as a command and never at module init:
 *   db.js setup        create the database if missing, migrate, seed reference data
 *   db.js seed-demo    the city's departments and demo users
 *   db.js drop         drop the database (tests use it to clean up)
 */
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../libs/config/app-config.js';
import { ormConfig } from '../libs/database/orm-config.js';
import { DemoDataSeeder } from '../libs/database/seeders/demo-data.seeder.js';
import { ReferenceDataSeeder } from '../libs/database/seeders/reference-data.seeder.js';

const DEMO_PASSWORD = 'demo-pass-123';

async function main(command: string) {
  const config = loadConfig();
  const orm = new MikroORM(ormConfig(config));
  try {
    switch (command) {
      case 'setup': {
        await orm.schema.ensureDatabase({ create: false });
        const applied = await orm.migrator.up();
        console.log(`migrations applied: ${applied.map((m) => m.name).join(', ') || 'none pending'}`);
        await new ReferenceDataSeeder().run(orm.em.fork(), { adminPassword: config.auth.adminPassword });
        console.log('reference data seeded');
        return;
      }
      case 'seed-demo':
        await new DemoDataSeeder().run(orm.em.fork(), { demoPassword: DEMO_PASSWORD });
        console.log(`demo departments and users seeded (password: ${DEMO_PASSWORD})`);
        return;
      case 'drop':
        await orm.schema.dropDatabase();
        console.log('database dropped');
        return;
      default:
        throw new Error(`unknown command '${command}': expected setup, seed-demo or drop`);
    }
  } finally {
    await orm.close(true);
  }
}

main(process.argv[2] ?? 'setup').catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
