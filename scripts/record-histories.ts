/**
 * Records the event histories of real executions for the replay spec (workflows/test/replay.spec.ts),
 * so that a workflow change that breaks determinism fails in the unit stage instead of in production.
 *
 *   node dist/scripts/record-histories.js [--out DIR] [--limit N] (--query 'VISIBILITY QUERY' | WORKFLOW_ID...)
 *
 * e.g. after an end-to-end run (its task queue is govshare-e2e-<run id>, the run id being its folder under
 * .data/test-logs/):
 *
 *   node dist/scripts/record-histories.js --limit 2 \
 *     --query "TaskQueue = 'govshare-e2e-<run id>' AND WorkflowType = 'sharingRequestWorkflow' AND ExecutionStatus = 'Completed'"
 *
 * Each history is written as DIR/<workflow type>--<workflow id>.json: the protobuf object form of the history
 * (`History.toObject`, 64-bit numbers, enums and bytes as strings), read back by `History.fromObject`. Not the
 * SDK's `historyToJSON`: in this install protobufjs 8 is nested twice (under @temporalio/common and
 * @temporalio/proto, @grpc/proto-loader's protobufjs 7 holding the top level), so its protojson rejects the
 * other copy's types ("type must be a Type"); the object form needs one copy only. Connects to TEMPORAL_ADDRESS (default 127.0.0.1:7233), namespace
 * TEMPORAL_NAMESPACE (default `default`); only reads.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import proto from '@temporalio/proto';

const { History } = proto.temporal.api.history.v1;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    query: { type: 'string' },
    out: { type: 'string', default: 'workflows/test/histories' },
    limit: { type: 'string' },
  },
});
if (!values.query && positionals.length === 0) {
  console.error('usage: record-histories [--out DIR] [--limit N] (--query QUERY | WORKFLOW_ID...)');
  process.exit(2);
}
const limit = values.limit ? Number(values.limit) : Infinity;

const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233' });
const client = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
try {
  await mkdir(values.out!, { recursive: true });
  const executions: { workflowId: string; runId?: string }[] = positionals.map((workflowId) => ({
    workflowId,
  }));
  if (values.query) {
    for await (const execution of client.workflow.list({ query: values.query })) {
      if (executions.length >= limit) break;
      executions.push({ workflowId: execution.workflowId, runId: execution.runId });
    }
  }
  for (const { workflowId, runId } of executions) {
    const handle = client.workflow.getHandle(workflowId, runId);
    const { type } = await handle.describe();
    const history = await handle.fetchHistory();
    const file = join(values.out!, `${type}--${workflowId}.json`);
    const json = History.toObject(History.fromObject(history), {
      longs: String,
      enums: String,
      bytes: String,
    });
    await writeFile(file, `${JSON.stringify(json, null, 1)}\n`);
    console.log(`${file}: ${history.events?.length ?? 0} events`);
  }
  if (executions.length === 0) console.error('no execution matched');
} finally {
  await connection.close();
}
