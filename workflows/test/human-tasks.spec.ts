import { jest } from '@jest/globals';
import {
  acknowledgementStateQuery,
  acknowledgementWorkflow,
  type AcknowledgementInput,
} from '../acknowledgement.workflow.js';
import { sharingRequestWorkflow } from '../sharing-request.workflow.js';
import {
  RecordingActivities,
  sharingSubject,
  uniqueId,
  WorkflowTestEnv,
  SPEC_TIMEOUT_MS,
  type WorkerRun,
} from './workflow-test-env.js';

/**
 * HumanTasks (workflows/lib/human-tasks.ts), through the smallest workflow that owns one task (the
 * acknowledgement) and, where the workflow must outlive a task, the sharing request: the reminder, the
 * deadline (expired, or overdue and kept open), a deadline moved by the calendar, and completions the
 * workflow refuses before they enter history.
 */
// The tests of a file run at once (each on its own worker and task queue): most of their time is waiting.
jest.setTimeout(SPEC_TIMEOUT_MS);
let t: WorkflowTestEnv;
beforeAll(async () => {
  t = await WorkflowTestEnv.start();
}, 60_000);
afterAll(() => t?.teardown());

const acknowledgement = (run: WorkerRun) => {
  const input: AcknowledgementInput = {
    acknowledgementId: uniqueId('ack'),
    title: '请确认收到部署通知',
    departmentId: 'dept-provider',
    deadline: 'PT1H',
    requestedBy: 'user-admin',
  };
  return run.start(acknowledgementWorkflow, [input]);
};

describe('human tasks', () => {
  it.concurrent(
    'reminds the assignee before the deadline, then takes the completion and answers with the outcome',
    async () => {
      const fakes = new RecordingActivities();
      fakes.deadlines.acknowledge = { remindInMs: 300, dueInMs: 60 * 60_000 };
      await t.withWorker(fakes, async (run) => {
        const handle = await acknowledgement(run);
        const task = await fakes.task('acknowledge');
        expect(task).toMatchObject({
          kind: 'acknowledgement',
          assigneeRole: 'staff',
          assigneeDepartmentId: 'dept-provider',
          deadline: 'PT1H',
        });
        await fakes.until(() => fakes.tasks[0]!.reminded, 'the reminder');
        expect(fakes.callsOf('remindTask')).toEqual([[task.taskId]]);
        expect(fakes.callsOf('markTaskOverdue')).toEqual([]);

        const answer = await t.complete(task, 'acknowledge', { completedBy: 'user-staff' });
        expect(answer).toMatchObject({ status: 'acknowledged', by: 'user-staff', filingSeq: 1 });
        expect(await handle.result()).toMatchObject({ status: 'acknowledged' });
        expect(fakes.filed()).toEqual(['acknowledgement.acknowledge']);
        expect(fakes.tasks[0]!.status).toBe('done');
      });
    },
  );

  it.concurrent(
    'marks an unanswered task overdue and expires it at its deadline when the workflow says so',
    async () => {
      const fakes = new RecordingActivities();
      fakes.deadlines.acknowledge = { dueInMs: 500 };
      await t.withWorker(fakes, async (run) => {
        const handle = await acknowledgement(run);
        expect(await handle.result()).toMatchObject({ status: 'expired', filingSeq: 1 });
        const [task] = fakes.tasks;
        expect(task).toMatchObject({ status: 'expired', overdue: true, reminded: false });
        // The database is asked for the deadline in force before the task is expired.
        expect(fakes.calls.map((call) => call.name)).toEqual([
          'openTask',
          'readTaskDeadline',
          'markTaskOverdue',
          'expireTask',
          'appendFiling',
        ]);
        expect(fakes.filed()).toEqual(['acknowledgement.expired']);
      });
    },
  );

  it.concurrent(
    'keeps waiting when the deadline in force has moved later, and expires sooner when the calendar signals an earlier one',
    async () => {
      const fakes = new RecordingActivities();
      fakes.deadlines.acknowledge = { dueInMs: 500 };
      await t.withWorker(fakes, async (run) => {
        const handle = await acknowledgement(run);
        const task = await fakes.task('acknowledge');
        // A calendar change moved the deadline without a signal: the timer's re-read finds it.
        fakes.tasks[0]!.dueAt = new Date(Date.now() + 60 * 60_000).toISOString();
        await fakes.until(() => fakes.callsOf('readTaskDeadline').length === 1, 'the deadline to be re-read');
        expect(fakes.tasks[0]).toMatchObject({ status: 'open', overdue: false });

        // A calendar change brought it forward and signalled: the workflow re-reads it and expires the task then.
        fakes.tasks[0]!.dueAt = new Date(Date.now() + 300).toISOString();
        await t.deadlineChanged(task);
        expect(await handle.result()).toMatchObject({ status: 'expired' });
        expect(fakes.callsOf('readTaskDeadline').length).toBeGreaterThanOrEqual(2);
        expect(fakes.tasks[0]).toMatchObject({ status: 'expired', overdue: true });
      });
    },
  );

  it.concurrent(
    'refuses a completion that does not fit the task kind, and one for a task the workflow no longer has open',
    async () => {
      const fakes = new RecordingActivities();
      fakes.deadlines.provider_review = { dueInMs: 500 };
      await t.withWorker(fakes, async (run) => {
        const subject = sharingSubject();
        const handle = await run.start(sharingRequestWorkflow, [subject]);
        const review = await fakes.task('provider-review-1');
        await expect(t.complete(review, 'refuse')).rejects.toMatchObject({
          cause: {
            type: 'InvalidCompletion',
            message: "outcome 'refuse' requires a comment giving the reasons",
          },
        });
        await expect(t.complete(review, 'grant')).rejects.toMatchObject({
          cause: { type: 'InvalidCompletion' },
        });
        expect(fakes.callsOf('closeTask')).toEqual([]);

        // The review expires and the request is escalated: an answer to it now is stale.
        await fakes.task('coordination', `${handle.workflowId}-escalation-1`);
        await expect(t.complete(review, 'approve')).rejects.toMatchObject({
          cause: { type: 'StaleTask', message: 'the task is not open in this workflow' },
        });
        expect(fakes.callsOf('closeTask')).toEqual([]);
        expect(fakes.timeline(subject.requestId)).toEqual([
          'awaiting_provider:provider_review_requested',
          'escalated:escalated',
        ]);
      });
    },
  );

  it.concurrent('refuses a second completion of a task already completed', async () => {
    const fakes = new RecordingActivities();
    await t.withWorker(fakes, async (run) => {
      const handle = await run.start(sharingRequestWorkflow, [sharingSubject()]);
      const review = await fakes.task('provider-review-1');
      await t.complete(review, 'counter_offer', { payload: { scope: '仅限本部门' } });
      await expect(t.complete(review, 'approve')).rejects.toMatchObject({ cause: { type: 'StaleTask' } });
      expect(fakes.callsOf('closeTask')).toHaveLength(1);
      expect(fakes.opened(handle.workflowId)).toEqual(['provider-review-1', 'counter-offer-response-1']);
    });
  });

  it.concurrent('answers a query on the workflow state while its task is open', async () => {
    const fakes = new RecordingActivities();
    await t.withWorker(fakes, async (run) => {
      const handle = await acknowledgement(run);
      await fakes.task('acknowledge');
      expect(await handle.query(acknowledgementStateQuery)).toEqual({ status: 'awaiting_acknowledgement' });
      await t.complete(fakes.tasks[0]!, 'decline', { comment: '不适用本部门', completedBy: 'user-staff' });
      expect(await handle.result()).toMatchObject({ status: 'declined', comment: '不适用本部门' });
      expect(fakes.filing('acknowledgement.decline').payload).toMatchObject({
        completedBy: 'user-staff',
        comment: '不适用本部门',
      });
    });
  });
});
