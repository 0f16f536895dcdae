/**
 * The one harness of the workflow specs: a Temporal server of their own, the workflow bundle, one Worker
 * per test on a task queue of its own, and recording fakes in place of every activity.
 *
 * Which server, and why: `TestWorkflowEnvironment.createTimeSkipping()` downloads the Java SDK's test server
 * at run time, and this machine (like CI here) reaches no host but the package registries, none of which
 * ships that native binary (checked: the download fails on DNS; no npm package carries it, and the Go module
 * proxy serves source, not the Java SDK's native image). So the specs use `createLocal()` — the Temporal
 * CLI's dev server, started from the CLI that scripts/infra.sh uses (TEMPORAL_CLI, else `temporal` on the
 * PATH, else `.tools/bin/temporal`) on a free port of its own; the shared dev server on 7233 is never
 * touched. It runs in real time, so the fakes make time short instead: a task's deadline is whatever the
 * fake `openTask` answers (by default an hour away, so nothing expires unless a spec asks for it with
 * `fakes.deadlines`), grant end dates and assessment dates are set seconds ahead, and the workflows' own
 * timers then fire within seconds.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkflowHandle } from '@temporalio/client';
import type { QueryDefinition } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  bundleWorkflowCode,
  DefaultLogger,
  Runtime,
  Worker,
  type WorkflowBundlePath,
} from '@temporalio/worker';
import type { AfterSharingActivities } from '../../activities/after-sharing.activities.js';
import type { AgreementActivities } from '../../activities/agreement.activities.js';
import type { AssessmentActivities } from '../../activities/assessment.activities.js';
import type { CampaignActivities } from '../../activities/campaign.activities.js';
import type { FilingActivities } from '../../activities/filing.activities.js';
import type { SharingActivities } from '../../activities/sharing.activities.js';
import type { TaskActivities } from '../../activities/task.activities.js';
import type { TaskStatus } from '../../libs/database/entities/task.entity.js';
import type { AssessedDepartment } from '../../libs/assessment/assessment.service.js';
import type { CampaignPlan } from '../../libs/campaigns/campaign.service.js';
import type { SharingTerms } from '../../libs/domain/sharing.js';
import type { TaskCompletion } from '../../libs/domain/task-kinds.js';
import type { NewFiling } from '../../libs/filings/filing-ledger.service.js';
import type {
  AgreementFiling,
  AgreementSigning,
  DraftAgreement,
} from '../../libs/sharing/agreement.service.js';
import type { SharingSubject, StatusChange } from '../../libs/sharing/sharing.service.js';
import type { OpenTaskCommand } from '../../libs/tasks/task.service.js';
import { completeTaskUpdate, taskDeadlineChangedSignal } from '../lib/task-messages.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The CLI scripts/infra.sh uses: TEMPORAL_CLI if set, else `temporal` on the PATH, else the one it built in .tools/bin. */
function temporalCli(): string {
  if (process.env.TEMPORAL_CLI) return process.env.TEMPORAL_CLI;
  const onPath = (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, 'temporal'))
    .find((file) => existsSync(file));
  return onPath ?? join(ROOT, '.tools/bin/temporal');
}
/** How long a spec waits for the workflow to do something before it fails with what was recorded. */
const WAIT_MS = 15_000;
/** A test's time limit: the specs of a file run concurrently on two shared cores, so one may take seconds. */
export const SPEC_TIMEOUT_MS = 30_000;

export type FakeActivities = TaskActivities &
  FilingActivities &
  SharingActivities &
  AgreementActivities &
  AfterSharingActivities &
  AssessmentActivities &
  CampaignActivities;

export interface RecordedTask extends OpenTaskCommand {
  taskId: string;
  dueAt: string;
  remindAt: string | null;
  status: TaskStatus;
  reminded: boolean;
  overdue: boolean;
}

export interface ActivityCall {
  name: keyof FakeActivities;
  args: unknown[];
  /** When the activity ran (epoch ms). */
  at: number;
}

/** When a fake task falls due: milliseconds from its opening (and its reminder, if any). */
export interface FakeDeadline {
  dueInMs: number;
  remindInMs?: number;
}

/**
 * Every activity the workflows call, replaced by a fake that records the call and answers as the real
 * one would (ids, deadlines, notice times). Specs read what was recorded — tasks opened, filings, status
 * changes, notices — and wait for it with `until` / `task`.
 */
export class RecordingActivities {
  readonly calls: ActivityCall[] = [];
  readonly tasks: RecordedTask[] = [];
  readonly filings: NewFiling[] = [];
  readonly statusChanges: StatusChange[] = [];
  /** Deadlines by task key or task kind (the key wins); tasks without one fall due in an hour. */
  deadlines: Record<string, FakeDeadline> = {};
  /**
   * When a grant ending at `validUntil` gives notice (the real one counts back `sharing.expiryNotice`): by
   * default a second before the end; a spec may put it just after the grant opens, so that a slow machine
   * cannot reach the end before the notice.
   */
  expiryNoticeAt = (validUntil: string): string => new Date(Date.parse(validUntil) - 1_000).toISOString();
  /** How long the appeal window stays open after year-end scoring. */
  appealWindowMs = 60 * 60_000;
  participants: AssessedDepartment[] = [];
  /** What `campaignPlan` answers: the filing campaign's phases and departments. */
  campaignPlan?: CampaignPlan;
  /** What `endOnwardGrants` does beside recording: the real one signals the onward requests' workflows. */
  onEndOnwardGrants: (sourceGrantId: string, status: 'expired' | 'revoked') => Promise<string[]> =
    async () => [];
  private readonly waiters = new Set<() => void>();

  readonly activities: FakeActivities = {
    openTask: async (command) => {
      this.record('openTask', command);
      const deadline = this.deadlines[command.taskKey] ??
        this.deadlines[command.kind] ?? { dueInMs: 60 * 60_000 };
      const now = Date.now();
      const task: RecordedTask = {
        ...command,
        taskId: command.taskId ?? randomUUID(),
        dueAt: new Date(now + deadline.dueInMs).toISOString(),
        remindAt:
          deadline.remindInMs === undefined ? null : new Date(now + deadline.remindInMs).toISOString(),
        status: 'open',
        reminded: false,
        overdue: false,
      };
      // A retried activity finds the task it opened, as TaskService.open does.
      const existing = this.tasks.find((t) => t.taskId === task.taskId);
      if (!existing) this.tasks.push(task);
      this.changed();
      return deadlineOf(existing ?? task);
    },
    readTaskDeadline: async (taskId) => {
      this.record('readTaskDeadline', taskId);
      return deadlineOf(this.taskById(taskId));
    },
    remindTask: async (taskId) => {
      this.record('remindTask', taskId);
      this.taskById(taskId).reminded = true;
      this.changed();
    },
    markTaskOverdue: async (taskId) => {
      this.record('markTaskOverdue', taskId);
      this.taskById(taskId).overdue = true;
      this.changed();
    },
    expireTask: async (taskId) => {
      this.record('expireTask', taskId);
      this.taskById(taskId).status = 'expired';
      this.changed();
    },
    closeTask: async (completion: TaskCompletion) => {
      this.record('closeTask', completion);
      this.taskById(completion.taskId).status = 'done';
      this.changed();
    },
    cancelTask: async (taskId) => {
      this.record('cancelTask', taskId);
      this.taskById(taskId).status = 'cancelled';
      this.changed();
    },
    appendFiling: async (filing: NewFiling) => {
      this.record('appendFiling', filing);
      // The ledger files a key once, however often the append is retried.
      if (!this.filings.some((f) => f.idempotencyKey === filing.idempotencyKey)) this.filings.push(filing);
      this.changed();
      return { seq: this.filings.length, hash: `hash-${this.filings.length}` };
    },
    changeSharingStatus: async (change: StatusChange) => {
      this.record('changeSharingStatus', change);
      if (!this.statusChanges.some((c) => c.requestId === change.requestId && c.eventKey === change.eventKey))
        this.statusChanges.push(change);
      this.changed();
    },
    openSharingGrant: async (requestId: string, terms: SharingTerms, validUntil: string | null) => {
      this.record('openSharingGrant', requestId, terms, validUntil);
      return `grant-${requestId}`;
    },
    grantExpiryNoticeAt: async (validUntil: string) => {
      this.record('grantExpiryNoticeAt', validUntil);
      return this.expiryNoticeAt(validUntil);
    },
    sendGrantExpiryNotice: async (requestId: string) => this.record('sendGrantExpiryNotice', requestId),
    endSharingGrant: async (requestId: string, status: 'expired' | 'revoked') =>
      this.record('endSharingGrant', requestId, status),
    holdSharingGrant: async (requestId: string, held: boolean) =>
      this.record('holdSharingGrant', requestId, held),
    extendSharingGrant: async (requestId: string, validUntil: string) =>
      this.record('extendSharingGrant', requestId, validUntil),
    endOnwardGrants: async (sourceGrantId: string, status: 'expired' | 'revoked') => {
      this.record('endOnwardGrants', sourceGrantId, status);
      return this.onEndOnwardGrants(sourceGrantId, status);
    },
    recordObjectionOutcome: async (...args) => this.record('recordObjectionOutcome', ...args),
    readGrantReporting: async () => {
      throw new Error('readGrantReporting is not faked: no workflow spec runs grant reporting');
    },
    startGrantReporting: async (requestId: string, grantId: string) => {
      this.record('startGrantReporting', requestId, grantId);
      return { workflowId: `grant-reports-${grantId}` };
    },
    draftAgreement: async (draft: DraftAgreement) => {
      this.record('draftAgreement', draft);
      return { agreementId: `agreement-${draft.requestId}-v${draft.version}`, version: draft.version };
    },
    signAgreement: async (signing: AgreementSigning) => this.record('signAgreement', signing),
    fileAgreement: async (filing: AgreementFiling) => this.record('fileAgreement', filing),
    assessmentParticipants: async (assessmentId: string) => {
      this.record('assessmentParticipants', assessmentId);
      return this.participants;
    },
    recordAssessmentTargets: async (...args) => this.record('recordAssessmentTargets', ...args),
    reviewAssessmentTargets: async (...args) => this.record('reviewAssessmentTargets', ...args),
    recordMidYearComment: async (...args) => this.record('recordMidYearComment', ...args),
    recordAssessmentAppeal: async (...args) => this.record('recordAssessmentAppeal', ...args),
    decideAssessmentAppeal: async (...args) => this.record('decideAssessmentAppeal', ...args),
    takeMidYearSnapshots: async (assessmentId: string) => this.record('takeMidYearSnapshots', assessmentId),
    scoreAssessmentYearEnd: async (assessmentId: string) => {
      this.record('scoreAssessmentYearEnd', assessmentId);
      return { appealClosesAt: new Date(Date.now() + this.appealWindowMs).toISOString() };
    },
    publishAssessment: async (assessmentId: string) => {
      this.record('publishAssessment', assessmentId);
      return { filingSeq: 1 };
    },
    campaignPlan: async (campaignId: string) => {
      this.record('campaignPlan', campaignId);
      if (!this.campaignPlan) throw new Error('the spec gave no campaignPlan');
      return this.campaignPlan;
    },
    reviewCampaignFiling: async (...args) => this.record('reviewCampaignFiling', ...args),
    openYearlyCampaignPresets: async (presetKeys: string[]) => {
      this.record('openYearlyCampaignPresets', presetKeys);
      return { year: 2026, opened: presetKeys };
    },
  };

  /** The calls of one activity, by their arguments. */
  callsOf<K extends keyof FakeActivities>(name: K): Parameters<FakeActivities[K]>[] {
    return this.calls
      .filter((call) => call.name === name)
      .map((call) => call.args as Parameters<FakeActivities[K]>);
  }

  /** When the first call of an activity ran (epoch ms). */
  firstCallAt(name: keyof FakeActivities): number {
    const call = this.calls.find((c) => c.name === name);
    if (!call) throw new Error(`${name} was not called; calls: ${this.calls.map((c) => c.name).join(', ')}`);
    return call.at;
  }

  /** The kinds filed, in order; for one subject when given. */
  filed(subjectId?: string): string[] {
    return this.filings.filter((f) => !subjectId || f.subjectId === subjectId).map((f) => f.kind);
  }

  /** The filing of a kind (the last one if several). */
  filing(kind: string, subjectId?: string): NewFiling {
    const found = this.filings
      .filter((f) => f.kind === kind && (!subjectId || f.subjectId === subjectId))
      .at(-1);
    if (!found) throw new Error(`nothing filed as ${kind}; filed: ${this.filed().join(', ')}`);
    return found;
  }

  /** A request's timeline as `status:type` entries, in order. */
  timeline(requestId: string): string[] {
    return this.statusChanges.filter((c) => c.requestId === requestId).map((c) => `${c.status}:${c.type}`);
  }

  /** The last timeline entry of a type. */
  event(requestId: string, type: string): StatusChange {
    const found = this.statusChanges.filter((c) => c.requestId === requestId && c.type === type).at(-1);
    if (!found)
      throw new Error(`no ${type} event for ${requestId}; timeline: ${this.timeline(requestId).join(', ')}`);
    return found;
  }

  /** The task keys opened, in order; for one workflow when given. */
  opened(workflowId?: string): string[] {
    return this.tasks.filter((t) => !workflowId || t.workflowId === workflowId).map((t) => t.taskKey);
  }

  /** Waits until a task with this key is open (in the given workflow, when named) and returns it. */
  async task(taskKey: string, workflowId?: string): Promise<RecordedTask> {
    const find = () =>
      this.tasks.find(
        (t) => t.taskKey === taskKey && t.status === 'open' && (!workflowId || t.workflowId === workflowId),
      );
    await this.until(
      () => find() !== undefined,
      `task ${taskKey} to open${workflowId ? ` in ${workflowId}` : ''}`,
    );
    return find()!;
  }

  /** Waits until what was recorded satisfies the predicate; fails after 15 s, listing the calls so far. */
  until(predicate: () => boolean, what: string, timeoutMs = WAIT_MS): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate()) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(
          new Error(`timed out waiting for ${what}; calls: ${this.calls.map((c) => c.name).join(', ')}`),
        );
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  private record(name: keyof FakeActivities, ...args: unknown[]): void {
    this.calls.push({ name, args, at: Date.now() });
    this.changed();
  }

  private changed(): void {
    for (const check of [...this.waiters]) check();
  }

  private taskById(taskId: string): RecordedTask {
    const task = this.tasks.find((t) => t.taskId === taskId);
    if (!task) throw new Error(`no task ${taskId} was opened`);
    return task;
  }
}

function deadlineOf(task: RecordedTask) {
  return { taskId: task.taskId, status: task.status, dueAt: task.dueAt, remindAt: task.remindAt };
}

/** A server, a bundle and a fresh worker per test, for one spec file. */
export class WorkflowTestEnv {
  private constructor(
    readonly env: TestWorkflowEnvironment,
    private readonly bundle: WorkflowBundlePath,
  ) {}

  static async start(): Promise<WorkflowTestEnv> {
    const cli = temporalCli();
    if (!existsSync(cli))
      throw new Error(
        `no Temporal CLI at ${cli}: run scripts/infra.sh up (it installs it) or set TEMPORAL_CLI`,
      );
    installQuietRuntime();
    const [env, bundle] = await Promise.all([
      TestWorkflowEnvironment.createLocal({
        server: {
          executable: { type: 'existing-path', path: cli },
          ip: '127.0.0.1',
          ui: false,
          // The server's own warnings (a worker's poll cut short as a spec ends) are noise here.
          extraArgs: ['--log-level', 'error'],
        },
      }),
      workflowBundle(),
    ]);
    return new WorkflowTestEnv(env, bundle);
  }

  get client() {
    return this.env.client;
  }

  /**
   * Runs `test` while a new Worker serves a task queue of its own with the given fakes; the worker stops
   * when the test ends. `start` starts a workflow on that queue under a unique id.
   */
  async withWorker<T>(fakes: RecordingActivities, test: (run: WorkerRun) => Promise<T>): Promise<T> {
    const taskQueue = `wf-test-${randomUUID()}`;
    const worker = await Worker.create({
      connection: this.env.nativeConnection,
      taskQueue,
      workflowBundle: this.bundle,
      activities: fakes.activities,
      // Workflows run in this thread's sandbox instead of a worker thread of their own: a Worker then starts
      // in ~60 ms of CPU instead of ~400 (a thread loading the SDK and the bundle), which is most of what a
      // spec costs on two shared cores. The sandbox and its determinism checks are the same; only the
      // deadlock timer is off, and a stuck workflow fails its spec by the spec's timeout instead.
      debugMode: true,
    });
    return worker.runUntil(test(new WorkerRun(this, taskQueue)));
  }

  /** Completes a recorded task as its assignee would through the API: the Update goes to the workflow that opened it. */
  complete(
    task: RecordedTask,
    outcome: string,
    extra: Partial<Omit<TaskCompletion, 'taskId' | 'outcome'>> = {},
  ): Promise<unknown> {
    return this.client.workflow.getHandle(task.workflowId).executeUpdate(completeTaskUpdate, {
      args: [{ taskId: task.taskId, outcome, completedBy: 'user-assignee', ...extra }],
    });
  }

  /**
   * Queries the workflow until its answer satisfies the predicate (a workflow updates its state after the
   * activity that a spec saw recorded has returned); fails after 15 s with the last answer.
   */
  async queryUntil<T>(
    handle: WorkflowHandle,
    query: QueryDefinition<T>,
    predicate: (state: T) => boolean,
  ): Promise<T> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const state = await handle.query(query);
      if (predicate(state)) return state;
      if (Date.now() > deadline)
        throw new Error(`the workflow's ${query.name} never matched; last: ${JSON.stringify(state)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Tells the workflow that opened the task that its deadline moved (the calendar's signal). */
  deadlineChanged(task: RecordedTask): Promise<void> {
    return this.client.workflow
      .getHandle(task.workflowId)
      .signal(taskDeadlineChangedSignal, { taskId: task.taskId });
  }

  async teardown(): Promise<void> {
    await this.env.teardown();
  }
}

export class WorkerRun {
  constructor(
    private readonly test: WorkflowTestEnv,
    readonly taskQueue: string,
  ) {}

  /** Starts a workflow function by its name, with a unique id built from `prefix`. */
  start<A extends unknown[], R>(
    workflow: (...args: A) => Promise<R>,
    args: A,
    prefix = workflow.name,
  ): Promise<WorkflowHandle<(...args: A) => Promise<R>>> {
    return this.test.client.workflow.start(workflow, {
      taskQueue: this.taskQueue,
      workflowId: uniqueId(prefix),
      args,
    });
  }
}

export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

/** ISO time `ms` from now. */
export function inMs(ms: number): string {
  return new Date(Date.now() + ms).toISOString();
}

/** A sharing request as `SharingService.apply` fixes it; conditional and not confidential unless told. */
export function sharingSubject(overrides: Partial<SharingSubject> = {}): SharingSubject {
  const requestId = overrides.requestId ?? randomUUID();
  return {
    requestId,
    requesterDepartmentId: 'dept-requester',
    providerDepartmentId: 'dept-provider',
    resourceId: 'resource-1',
    resourceName: '企业登记信息',
    identifier: '330100-001/00001',
    sharingType: 'conditional',
    confidential: false,
    resourceItems: ['统一社会信用代码', '企业名称', '法定代表人'],
    terms: { dataItems: ['统一社会信用代码', '企业名称'], scope: '全市', method: 'api' },
    purpose: 'administrative_basis',
    purposeDetail: '行政审批核验',
    validUntil: null,
    appliedBy: 'user-applicant',
    onward: null,
    ...overrides,
  };
}

/**
 * The bundle of workflows/index.ts (the worker's entry point). Webpack takes seconds, so it is built once
 * for a given source and reused by every spec file of the run (and of later runs): it is kept in the
 * system's temporary folder under a hash of everything it may be built from — the .ts files under
 * workflows/ (specs aside), libs/ and activities/, and the lock file. Any change there builds a new one.
 */
let bundled: Promise<WorkflowBundlePath> | undefined;
export function workflowBundle(): Promise<WorkflowBundlePath> {
  bundled ??= cachedBundle();
  return bundled;
}

async function cachedBundle(): Promise<WorkflowBundlePath> {
  const codePath = join(tmpdir(), 'govshare-workflow-bundles', `${await sourceHash()}.js`);
  if (existsSync(codePath)) {
    await utimes(codePath, new Date(), new Date()).catch(() => undefined);
    return { codePath };
  }
  const { code } = await bundleWorkflowCode({
    workflowsPath: join(ROOT, 'workflows/index.ts'),
    logger: new DefaultLogger('WARN'),
  });
  await mkdir(dirname(codePath), { recursive: true });
  // Written aside and renamed, so a spec file reading it at the same time never sees half a bundle.
  const partial = `${codePath}.${process.pid}.${randomUUID()}`;
  await writeFile(partial, code);
  await rename(partial, codePath);
  await pruneBundles(dirname(codePath));
  return { codePath };
}

/** Bundles of sources edited away long ago (a day unused: no run in progress still reads them). */
async function pruneBundles(dir: string): Promise<void> {
  const dayAgo = Date.now() - 24 * 60 * 60_000;
  for (const name of await readdir(dir)) {
    const file = join(dir, name);
    const { mtimeMs } = await stat(file).catch(() => ({ mtimeMs: Date.now() }));
    if (mtimeMs < dayAgo) await rm(file, { force: true });
  }
}

async function sourceHash(): Promise<string> {
  const hash = createHash('sha256');
  const files = ['package-lock.json'];
  for (const dir of ['workflows', 'libs', 'activities']) {
    const entries = await readdir(join(ROOT, dir), { recursive: true });
    files.push(
      ...entries
        .filter((entry) => entry.endsWith('.ts') && !entry.startsWith('test/'))
        .map((entry) => join(dir, entry)),
    );
  }
  for (const file of files.sort())
    hash
      .update(file)
      .update('\0')
      .update(await readFile(join(ROOT, file)))
      .update('\0');
  return hash.digest('hex').slice(0, 32);
}

/** The SDK's runtime logs every worker start and stop at INFO; the specs want only warnings. */
export function installQuietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed in this process by an earlier spec file: keep it.
  }
}
