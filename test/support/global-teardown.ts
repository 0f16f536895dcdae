import { execFileSync } from 'node:child_process';
import { Client, Connection } from '@temporalio/client';
import { Redis } from 'ioredis';
import { join } from 'node:path';
import { parseConfig } from '../../libs/config/app-config.ts';
import { deleteSchedules, platformSchedules } from '../../libs/temporal/schedules.ts';
import { isAlive, readEnvironment, ROOT, waitFor, type E2eEnvironment } from './environment.ts';

/** Stops what the setup started and removes what the run left in PostgreSQL and Redis. */
export default async function globalTeardown() {
  const environment = await readEnvironment();
  await deleteRunSchedules(environment);
  for (const pid of Object.values(environment.pids)) {
    if (isAlive(pid)) process.kill(pid, 'SIGTERM');
  }
  await Promise.all(
    Object.values(environment.pids).map((pid) =>
      waitFor(`process ${pid} to exit`, () => !isAlive(pid), { timeoutMs: 15_000 }).catch(() => process.kill(pid, 'SIGKILL')),
    ),
  );

  await terminateRunWorkflows(environment.env.TEMPORAL_TASK_QUEUE!);

  execFileSync(join(ROOT, 'node_modules/.bin/node'), [join(ROOT, 'dist/scripts/db.js'), 'drop'], {
    env: { ...process.env, ...environment.env },
    stdio: 'inherit',
  });

  const redis = new Redis('redis://127.0.0.1:6379');
  const stream = redis.scanStream({ match: `${environment.env.QUEUE_PREFIX}:*`, count: 500 });
  for await (const keys of stream as AsyncIterable<string[]>) {
    if (keys.length > 0) await redis.del(...keys);
  }
  await redis.quit();
}

/** The run's schedules would otherwise go on starting workflows on its task queue after it is gone. */
async function deleteRunSchedules(environment: E2eEnvironment) {
  const connection = await Connection.connect({ address: '127.0.0.1:7233' });
  try {
    const taskQueue = environment.env.TEMPORAL_TASK_QUEUE!;
    await deleteSchedules(new Client({ connection }), taskQueue, platformSchedules(parseConfig(environment.env)));
  } finally {
    await connection.close();
  }
}

/** Workflows of this run would otherwise wait forever on a task queue nobody polls any more. */
async function terminateRunWorkflows(taskQueue: string) {
  const connection = await Connection.connect({ address: '127.0.0.1:7233' });
  const client = new Client({ connection });
  for await (const workflow of client.workflow.list({ query: `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'` })) {
    await client.workflow.getHandle(workflow.workflowId, workflow.runId).terminate('end-to-end run finished').catch(() => undefined);
  }
  await connection.close();
}
