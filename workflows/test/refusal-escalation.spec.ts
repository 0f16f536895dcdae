import { jest } from '@jest/globals';
import { refusalEscalationWorkflow, type EscalationInput } from '../refusal-escalation.workflow.js';
import {
  RecordingActivities,
  WorkflowTestEnv,
  SPEC_TIMEOUT_MS,
  type WorkerRun,
} from './workflow-test-env.js';

/**
 * A refusal reported to the info office (seed 001 §三(四)): it coordinates and decides, or raises the
 * matter to the leadership group; a missed coordination deadline raises it by itself; the leadership
 * group's task stays open past its deadline (marked overdue) until it decides.
 */
// The tests of a file run at once (each on its own worker and task queue): most of their time is waiting.
jest.setTimeout(SPEC_TIMEOUT_MS);
let t: WorkflowTestEnv;
beforeAll(async () => {
  t = await WorkflowTestEnv.start();
}, 60_000);
afterAll(() => t?.teardown());

const input: EscalationInput = {
  requestId: 'request-1',
  requesterDepartmentId: 'dept-requester',
  providerDepartmentId: 'dept-provider',
  resourceName: '企业登记信息',
  reason: 'refused',
  reasons: '涉及个人隐私',
};

const escalate = (run: WorkerRun) => run.start(refusalEscalationWorkflow, [input]);

describe('refusal escalation workflow', () => {
  it.concurrent('ends with the info office’s decision when coordination decides', async () => {
    const fakes = new RecordingActivities();
    await t.withWorker(fakes, async (run) => {
      const handle = await escalate(run);
      const coordination = await fakes.task('coordination');
      expect(coordination).toMatchObject({
        kind: 'coordination',
        assigneeRole: 'info_office',
        deadline: 'escalation.coordination',
        subjectId: 'request-1',
      });
      expect(
        await t.complete(coordination, 'order_provide', {
          comment: '应当共享',
          completedBy: 'user-info-office',
        }),
      ).toEqual({
        requestId: 'request-1',
        stage: 'decided',
        decision: 'order_provide',
      });
      expect(await handle.result()).toEqual({
        decision: 'order_provide',
        decidedBy: 'info_office',
        comment: '应当共享',
        decidedByUser: 'user-info-office',
      });
      expect(fakes.filed()).toEqual(['sharing.refusal_reported', 'sharing.escalation_decided']);
      expect(fakes.filing('sharing.refusal_reported')).toMatchObject({
        authority: 'info_office',
        departmentIds: ['dept-requester', 'dept-provider'],
        payload: { reason: 'refused', reasons: '涉及个人隐私', resourceName: '企业登记信息' },
      });
      expect(fakes.opened()).toEqual(['coordination']);
    });
  });

  it.concurrent('raises the matter to the leadership group when the info office escalates it', async () => {
    const fakes = new RecordingActivities();
    await t.withWorker(fakes, async (run) => {
      const handle = await escalate(run);
      expect(await t.complete(await fakes.task('coordination'), 'escalate')).toMatchObject({
        stage: 'leadership',
      });
      const leadership = await fakes.task('leadership-decision');
      expect(leadership).toMatchObject({
        kind: 'leadership_decision',
        assigneeRole: 'leadership_group',
        assigneeDepartmentId: null,
      });
      await t.complete(leadership, 'uphold_refusal', { completedBy: 'user-leader' });
      expect(await handle.result()).toEqual({
        decision: 'uphold_refusal',
        decidedBy: 'leadership_group',
        decidedByUser: 'user-leader',
      });
      expect(fakes.filing('sharing.escalated_to_leadership').payload).toMatchObject({
        cause: 'raised_by_info_office',
      });
      expect(fakes.filing('sharing.escalation_decided').payload).toMatchObject({
        decision: 'uphold_refusal',
        decidedBy: 'leadership_group',
        comment: null,
      });
    });
  });

  it.concurrent(
    'raises a missed coordination deadline by itself; the leadership task goes overdue and stays open until decided',
    async () => {
      const fakes = new RecordingActivities();
      fakes.deadlines.coordination = { dueInMs: 600 };
      fakes.deadlines.leadership_decision = { dueInMs: 600 };
      await t.withWorker(fakes, async (run) => {
        const handle = await escalate(run);
        const leadership = await fakes.task('leadership-decision');
        const coordination = fakes.tasks.find((task) => task.taskKey === 'coordination')!;
        expect(coordination).toMatchObject({ status: 'expired', overdue: true });
        expect(fakes.filing('sharing.escalated_to_leadership').payload).toMatchObject({
          cause: 'coordination_deadline_missed',
        });

        await fakes.until(
          () => fakes.callsOf('markTaskOverdue').some(([taskId]) => taskId === leadership.taskId),
          'the leadership task to go overdue',
        );
        expect(fakes.tasks.find((task) => task.taskId === leadership.taskId)).toMatchObject({
          status: 'open',
          overdue: true,
        });
        expect(fakes.callsOf('expireTask')).toEqual([[coordination.taskId]]);

        await t.complete(leadership, 'order_provide', { completedBy: 'user-leader' });
        expect(await handle.result()).toMatchObject({
          decision: 'order_provide',
          decidedBy: 'leadership_group',
        });
        expect(fakes.filed()).toEqual([
          'sharing.refusal_reported',
          'sharing.escalated_to_leadership',
          'sharing.escalation_decided',
        ]);
      });
    },
  );
});
