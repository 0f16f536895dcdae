import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';

/**
 * Runs SQL with server-side bind parameters (`$1`, `$2`…) on the EntityManager's connection, inside
 * its transaction when there is one. `em.execute` inlines parameters into the SQL text client-side,
 * which costs about 0.3 s per MB: too slow for the megabytes of JSON a set-based write of a
 * thousand scorecards sends. This is Kysely's `CompiledQuery.raw`, which MikroORM does not re-export.
 */
export async function executeBound<T = Record<string, unknown>>(em: EntityManager, sql: string, parameters: unknown[]): Promise<T[]> {
  const compiled = {
    sql,
    parameters,
    query: { kind: 'RawNode' as const, sqlFragments: [sql], parameters: [] },
    queryId: { queryId: randomUUID() },
  };
  const result = await em.getKysely().executeQuery<T>(compiled as never);
  return [...result.rows];
}
