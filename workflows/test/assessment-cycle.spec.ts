import { jest } from '@jest/globals';
import type { AssessedDepartment } from '../../libs/assessment/assessment.service.js';
import { workflowIds } from '../../libs/temporal/workflow-ids.js';
import { assessmentCycleWorkflow } from '../assessment-cycle.workflow.js';
import {
  departmentAssessmentWorkflow,
  fileAppealUpdate,
  midYearSnapshotTakenSignal,
  scorecardComputedSignal,
} from '../department-assessment.workflow.js';
import {
  inMs,
  RecordingActivities,
  SPEC_TIMEOUT_MS,
  uniqueId,
  WorkflowTestEnv,
} from './workflow-test-env.js';

/**
 * The year's assessment (seed 000 §四). A department's year is driven here by the cycle's two signals,
 * sent by the spec, so targets, the mid-year comment and the appeal need no timers; the cycle itself runs
 * on a year squeezed into seconds (mid-year 2 s ahead, year-end 6 s, an appeal window of 1 s: room for a loaded machine's slow start).
 */
// The tests of a file run at once (each on its own worker and task queue): most of their time is waiting.
jest.setTimeout(SPEC_TIMEOUT_MS);
let t: WorkflowTestEnv;
beforeAll(async () => {
  t = await WorkflowTestEnv.start();
}, 60_000);
afterAll(() => t?.teardown());

const areas = {
  basicWork: '完成目录编制',
  coreBusiness: '核心业务上云',
  resourceManagement: '数据资源普查',
  applicationEffect: '支撑审批提速',
};

function department(assessmentId: string, code: string): AssessedDepartment {
  return {
    assessmentId,
    year: 2026,
    subjectId: `participant-${code}`,
    departmentId: `dept-${code}`,
    departmentName: `部门${code}`,
    targetsDueAt: inMs(60 * 60_000),
  };
}

describe('department assessment workflow', () => {
  it.concurrent(
    'takes targets back for a second round, confirms them, records the mid-year comment and amends the score on appeal',
    async () => {
      const fakes = new RecordingActivities();
      const participant = department(uniqueId('assessment'), 'a');
      await t.withWorker(fakes, async (run) => {
        const handle = await run.start(departmentAssessmentWorkflow, [participant]);
        const workflowId = handle.workflowId;
        await expect(
          handle.executeUpdate(fileAppealUpdate, { args: [{ reasons: '太早', filedBy: 'user-staff' }] }),
        ).rejects.toMatchObject({
          cause: {
            type: 'AppealNotOpen',
            message: 'the appeal window opens when the year-end scorecard is computed',
          },
        });

        const filing1 = await fakes.task('targets-1', workflowId);
        expect(filing1).toMatchObject({
          kind: 'target_filing',
          assigneeRole: 'staff',
          assigneeDepartmentId: 'dept-a',
          deadline: { at: participant.targetsDueAt },
        });
        expect(
          await t.complete(filing1, 'submit', { payload: areas, completedBy: 'user-staff' }),
        ).toMatchObject({ targets: 'under_review', targetRound: 1 });
        const review1 = await fakes.task('targets-1-review', workflowId);
        expect(review1).toMatchObject({
          kind: 'target_review',
          assigneeRole: 'supervisor',
          deadline: 'assessment.targetReview',
        });
        expect(
          await t.complete(review1, 'return', { comment: '目标不够具体', completedBy: 'user-supervisor' }),
        ).toMatchObject({
          targets: 'awaiting_filing',
          targetRound: 2,
        });
        const filing2 = await fakes.task('targets-2', workflowId);
        expect(filing2.title).toContain('第2轮');
        await t.complete(filing2, 'submit', { payload: { ...areas, basicWork: '完成目录编制并按月更新' } });
        expect(
          await t.complete(await fakes.task('targets-2-review', workflowId), 'confirm', {
            completedBy: 'user-supervisor',
          }),
        ).toMatchObject({
          targets: 'confirmed',
        });
        expect(
          fakes.callsOf('recordAssessmentTargets').map(([, , round, filed]) => [round, filed.basicWork]),
        ).toEqual([
          [1, '完成目录编制'],
          [2, '完成目录编制并按月更新'],
        ]);
        expect(
          fakes
            .callsOf('reviewAssessmentTargets')
            .map(([review, key]) => [review.round, review.outcome, review.comment, key]),
        ).toEqual([
          [1, 'return', '目标不够具体', `${workflowId}:targets-1-confirmed`],
          [2, 'confirm', null, `${workflowId}:targets-2-confirmed`],
        ]);

        await handle.signal(midYearSnapshotTakenSignal);
        const midYear = await fakes.task('midyear-review', workflowId);
        expect(
          await t.complete(midYear, 'comment', { comment: '进度符合预期', completedBy: 'user-supervisor' }),
        ).toMatchObject({ midYear: 'commented' });
        expect(fakes.callsOf('recordMidYearComment')).toEqual([
          [participant.assessmentId, 'dept-a', '进度符合预期', 'user-supervisor'],
        ]);

        await handle.signal(scorecardComputedSignal, { appealClosesAt: inMs(60 * 60_000) });
        expect(
          await handle.executeUpdate(fileAppealUpdate, {
            args: [{ reasons: ' 数据口径有误 ', filedBy: 'user-staff' }],
          }),
        ).toMatchObject({ appeal: 'pending' });
        await expect(
          handle.executeUpdate(fileAppealUpdate, { args: [{ reasons: '再次申诉', filedBy: 'user-staff' }] }),
        ).rejects.toMatchObject({
          cause: { type: 'AppealNotOpen', message: 'the department has already appealed' },
        });
        expect(fakes.callsOf('recordAssessmentAppeal')).toEqual([
          [participant.assessmentId, 'dept-a', '数据口径有误', 'user-staff'],
        ]);
        const appeal = await fakes.task('appeal-review', workflowId);
        await expect(
          t.complete(appeal, 'amend', { comment: '改正', payload: { points: -1 } }),
        ).rejects.toMatchObject({ cause: { type: 'InvalidCompletion' } });
        await t.complete(appeal, 'amend', {
          comment: '按核实数据改正',
          payload: { points: 88 },
          completedBy: 'user-supervisor',
        });

        expect(await handle.result()).toEqual({
          departmentId: 'dept-a',
          targets: 'confirmed',
          targetRound: 2,
          midYear: 'commented',
          appeal: 'amended',
        });
        expect(fakes.callsOf('decideAssessmentAppeal')).toEqual([
          [
            participant.assessmentId,
            'dept-a',
            { outcome: 'amend', points: 88, comment: '按核实数据改正', decidedBy: 'user-supervisor' },
          ],
        ]);
      });
    },
  );

  it.concurrent('withdraws unfiled targets at year-end and closes the appeal window unused', async () => {
    const fakes = new RecordingActivities();
    await t.withWorker(fakes, async (run) => {
      const handle = await run.start(departmentAssessmentWorkflow, [department(uniqueId('assessment'), 'b')]);
      const targets = await fakes.task('targets-1', handle.workflowId);
      await handle.signal(scorecardComputedSignal, { appealClosesAt: inMs(500) });
      expect(await handle.result()).toEqual({
        departmentId: 'dept-b',
        targets: 'not_confirmed',
        targetRound: 1,
        midYear: 'pending',
        appeal: 'window_closed',
      });
      expect(fakes.callsOf('cancelTask')).toEqual([[targets.taskId]]);
      expect(fakes.callsOf('recordAssessmentAppeal')).toEqual([]);
      expect(fakes.opened()).toEqual(['targets-1']);
    });
  });
});

describe('assessment cycle workflow', () => {
  it.concurrent(
    'keeps the calendar: a child per department, the mid-year snapshot, year-end scoring, publication once every appeal window has closed',
    async () => {
      const fakes = new RecordingActivities();
      const assessmentId = uniqueId('assessment');
      fakes.participants = [department(assessmentId, 'a'), department(assessmentId, 'b')];
      fakes.appealWindowMs = 1_000;
      const midYearAt = inMs(2_000);
      const yearEndAt = inMs(6_000);
      await t.withWorker(fakes, async (run) => {
        const handle = await run.start(assessmentCycleWorkflow, [
          { assessmentId, year: 2026, midYearAt, yearEndAt },
        ]);
        const childA = workflowIds.departmentAssessment(assessmentId, 'dept-a');
        const childB = workflowIds.departmentAssessment(assessmentId, 'dept-b');
        // Department A files and gets its targets confirmed before mid-year; B never files.
        await t.complete(await fakes.task('targets-1', childA), 'submit', { payload: areas });
        await t.complete(await fakes.task('targets-1-review', childA), 'confirm');
        await fakes.task('targets-1', childB);

        const midYearA = await fakes.task('midyear-review', childA);
        await fakes.task('midyear-review', childB);
        expect(fakes.firstCallAt('takeMidYearSnapshots')).toBeGreaterThanOrEqual(Date.parse(midYearAt));
        await t.complete(midYearA, 'comment', { comment: '按计划推进' });

        expect(await handle.result()).toEqual({ published: true });
        expect(fakes.firstCallAt('scoreAssessmentYearEnd')).toBeGreaterThanOrEqual(Date.parse(yearEndAt));
        expect(fakes.callsOf('takeMidYearSnapshots')).toEqual([[assessmentId]]);
        expect(fakes.callsOf('scoreAssessmentYearEnd')).toEqual([[assessmentId]]);
        expect(fakes.callsOf('publishAssessment')).toEqual([[assessmentId]]);
        const [a, b] = await Promise.all(
          [childA, childB].map((id) =>
            t.client.workflow.getHandle<typeof departmentAssessmentWorkflow>(id).result(),
          ),
        );
        expect(a).toMatchObject({ targets: 'confirmed', midYear: 'commented', appeal: 'window_closed' });
        expect(b).toMatchObject({
          targets: 'not_confirmed',
          midYear: 'awaiting_comment',
          appeal: 'window_closed',
        });
        // B's unfiled targets and uncommented mid-year review were withdrawn, not left open.
        expect(
          fakes.tasks
            .filter((task) => task.workflowId === childB)
            .map((task) => `${task.taskKey}:${task.status}`),
        ).toEqual(['targets-1:cancelled', 'midyear-review:cancelled']);
        const names = fakes.calls.map((call) => call.name);
        expect(names.lastIndexOf('cancelTask')).toBeLessThan(names.indexOf('publishAssessment'));
      });
    },
  );
});
