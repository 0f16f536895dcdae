import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { contract } from './contract.js';
import { isAlive, readEnvironment, startProcess, waitFor, waitForLogLine, writeEnvironment, type E2eEnvironment } from './environment.js';

export { waitFor };

export const environment: E2eEnvironment = await readEnvironment();

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  contentType: string;
}

/** A thin HTTP client for the API under test, as one signed-in user (or anonymous). */
export class ApiClient {
  constructor(readonly token?: string) {}

  async request<T = any>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const response = await fetch(`${environment.apiUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    const result = { status: response.status, body: contentType.includes('json') && text ? JSON.parse(text) : text, contentType };
    // Every response must be what the OpenAPI document says it is (test/support/contract.ts).
    const violation = (await contract(environment.apiUrl)).problem(method, new URL(response.url), result.status, contentType, result.body);
    if (violation) throw new Error(`the response breaks the API contract: ${violation}`);
    return result;
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }
  put<T = any>(path: string, body: unknown) {
    return this.request<T>('PUT', path, body);
  }
  /** The raw response to a GET asking for one media type (a document as PDF, say). */
  fetchAs(path: string, accept: string): Promise<Response> {
    return fetch(`${environment.apiUrl}${path}`, { headers: { accept, ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) } });
  }
}

/** The bytes of a PDF response, checked to be a PDF with the platform's embedded CJK font. */
export async function pdfBytes(response: Response): Promise<Buffer> {
  if (response.status !== 200 || response.headers.get('content-type') !== 'application/pdf') {
    throw new Error(`expected a PDF, got ${response.status} ${response.headers.get('content-type')}: ${await response.text()}`);
  }
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-' || !/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/.test(bytes.toString('latin1'))) {
    throw new Error('the response is not a PDF with the embedded Noto Sans SC subset');
  }
  return bytes;
}

export const anonymous = new ApiClient();

export async function login(username: string, password = 'demo-pass-123'): Promise<ApiClient> {
  const response = await anonymous.post('/auth/login', { username, password });
  if (response.status !== 200) throw new Error(`login ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
  return new ApiClient(response.body.accessToken);
}

export const adminPassword = () => environment.env.ADMIN_PASSWORD!;

let uniqueCounter = 0;
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${(uniqueCounter++).toString(36)}`;
}

/** A fresh department with a staff member and a head, so a suite owns its data. */
export async function createDepartmentWithPeople(admin: ApiClient, label: string, options: { email?: boolean } = {}) {
  const code = unique(label).toUpperCase();
  const department = await admin.post('/departments', { code, name: `${label} 测试部门 ${code}`, level: 'city' });
  if (department.status !== 201) throw new Error(`creating department: ${JSON.stringify(department.body)}`);
  const people: Record<'staff' | 'head', { username: string; id: string; email?: string }> = {} as never;
  for (const role of ['staff', 'head'] as const) {
    const username = `${code.toLowerCase()}.${role}`;
    const email = options.email ? `${username}@e2e.govshare.local` : undefined;
    const user = await admin.post('/users', {
      username,
      password: 'e2e-password',
      displayName: `${label} ${role}`,
      departmentId: department.body.id,
      roles: [role],
      ...(email ? { email } : {}),
    });
    if (user.status !== 201) throw new Error(`creating user: ${JSON.stringify(user.body)}`);
    people[role] = { username, id: user.body.id, email };
  }
  return {
    id: department.body.id as string,
    code,
    people,
    staff: () => login(people.staff.username, 'e2e-password'),
    head: () => login(people.head.username, 'e2e-password'),
  };
}

/** Asks a department to acknowledge a notice: the platform's own workflow with one human task. */
export async function requestAcknowledgement(requester: ApiClient, departmentId: string, deadline?: string) {
  const started = await requester.post('/acknowledgements', { departmentId, title: unique('请确认通知'), ...(deadline ? { deadline } : {}) });
  if (started.status !== 201) throw new Error(`starting acknowledgement: ${started.status} ${JSON.stringify(started.body)}`);
  const acknowledgementId = started.body.id as string;
  const task = await waitFor('the acknowledgement task to open', async () => {
    const rows = await sql<{ id: string }>('select id from task where subject_id = $1', [acknowledgementId]);
    return rows[0];
  });
  return { acknowledgementId, workflowId: started.body.workflowId as string, taskId: task.id };
}

export async function sql<T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: environment.databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

export const mailSink = {
  async messages(): Promise<{ messageId: string; to: string[]; subject: string; raw: string }[]> {
    return (await fetch(`${environment.mailSinkUrl}/messages`)).json() as never;
  },
  async failNext(count: number) {
    await fetch(`${environment.mailSinkUrl}/fail-next?count=${count}`, { method: 'POST' });
  },
};

export async function temporalClient(): Promise<{ client: Client; close: () => Promise<void> }> {
  const connection = await Connection.connect({ address: '127.0.0.1:7233' });
  return { client: new Client({ connection }), close: () => connection.close() };
}

/** Kills the worker process outright (SIGKILL: no graceful shutdown), as a crash would. */
export async function killWorker() {
  const current = await readEnvironment();
  process.kill(current.pids.worker, 'SIGKILL');
  await waitFor('the worker to die', () => !isAlive(current.pids.worker));
}

export async function startWorker() {
  const current = await readEnvironment();
  const logFile = join(current.logDir, 'worker.log');
  const { size } = await import('node:fs/promises').then((fs) => fs.stat(logFile));
  current.pids.worker = startProcess('apps/worker/src/main.js', current.env, logFile);
  await writeEnvironment(current);
  await waitForLogLine(logFile, 'worker ready', size);
}
