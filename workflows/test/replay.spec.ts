import { readdirSync, readFileSync } from 'node:fs';
import proto from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { installQuietRuntime, workflowBundle } from './workflow-test-env.js';

/**
 * Determinism: the recorded histories of real executions (from the end-to-end suites, written by
 * scripts/record-histories.ts) replay against the current workflow code. A change that makes a workflow
 * take other steps for the same history — a new activity before an old one, a timer removed, a renamed
 * child — fails here, long before a deployed worker meets a running execution it can no longer replay.
 * Such a change needs `patched()` (or a new workflow type), and the histories are recorded again.
 */
const { History } = proto.temporal.api.history.v1;
const HISTORIES = new URL('./histories/', import.meta.url);
const files = readdirSync(HISTORIES)
  .filter((name) => name.endsWith('.json'))
  .sort();

describe('recorded histories', () => {
  it('are there to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it('replay against the current workflow code without nondeterminism', async () => {
    const histories = files.map((name) => ({
      // The file name is `<workflow type>--<workflow id>.json`.
      workflowId: name.slice(name.indexOf('--') + 2, -'.json'.length),
      history: History.fromObject(JSON.parse(readFileSync(new URL(name, HISTORIES), 'utf8'))),
    }));
    installQuietRuntime();
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: await workflowBundle() },
      histories,
    )) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message.slice(0, 400)}`);
    }
    expect(failures).toEqual([]);
  }, 60_000);
});
