import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { loadConfig, type AppConfig } from '../libs/config/app-config.js';
import { Department, User } from '../libs/database/entities/index.js';
import { ormConfig } from '../libs/database/orm-config.js';
import type { Role } from '../libs/domain/roles.js';

export interface ScratchDatabase {
  config: AppConfig;
  orm: MikroORM;
  em: EntityManager;
  /** The scratch database's connection string, for bulk loading through `pg` directly. */
  url: string;
  /** The department that owns what a benchmark generates, and its one user. */
  department: Department;
  user: User;
}

/**
 * Runs a benchmark in a database of its own: created and migrated beside the configured one, given a
 * department and a user, and dropped afterwards unless `BENCH_KEEP_DB` is set (to look at the data).
 */
export async function withScratchDatabase(
  name: string,
  userRole: Role,
  run: (scratch: ScratchDatabase) => Promise<void>,
): Promise<void> {
  const config = loadConfig();
  const url = new URL(config.database.url);
  url.pathname = `/govshare_bench_${name}_${Date.now().toString(36)}`;
  const orm = new MikroORM(ormConfig({ database: { ...config.database, url: url.toString() } }));
  try {
    await orm.schema.ensureDatabase();
    await orm.migrator.up();
    const em = orm.em.fork();
    const department = em.create(Department, {
      code: 'BENCH',
      name: '基准测试部门',
      level: 'city',
      parentId: null,
    });
    await em.flush();
    const user = em.create(User, {
      username: 'bench',
      passwordHash: 'x',
      displayName: 'bench',
      departmentId: department.id,
      roles: [userRole],
    });
    await em.flush();
    await run({ config, orm, em, url: url.toString(), department, user });
  } finally {
    if (!process.env.BENCH_KEEP_DB) {
      await orm.schema
        .dropDatabase()
        .catch((error: unknown) => console.error(`could not drop the benchmark database: ${String(error)}`));
    }
    await orm.close(true);
  }
}

/** The entry point of every benchmark script: a failure prints and exits non-zero. */
export function runBenchmark(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
