/**
 * Sharing-request throughput: N concurrent conditional requests driven through provider approval
 * against the running system (`scripts/up.sh`), beside a bare workflow with the same number of
 * activities and one Update, on the same Temporal server. Prints throughput and latency percentiles.
 *   node dist/bench/sharing-throughput.bench.js [requests=50] [apiUrl=http://127.0.0.1:3000/api/v1]
 */
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadConfig } from '../libs/config/app-config.js';
import { approveUpdate, bareStepsWorkflow } from './bare-steps.workflow.js';

const requests = Number(process.argv[2] ?? 50);
const api = process.argv[3] ?? 'http://127.0.0.1:3000/api/v1';
// A conditional approval runs: status, openTask (before the Update); closeTask, status, filing ×2, grant, status (after).
const [ACTIVITIES_BEFORE, ACTIVITIES_AFTER] = [2, 6];

async function call(token: string | undefined, method: string, path: string, body?: unknown) {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a benchmark reads a few fields of untyped JSON
  const json = (await response.json()) as any;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}
const login = async (username: string, password: string) => (await call(undefined, 'POST', '/auth/login', { username, password })).accessToken as string;
const until = async <T>(check: () => Promise<T | undefined>): Promise<T> => {
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

function report(label: string, latencies: number[], wallMs: number) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(0);
  console.log(
    `${label.padEnd(28)} ${(latencies.length / (wallMs / 1000)).toFixed(1)} requests/s   p50 ${at(0.5)} ms  p90 ${at(0.9)} ms  p99 ${at(0.99)} ms  max ${at(1)} ms`,
  );
}

async function sharingRequests() {
  const config = loadConfig();
  const admin = await login('admin', config.auth.adminPassword);
  const infoOffice = await login('xinxiban.staff', 'demo-pass-123');
  const suffix = Date.now().toString(36).toUpperCase();
  const departments = await Promise.all(
    ['BP', 'BR'].map((code) => call(admin, 'POST', '/departments', { code: `BENCH-${code}-${suffix}`, name: `基准${code}${suffix}`, level: 'city' })),
  );
  const [provider, requester] = await Promise.all(
    departments.map(async (department, i) => {
      const username = `bench${i}.${suffix.toLowerCase()}`;
      await call(admin, 'POST', '/users', { username, password: 'bench-password', displayName: username, departmentId: department.id, roles: ['staff'] });
      return login(username, 'bench-password');
    }),
  );
  const resource = await call(provider, 'POST', '/catalog/resources', {
    name: `基准资源${suffix}`, abstract: '基准测试', catalog: 'base', classification: '基准', sharingType: 'conditional', sharingMethods: ['api'],
    openScope: 'internal', updateFrequency: 'daily', confidential: false,
    dataItems: [{ name: '字段甲', description: '', dataType: 'string', openScope: 'internal' }],
  });
  await call(provider, 'POST', `/catalog/resources/${resource.id}/submit`);
  const review = await until(async () => (await call(infoOffice, 'GET', '/tasks?kind=catalog_review&limit=200')).items.find((t: { subjectId: string }) => t.subjectId === resource.id));
  await call(infoOffice, 'POST', `/tasks/${review.id}/complete`, { outcome: 'approve' });

  const started = Date.now();
  const latencies = await Promise.all(
    Array.from({ length: requests }, async () => {
      const t0 = Date.now();
      const request = await call(requester, 'POST', '/sharing-requests', {
        resourceId: resource.id, dataItems: ['字段甲'], purpose: 'work_reference', purposeDetail: '基准', scope: '基准', method: 'api',
      });
      const task = await until(async () => (await call(provider, 'GET', `/sharing-requests/${request.id}`)).openTasks[0]);
      await call(provider, 'POST', `/tasks/${task.id}/complete`, { outcome: 'approve' });
      await until(async () => ((await call(requester, 'GET', `/sharing-requests/${request.id}`)).status === 'granted' ? true : undefined));
      return Date.now() - t0;
    }),
  );
  report('sharing request (API)', latencies, Date.now() - started);
}

async function bareWorkflows() {
  const { temporal } = loadConfig();
  const taskQueue = `bench-bare-${Date.now().toString(36)}`;
  const nativeConnection = await NativeConnection.connect({ address: temporal.address });
  const worker = await Worker.create({
    connection: nativeConnection,
    namespace: temporal.namespace,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./bare-steps.workflow.js', import.meta.url)),
    activities: { step: async (n: number) => n },
  });
  const running = worker.run();
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection, namespace: temporal.namespace });
  const started = Date.now();
  const latencies = await Promise.all(
    Array.from({ length: requests }, async (_, i) => {
      const t0 = Date.now();
      const handle = await client.workflow.start(bareStepsWorkflow, { taskQueue, workflowId: `${taskQueue}-${i}`, args: [ACTIVITIES_BEFORE, ACTIVITIES_AFTER] });
      await handle.executeUpdate(approveUpdate);
      await handle.result();
      return Date.now() - t0;
    }),
  );
  report('bare workflow (same steps)', latencies, Date.now() - started);
  worker.shutdown();
  await running;
  await connection.close();
}

console.log(`${requests} concurrent requests, each through provider approval to a grant`);
await sharingRequests();
await bareWorkflows();
