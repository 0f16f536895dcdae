import { readdirSync, readFileSync } from 'node:fs';
import proto from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { installQuietRuntime, workflowBundle } from './workflow-test-env.js';

/**
 * Determinism: the recorded histories of real executions (from the end-to-end suites, written by
 * scripts/record-histories.ts) replay against the current workflow code. A change that makes a workflow
 * take other steps for the same history — a new activity before an old one, a timer removed, a renamed
 * child — fails here, long before a deployed worker meets a running execution it can no longer replay.
 * Such a change must keep the old histories replaying (`patched()`, or a new workflow type); histories
 * of the new code are then added beside the old ones, which stay as long as executions like them may run.
 *
 * histories/ holds executions of the sharing-requests, sharing-agreement, sharing-grants, human-tasks and
 * assessment end-to-end suites: a sharing request along each path (granted, negotiated, refused and
 * escalated, withdrawn, agreement returned and re-signed, renewed, suspended, revoked, expired, onward ended
 * with its source…), its escalations and agreements, acknowledgements, and an assessment year. To add
 * some, run a suite, then
 * `node dist/scripts/record-histories.js --query "TaskQueue = 'govshare-e2e-<run id>' AND …"`.
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
