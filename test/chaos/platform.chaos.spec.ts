import { statSync } from 'node:fs';
import { join } from 'node:path';
import { publishResource } from '../support/catalog.js';
import { isAlive, startProcess, waitForLogLine } from '../support/environment.js';
import {
  adminPassword,
  createDepartmentWithPeople,
  environment,
  login,
  mailSink,
  sql,
  waitFor,
  type ApiClient,
} from '../support/harness.js';
import { openTaskOn, requestInStatus, sharingApplication } from '../support/sharing.js';
import {
  killProcess,
  killRedis,
  killTemporal,
  readChaosEnvironment,
  saveChaosEnvironment,
  startPostgres,
  startRedis,
  startTemporal,
  stopPostgres,
  type ChaosEnvironment,
} from './infrastructure.js';

/**
 * Issue 11's chaos suite. CHAOS_REQUESTS sharing requests (default 40) are put at every stage of their
 * life, with reminders and e-mails in flight; then, while a load generator keeps completing tasks through
 * the API, the worker, the API, the Temporal server, PostgreSQL and Redis are killed and restarted, one at a
 * time and then all together. Afterwards it counts what was lost, stuck or doubled.
 */
const REQUESTS = Number(process.env.CHAOS_REQUESTS ?? 40);
const RECOVERY_LIMIT_MS = 10_000;
// The API answers 503 after REQUEST_TIMEOUT_SECONDS (5 s, test/chaos/global-setup.ts); past this a request hangs.
const CLIENT_TIMEOUT_MS = 8_000;
const DOWN_MS = 4_000;
/** How close to a worker's SIGKILL an e-mail's first copy must arrive for its resend to be that kill's (see below). */
const KILL_WINDOW_MS = 1_000;

type Stage =
  'awaiting_provider' | 'negotiating' | 'escalated' | 'awaiting_agreement' | 'granted' | 'expiring';
const STAGES: Stage[] = [
  'awaiting_provider',
  'negotiating',
  'escalated',
  'awaiting_agreement',
  'granted',
  'expiring',
];
/** An expiring grant ends this long after it is given (its notice 60 s before): in the middle of the faults. */
const EXPIRES_AFTER_MS = 120_000;

interface Tracked {
  id: string;
  stage: Stage;
  /** Driven by the load generator to its grant during the faults; the others stay where they are. */
  driven: boolean;
}

/** The filings each request must have exactly once, by where it started and whether it was driven on. */
const EXPECTED_FILINGS: Record<Stage, { waiting: string[]; driven: string[] }> = {
  awaiting_provider: { waiting: [], driven: ['sharing.negotiated', 'sharing.granted'] },
  negotiating: { waiting: [], driven: ['sharing.negotiated', 'sharing.granted'] },
  escalated: {
    waiting: ['sharing.refused_by_provider', 'sharing.refusal_reported'],
    driven: [
      'sharing.refused_by_provider',
      'sharing.refusal_reported',
      'sharing.escalation_decided',
      'sharing.negotiated',
      'sharing.granted',
    ],
  },
  awaiting_agreement: {
    waiting: ['sharing.negotiated'],
    driven: ['sharing.negotiated', 'agreement.acknowledged', 'sharing.granted'],
  },
  granted: {
    waiting: ['sharing.negotiated', 'sharing.granted'],
    driven: ['sharing.negotiated', 'sharing.granted'],
  },
  expiring: { waiting: ['sharing.negotiated', 'sharing.granted', 'sharing.expired'], driven: [] },
};
const WAITING_TASKS: Record<Stage, string[]> = {
  awaiting_provider: ['provider_review'],
  negotiating: ['counter_offer_response'],
  escalated: ['coordination'],
  awaiting_agreement: ['agreement_signature', 'agreement_signature'],
  granted: [],
  expiring: [],
};

/** Where a request must end: driven ones granted, expiring ones expired, the others where they were put. */
function finalStatus(request: Tracked): string {
  return request.driven ? 'granted' : request.stage === 'expiring' ? 'expired' : request.stage;
}

interface TimedResponse {
  status: number; // 0: no answer (connection refused or reset)
  problem: boolean;
  hung: boolean;
  body: any;
}

/** One HTTP call that never waits longer than CLIENT_TIMEOUT_MS: a hang is recorded, not waited out. */
async function call(
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<TimedResponse> {
  try {
    const response = await fetch(`${environment.apiUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
    });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      problem: type.includes('application/problem+json'),
      hung: false,
      body: type.includes('json') && text ? JSON.parse(text) : text,
    };
  } catch (error) {
    const hung = (error as Error).name === 'TimeoutError';
    return { status: 0, problem: false, hung, body: String(error) };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function inBatches<T, R>(
  items: T[],
  size: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size)
    results.push(...(await Promise.all(items.slice(i, i + size).map((item, j) => work(item, i + j)))));
  return results;
}

describe('chaos: every dependency killed mid-flight', () => {
  let chaos: ChaosEnvironment;
  let admin: ApiClient;
  let infoOffice: ApiClient;
  let secrecyBureau: ApiClient;
  let providerStaff: ApiClient;
  let providerHead: ApiClient;
  let requesterStaff: ApiClient;
  let requesterHead: ApiClient;
  let providerDepartmentId: string;
  const tracked: Tracked[] = [];

  beforeAll(async () => {
    chaos = await readChaosEnvironment();
    admin = await login('admin', adminPassword());
    infoOffice = await login('xinxiban.staff');
    secrecyBureau = await login('baomi.filer');
    const provider = await createDepartmentWithPeople(admin, 'CHAOSP', { email: true });
    const requester = await createDepartmentWithPeople(admin, 'CHAOSR', { email: true });
    providerDepartmentId = provider.id;
    [providerStaff, providerHead, requesterStaff, requesterHead] = await Promise.all([
      provider.staff(),
      provider.head(),
      requester.staff(),
      requester.head(),
    ]);
    // Long deadlines with reminders 20 s after each task opens: the reminders fall due in the middle of the faults.
    for (const [key, value] of [
      ['sharing.providerResponse', 'PT1800S'],
      ['sharing.counterOfferResponse', 'PT1800S'],
      ['sharing.reminderBefore', 'PT1780S'],
      ['sharing.expiryNotice', 'PT60S'],
    ]) {
      const put = await admin.put(`/policies/${key}`, { value });
      if (put.status !== 200)
        throw new Error(`PUT /policies/${key}: ${put.status} ${JSON.stringify(put.body)}`);
    }
  });

  async function complete(client: ApiClient, taskId: string, body: Record<string, unknown>) {
    const response = await client.post(`/tasks/${taskId}/complete`, body);
    if (response.status !== 200)
      throw new Error(`completing ${taskId}: ${response.status} ${JSON.stringify(response.body)}`);
  }

  /** Puts one request at `stage`, all dependencies up. */
  async function bring(
    stage: Stage,
    resources: Record<'conditional' | 'confidential' | 'unconditional', string>,
  ): Promise<string> {
    const resourceId =
      stage === 'granted' || stage === 'expiring'
        ? resources.unconditional
        : stage === 'awaiting_agreement'
          ? resources.confidential
          : resources.conditional;
    const created = await requesterStaff.post(
      '/sharing-requests',
      sharingApplication(
        resourceId,
        stage === 'expiring' ? { validUntil: new Date(Date.now() + EXPIRES_AFTER_MS).toISOString() } : {},
      ),
    );
    if (created.status !== 201)
      throw new Error(`applying: ${created.status} ${JSON.stringify(created.body)}`);
    const id = created.body.id as string;
    if (stage !== 'granted' && stage !== 'expiring') {
      const review = await openTaskOn(providerStaff, id, 'provider_review');
      if (stage === 'negotiating')
        await complete(providerStaff, review.id, {
          outcome: 'counter_offer',
          payload: { dataItems: ['公民身份号码'] },
        });
      if (stage === 'escalated')
        await complete(providerStaff, review.id, { outcome: 'refuse', comment: '数据涉及个人隐私' });
      if (stage === 'awaiting_agreement') await complete(providerStaff, review.id, { outcome: 'approve' });
    }
    const view = await requestInStatus(requesterStaff, id, stage === 'expiring' ? 'granted' : stage);
    await waitFor(`the open tasks of ${id}`, async () => {
      const open = (await requesterStaff.get(`/sharing-requests/${id}`)).body.openTasks as { kind: string }[];
      return open.length === WAITING_TASKS[stage].length;
    });
    return view.id as string;
  }

  /** The load generator's step for one driven request: completes whatever is open on it; true once granted. */
  async function drive(
    request: Tracked,
    stats: { completions: number; retries: number; hangs: number },
  ): Promise<boolean> {
    const view = await call(requesterStaff.token, 'GET', `/sharing-requests/${request.id}`);
    if (view.hung) stats.hangs++;
    if (view.status !== 200) return false;
    if (view.body.status === 'granted') return true;
    for (const task of view.body.openTasks as { id: string; kind: string; assigneeDepartmentId?: string }[]) {
      const [client, body]: [ApiClient, Record<string, unknown>] =
        task.kind === 'provider_review'
          ? [providerStaff, { outcome: 'approve' }]
          : task.kind === 'counter_offer_response'
            ? [requesterStaff, { outcome: 'accept' }]
            : task.kind === 'coordination'
              ? [infoOffice, { outcome: 'order_provide', comment: '依法应当共享' }]
              : task.kind === 'agreement_signature'
                ? [
                    task.assigneeDepartmentId === providerDepartmentId ? providerHead : requesterHead,
                    { outcome: 'sign' },
                  ]
                : task.kind === 'agreement_filing'
                  ? [secrecyBureau, { outcome: 'acknowledge' }]
                  : (() => {
                      throw new Error(`unexpected open task ${task.kind} on ${request.id}`);
                    })();
      const done = await call(client.token, 'POST', `/tasks/${task.id}/complete`, body);
      if (done.hung) stats.hangs++;
      // Anything but 200 (503 while a dependency is down, 409 for a completion that did pass before its
      // answer was lost) is looked at again on the next round, from the request's state.
      if (done.status === 200) stats.completions++;
      else stats.retries++;
    }
    return false;
  }

  it(`loses, sticks and doubles nothing across ${REQUESTS} requests`, async () => {
    // ------------------------------------------------------------------ the load, everything up
    const [conditional, confidential, unconditional] = await inBatches(
      ['conditional', 'confidential', 'unconditional'] as const,
      3,
      (kind) =>
        publishResource(providerStaff, infoOffice, {
          sharingType: kind === 'unconditional' ? 'unconditional' : 'conditional',
          confidential: kind === 'confidential',
        }),
    );
    const resources = {
      conditional: conditional!.id,
      confidential: confidential!.id,
      unconditional: unconditional!.id,
    };
    const plan = Array.from({ length: REQUESTS }, (_, i) => STAGES[i % STAGES.length]!);
    const started = Date.now();
    const ids = await inBatches(plan, 4, (stage) => bring(stage, resources));
    plan.forEach((stage, i) =>
      tracked.push({
        id: ids[i]!,
        stage,
        driven: stage !== 'granted' && stage !== 'expiring' && Math.floor(i / STAGES.length) % 2 === 0,
      }),
    );
    console.log(
      `chaos: ${REQUESTS} requests at their stages in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );

    // ------------------------------------------------------------------ the load generator
    const stats = { completions: 0, retries: 0, hangs: 0 };
    let stopLoad = false;
    const driven = tracked.filter((request) => request.driven);
    const load = (async () => {
      const pending = new Set(driven);
      while (pending.size > 0 && !stopLoad) {
        for (const request of [...pending]) {
          if (await drive(request, stats)) pending.delete(request);
          await sleep(300);
        }
      }
    })();

    // ------------------------------------------------------------------ the faults
    const downProblems: string[] = [];
    const faultLog: { name: string; at: number; parts: string[] }[] = [];
    const faults: { name: string; recoveryMs: number; downAnswers: string; dependency: boolean }[] = [];
    const probeId = tracked[0]!.id;
    const probeRead = () => call(requesterStaff.token, 'GET', `/sharing-requests/${probeId}`);
    const probeHealth = () => call(undefined, 'GET', '/health');

    /** Calls the API while something is down: each answer must come in time, and a 5xx must be 503 problem+json. */
    async function whileDown(name: string, expectHealth503: boolean) {
      const answers = new Map<string, number>();
      let saw503 = false;
      const until = Date.now() + DOWN_MS;
      while (Date.now() < until) {
        const [health, read] = await Promise.all([probeHealth(), probeRead()]);
        // /health answers 503 with its checks (which dependency is down); every other route with problem+json.
        const healthOk = health.status === 200 || (health.status === 503 && health.body?.status === 'error');
        const readOk = read.status === 200 || (read.status === 503 && read.problem);
        for (const [route, response, ok] of [
          ['health', health, healthOk],
          ['read', read, readOk],
        ] as const) {
          const label = `${route} ${response.hung ? 'hung' : ok ? response.status : `bad ${response.status}`}`;
          answers.set(label, (answers.get(label) ?? 0) + 1);
          if (route === 'health' && response.status === 503) saw503 = true;
        }
        await sleep(250);
      }
      const summary = [...answers].map(([label, n]) => `${label}×${n}`).join(' ');
      // Recorded, not thrown: the fault is undone and the run counted whatever the API answered.
      if ([...answers.keys()].some((label) => / (hung|bad)/.test(label)))
        downProblems.push(`${name}: ${summary}`);
      if (expectHealth503 && !saw503) downProblems.push(`${name}: /health never answered 503 (${summary})`);
      return summary;
    }

    /** Time from `returnedAt` until /health and a real read both answer 200. */
    async function recovery(returnedAt: number) {
      await waitFor(
        'the API to recover',
        async () => (await probeHealth()).status === 200 && (await probeRead()).status === 200,
        { timeoutMs: 120_000, intervalMs: 100 },
      );
      return Date.now() - returnedAt;
    }

    // One copy of what runs, changed in place and saved after each change (the teardown stops what it lists):
    // re-reading it while another restart is under way would lose that restart's pid.
    async function restartApp(which: 'api' | 'worker') {
      const logFile = join(chaos.logDir, `${which}.log`);
      const from = statSync(logFile).size;
      chaos.pids[which] = startProcess(`apps/${which}/src/main.js`, chaos.env, logFile);
      await saveChaosEnvironment(chaos);
      if (which === 'worker') await waitForLogLine(logFile, 'worker ready', from, 120_000);
    }
    async function killApp(which: 'api' | 'worker') {
      await killProcess(chaos.pids[which]);
    }

    const infra = () => chaos.chaos;
    const kinds = {
      worker: { down: () => killApp('worker'), up: () => restartApp('worker'), dependency: false },
      api: { down: () => killApp('api'), up: () => restartApp('api'), dependency: false },
      // A restarted server has a new pid: saved at once, so that the teardown stops that one.
      temporal: {
        down: () => killTemporal(infra()),
        up: () => startTemporal(infra()).finally(() => saveChaosEnvironment(chaos)),
        dependency: true,
      },
      postgres: {
        down: async () => stopPostgres(infra()),
        up: () => startPostgres(infra()),
        dependency: true,
      },
      redis: {
        down: () => killRedis(infra()),
        up: () => startRedis(infra()).finally(() => saveChaosEnvironment(chaos)),
        dependency: true,
      },
    };

    async function inject(name: string, parts: (keyof typeof kinds)[]) {
      faultLog.push({ name, at: Date.now(), parts });
      // All at once, the processes a few milliseconds before the servers (pg_ctl blocks while it stops the
      // database). The other way round, a worker that has just sent an e-mail would wait for the database to
      // record it and be killed while waiting: that e-mail goes out again after the restart, the one duplicate
      // that at-least-once delivery cannot rule out (it keeps its Message-ID, by which receivers drop it).
      await Promise.all(parts.map((part) => kinds[part].down()));
      // Without an API there is nobody to answer: what it says is looked at only while it runs.
      const downAnswers = parts.includes('api')
        ? 'no API'
        : await whileDown(
            name,
            parts.some((part) => kinds[part].dependency),
          );
      if (parts.includes('api')) await sleep(DOWN_MS);
      // Dependencies first, then the processes that use them, as an operator would bring them back.
      const order: (keyof typeof kinds)[] = ['postgres', 'redis', 'temporal', 'worker', 'api'];
      const ups = order.filter((part) => parts.includes(part));
      await Promise.all(ups.filter((part) => kinds[part].dependency).map((part) => kinds[part].up()));
      const returnedAt = Date.now();
      // The API is measured while the worker starts beside it (the worker's readiness is not the API's).
      const [recoveryMs] = await Promise.all([
        recovery(returnedAt),
        ...ups.filter((part) => !kinds[part].dependency).map((part) => kinds[part].up()),
      ]);
      const dependency = parts.every((part) => kinds[part].dependency);
      faults.push({ name, recoveryMs, downAnswers, dependency });
      console.log(`chaos: fault ${name}: while down ${downAnswers}; recovered in ${recoveryMs} ms`);
      await sleep(2_000); // let the load generator make progress between faults
    }

    try {
      await sleep(5_000);
      await inject('worker SIGKILL', ['worker']);
      await inject('API killed', ['api']);
      await inject('Temporal server killed', ['temporal']);
      await inject('PostgreSQL stopped (immediate)', ['postgres']);
      await inject('Redis killed', ['redis']);
      await inject('all together', ['worker', 'api', 'temporal', 'redis', 'postgres']);
    } catch (error) {
      stopLoad = true;
      throw error;
    }

    // ------------------------------------------------------------------ let everything finish
    await waitFor(
      'the load generator to drive every request to its grant',
      async () => {
        const statuses = await sql<{ status: string }>(
          'select status from sharing_request where id = any($1)',
          [driven.map((r) => r.id)],
        );
        return statuses.every((row) => row.status === 'granted');
      },
      { timeoutMs: 5 * 60_000, intervalMs: 1000 },
    ).finally(() => (stopLoad = true));
    await load;
    await waitFor(
      'every expiring grant to expire',
      async () => {
        const expiring = tracked.filter((r) => r.stage === 'expiring').map((r) => r.id);
        const rows = await sql<{ status: string }>('select status from sharing_request where id = any($1)', [
          expiring,
        ]);
        return rows.every((row) => row.status === 'expired');
      },
      { timeoutMs: 5 * 60_000, intervalMs: 1000 },
    ).catch(() => undefined);
    await waitFor(
      'every pending notification to be delivered',
      async () => {
        const [row] = await sql<{ n: number }>(
          "select count(*)::int as n from notification where status <> 'delivered'",
        );
        return row!.n === 0;
      },
      { timeoutMs: 3 * 60_000, intervalMs: 1000 },
    ).catch(() => undefined);
    // The reminders of the waiting requests (20 s after their tasks opened) have all been sent by now.
    await waitFor(
      'every reminder of an open task to be sent',
      async () => {
        const [row] = await sql<{ n: number }>(
          "select count(*)::int as n from task where status = 'open' and remind_at < now() and reminded_at is null",
        );
        return row!.n === 0;
      },
      { timeoutMs: 2 * 60_000, intervalMs: 1000 },
    ).catch(() => undefined);

    // ------------------------------------------------------------------ count
    const requestRows = await sql<{ id: string; status: string }>(
      'select id, status from sharing_request where id = any($1)',
      [tracked.map((r) => r.id)],
    );
    const statusOf = new Map(requestRows.map((row) => [row.id, row.status]));
    const lost = tracked.filter((r) => !statusOf.has(r.id)).map((r) => r.id);
    const stuck = tracked
      .filter((r) => statusOf.has(r.id) && statusOf.get(r.id) !== finalStatus(r))
      .map((r) => `${r.id} ${r.stage}→${statusOf.get(r.id)}`);

    const openTasks = await sql<{ subject_id: string; kind: string }>(
      "select subject_id, kind from task where status = 'open' and subject_id = any($1)",
      [tracked.map((r) => r.id)],
    );
    const wrongOpenTasks = tracked
      .map((r) => {
        const open = openTasks
          .filter((t) => t.subject_id === r.id)
          .map((t) => t.kind)
          .sort();
        const expected = r.driven ? [] : WAITING_TASKS[r.stage];
        return JSON.stringify(open) === JSON.stringify(expected)
          ? undefined
          : `${r.id} ${r.stage}: open ${open.join(',') || '-'}`;
      })
      .filter(Boolean);
    const [tasksTwice] = await sql<{ n: number }>(
      'select count(*)::int as n from (select 1 from task group by workflow_id, task_key having count(*) > 1) d',
    );
    // Two open tasks of one kind on one request are a task opened twice, except the agreement's two signatures (one per side).
    const [openTwice] = await sql<{ n: number }>(
      "select count(*)::int as n from (select 1 from task where status = 'open' group by subject_id, kind, coalesce(assignee_department_id::text, assignee_role) having count(*) > 1) d",
    );

    const filingRows = await sql<{ subject_id: string; kind: string }>(
      'select subject_id, kind from filing where subject_id = any($1)',
      [tracked.map((r) => r.id)],
    );
    let filingsDuplicated = 0;
    let filingsMissing = 0;
    const filingProblems: string[] = [];
    for (const r of tracked) {
      const kindsFiled = filingRows.filter((f) => f.subject_id === r.id).map((f) => f.kind);
      const expected = r.driven ? EXPECTED_FILINGS[r.stage].driven : EXPECTED_FILINGS[r.stage].waiting;
      const duplicated = kindsFiled.length - new Set(kindsFiled).size;
      const missing = expected.filter((kind) => !kindsFiled.includes(kind)).length;
      const unexpected = kindsFiled.filter((kind) => !expected.includes(kind));
      filingsDuplicated += duplicated;
      filingsMissing += missing;
      if (duplicated || missing || unexpected.length)
        filingProblems.push(`${r.id} ${r.stage}${r.driven ? ' (driven)' : ''}: ${kindsFiled.join(',')}`);
    }
    const verify = await infoOffice.get('/filings/verify');

    const notifications = await sql<{ id: string; channel: string; status: string }>(
      'select id, channel, status from notification',
    );
    const emails = notifications.filter((n) => n.channel === 'email');
    const received = await mailSink.messages();
    const perMessageId = new Map<string, number>();
    for (const message of received)
      perMessageId.set(message.messageId, (perMessageId.get(message.messageId) ?? 0) + 1);
    const notificationsLost =
      notifications.filter((n) => n.status !== 'delivered').length +
      emails.filter((n) => !perMessageId.has(`<${n.id}@govshare.notifications>`)).length;
    // SMTP has no idempotent send: a worker SIGKILLed after the sink took a message but before the row's commit
    // sends it again after its restart, under the same Message-ID (by which mail clients drop the copy). Such a
    // resend is counted apart; any other second copy (a retry after a failed commit, a job run twice) is a
    // notification sent twice.
    const workerKills = faultLog.filter((f) => f.parts.includes('worker')).map((f) => f.at);
    const firstReceipt = new Map<string, number>();
    for (const message of received) {
      const at = Date.parse((message as { receivedAt?: string }).receivedAt ?? '');
      if (!firstReceipt.has(message.messageId) || at < firstReceipt.get(message.messageId)!)
        firstReceipt.set(message.messageId, at);
    }
    const copied = [...perMessageId].filter(([, n]) => n > 1).map(([messageId]) => messageId);
    const inKillWindow = (messageId: string) =>
      workerKills.some((at) => Math.abs(firstReceipt.get(messageId)! - at) <= KILL_WINDOW_MS);
    const resentAfterWorkerKill = copied.filter(inKillWindow).length;
    const notificationsTwice = copied.length - resentAfterWorkerKill;
    const emailIds = new Set(emails.map((n) => `<${n.id}@govshare.notifications>`));
    const strayMessages = [...perMessageId.keys()].filter((messageId) => !emailIds.has(messageId)).length;
    if (copied.length) {
      console.log(
        'received more than once:',
        received
          .filter((m) => perMessageId.get(m.messageId)! > 1)
          .map((m) => `${m.messageId} ${m.to.join(',')} at ${(m as { receivedAt?: string }).receivedAt}`),
      );
      console.log(
        'fault times:',
        faultLog.map((f) => `${f.name} ${new Date(f.at).toISOString()}`),
      );
    }
    const [reminders] = await sql<{ n: number }>(
      'select count(*)::int as n from task where reminded_at is not null and subject_id = any($1)',
      [tracked.map((r) => r.id)],
    );

    const longest = Math.max(...faults.filter((f) => f.dependency).map((f) => f.recoveryMs));
    const figures = {
      requests: REQUESTS,
      driven: driven.length,
      completionsThroughApi: stats.completions,
      completionsRetried: stats.retries,
      loadGeneratorHangs: stats.hangs,
      faultsInjected: faults.map((f) => f.name),
      recoveryMs: Object.fromEntries(faults.map((f) => [f.name, f.recoveryMs])),
      longestDependencyRecoveryMs: longest,
      requestsLost: lost.length,
      requestsStuck: stuck.length + wrongOpenTasks.length,
      tasksOpenedTwice: tasksTwice!.n + openTwice!.n,
      filingsDuplicated,
      filingsMissing,
      filingChainOk: verify.body.ok,
      notifications: notifications.length,
      emailsReceived: received.length,
      notificationsLost,
      notificationsSentTwice: notificationsTwice,
      resentAfterWorkerKill,
      strayMessages,
      remindersSent: reminders!.n,
    };
    console.log(`chaos figures:\n${JSON.stringify(figures, null, 2)}`);
    if (stuck.length || wrongOpenTasks.length || filingProblems.length)
      console.log({ stuck, wrongOpenTasks, filingProblems: filingProblems.slice(0, 20) });

    expect(downProblems).toEqual([]);
    expect({ lost, stuck, wrongOpenTasks, filingProblems }).toEqual({
      lost: [],
      stuck: [],
      wrongOpenTasks: [],
      filingProblems: [],
    });
    expect(figures).toMatchObject({
      loadGeneratorHangs: 0,
      tasksOpenedTwice: 0,
      filingsDuplicated: 0,
      filingsMissing: 0,
      filingChainOk: true,
      notificationsLost: 0,
      notificationsSentTwice: 0,
      strayMessages: 0,
    });
    expect(figures.remindersSent).toBeGreaterThan(0);
    expect(longest).toBeLessThanOrEqual(RECOVERY_LIMIT_MS);
    expect(isAlive(chaos.pids.api) && isAlive(chaos.pids.worker)).toBe(true);
  });
});
