import { randomBytes } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/environment.ts';
import { startSystem } from '../support/global-setup.ts';
import chaosTeardown from './global-teardown.ts';
import { createInfrastructure, readChaosEnvironment, stopInfrastructure } from './infrastructure.ts';

/**
 * Brings up a whole platform of the suite's own: its own PostgreSQL cluster, Redis and Temporal dev
 * server (test/chaos/infrastructure.ts), then the API, the worker and the mail sink against them,
 * started exactly as the e2e setup starts them.
 */
export default async function chaosSetup() {
  statSync(join(ROOT, 'dist/apps/api/src/main.js')); // built by scripts/test.sh (npm run build)
  const runId = `chaos-${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const infrastructure = await createInfrastructure(mkdtempSync(join(tmpdir(), 'govshare-chaos-')));
  try {
    await startSystem(
      runId,
      {
        DATABASE_URL: `postgresql://postgres@127.0.0.1:${infrastructure.postgres.port}/govshare_chaos`,
        REDIS_URL: `redis://127.0.0.1:${infrastructure.redis.port}`,
        TEMPORAL_ADDRESS: `127.0.0.1:${infrastructure.temporal.port}`,
        TEMPORAL_TASK_QUEUE: 'govshare-chaos',
        QUEUE_PREFIX: 'govshare-chaos',
        // A request that waits on a dependency that is down answers 503 after this long instead of hanging.
        REQUEST_TIMEOUT_SECONDS: '5',
      },
      { chaos: infrastructure },
    );
  } catch (error) {
    // Jest runs no teardown after a failed setup: stop what was started here rather than leave it running.
    const environment = await readChaosEnvironment().catch(() => undefined);
    if (environment?.runId === runId) await chaosTeardown();
    else await stopInfrastructure(infrastructure);
    throw error;
  }
}
