import { jest } from '@jest/globals';
import type { CampaignPhase } from '../../libs/domain/campaigns.js';
import { campaignFilingWorkflow, filingCampaignWorkflow, type CampaignFilingInput } from '../filing-campaign.workflow.js';
import { inMs, RecordingActivities, SPEC_TIMEOUT_MS, uniqueId, WorkflowTestEnv } from './workflow-test-env.js';

/**
 * Filing campaigns: one department's filing in one phase (filed, returned with opinions, corrected, accepted;
 * or accepted at once without review), and a campaign whose children are withdrawn when it closes.
 */
jest.setTimeout(SPEC_TIMEOUT_MS);
let t: WorkflowTestEnv;
beforeAll(async () => {
  t = await WorkflowTestEnv.start();
}, 60_000);
afterAll(() => t?.teardown());

const batchDueAt = '2099-06-30T15:59:59.000Z';
const batch: CampaignPhase = { key: 'batch-1', name: '第一批重点项目申报', deadline: { at: batchDueAt } };
const filingInput = (overrides: Partial<CampaignFilingInput> = {}): CampaignFilingInput => ({
  campaignId: uniqueId('campaign'),
  campaignName: '重点项目申报',
  phase: batch,
  departmentId: 'dept-a',
  departmentName: '部门A',
  review: true,
  reminder: 'task.reminderBefore',
  ...overrides,
});

describe('campaign filing workflow', () => {
  it.concurrent('asks for a corrected filing when the info office returns one, and files the accepted one', async () => {
    const fakes = new RecordingActivities();
    const input = filingInput();
    await t.withWorker(fakes, async (run) => {
      const handle = await run.start(campaignFilingWorkflow, [input]);
      const filing1 = await fakes.task('filing-1', handle.workflowId);
      expect(filing1).toMatchObject({
        kind: 'campaign_filing',
        assigneeRole: 'staff',
        assigneeDepartmentId: 'dept-a',
        subjectType: 'campaign_phase',
        subjectId: `${input.campaignId}/batch-1`,
        deadline: { at: batchDueAt },
        reminder: 'task.reminderBefore',
      });
      expect(await t.complete(filing1, 'submit', { payload: { filingId: 'filing-r1' } })).toMatchObject({ stage: 'under_review', round: 1 });
      const review1 = await fakes.task('review-1', handle.workflowId);
      expect(review1).toMatchObject({ kind: 'campaign_review', assigneeRole: 'info_office', assigneeDepartmentId: null, subjectId: 'filing-r1' });
      await expect(t.complete(review1, 'return')).rejects.toMatchObject({ cause: { type: 'InvalidCompletion' } });
      expect(await t.complete(review1, 'return', { comment: '请补充预算明细', completedBy: 'user-info' })).toMatchObject({ stage: 'awaiting_filing' });

      const filing2 = await fakes.task('filing-2', handle.workflowId);
      expect(filing2.deadline).toBe('5wd');
      await t.complete(filing2, 'submit', { payload: { filingId: 'filing-r2' } });
      const review2 = await fakes.task('review-2', handle.workflowId);
      await t.complete(review2, 'accept', { completedBy: 'user-info' });
      expect(await handle.result()).toEqual({ departmentId: 'dept-a', phaseKey: 'batch-1', stage: 'accepted', round: 2 });
      expect(fakes.callsOf('reviewCampaignFiling')).toEqual([
        ['filing-r1', { outcome: 'return', opinion: '请补充预算明细', reviewedBy: 'user-info' }],
        ['filing-r2', { outcome: 'accept', opinion: null, reviewedBy: 'user-info' }],
      ]);
    });
  });

  it.concurrent('keeps a filing task open past its deadline, marked overdue, and accepts the filing at once without review', async () => {
    const fakes = new RecordingActivities();
    fakes.deadlines = { 'filing-1': { dueInMs: 300 } };
    await t.withWorker(fakes, async (run) => {
      const handle = await run.start(campaignFilingWorkflow, [filingInput({ review: false, phase: { ...batch, deadline: { workingDays: 3 } } })]);
      const filing = await fakes.task('filing-1', handle.workflowId);
      expect(filing.deadline).toBe('3wd');
      await fakes.until(() => filing.overdue, 'the task to be marked overdue');
      expect(filing.status).toBe('open');
      await t.complete(filing, 'submit', { payload: { filingId: 'filing-late' } });
      expect(await handle.result()).toMatchObject({ stage: 'accepted', round: 1 });
      expect(fakes.callsOf('reviewCampaignFiling')).toEqual([['filing-late', { outcome: 'accept', opinion: null, reviewedBy: null }]]);
      expect(fakes.opened(handle.workflowId)).toEqual(['filing-1']);
    });
  });
});

describe('filing campaign workflow', () => {
  it.concurrent('starts a child per department and phase and withdraws the open filings when it closes', async () => {
    const fakes = new RecordingActivities();
    const campaignId = uniqueId('campaign');
    fakes.campaignPlan = {
      campaignId,
      name: '重点项目申报',
      year: 2026,
      phases: [batch, { ...batch, key: 'batch-2', name: '第二批' }],
      review: true,
      reminder: 'task.reminderBefore',
      closesAt: inMs(4_000),
      departments: [
        { departmentId: 'dept-a', name: '部门A' },
        { departmentId: 'dept-b', name: '部门B' },
      ],
    };
    await t.withWorker(fakes, async (run) => {
      const handle = await run.start(filingCampaignWorkflow, [{ campaignId }]);
      await fakes.until(() => fakes.tasks.filter((task) => task.kind === 'campaign_filing').length === 4, 'four filing tasks');
      const childOf = (department: string, phase: string) => `${handle.workflowId}-${phase}-${department}`;
      expect(fakes.tasks.map((task) => task.workflowId).sort()).toEqual(
        [childOf('dept-a', 'batch-1'), childOf('dept-a', 'batch-2'), childOf('dept-b', 'batch-1'), childOf('dept-b', 'batch-2')].sort(),
      );
      // One department files the first batch and is accepted; everything else is still open at the close.
      const filed = fakes.tasks.find((task) => task.workflowId === childOf('dept-a', 'batch-1'))!;
      await t.complete(filed, 'submit', { payload: { filingId: 'filing-a1' } });
      await t.complete(await fakes.task('review-1', filed.workflowId), 'accept');
      expect(await handle.result()).toEqual({ closed: true });
      const statuses = Object.fromEntries(fakes.tasks.map((task) => [`${task.workflowId.slice(handle.workflowId.length + 1)}:${task.taskKey}`, task.status]));
      expect(statuses).toEqual({
        'batch-1-dept-a:filing-1': 'done',
        'batch-1-dept-a:review-1': 'done',
        'batch-2-dept-a:filing-1': 'cancelled',
        'batch-1-dept-b:filing-1': 'cancelled',
        'batch-2-dept-b:filing-1': 'cancelled',
      });
    });
  });
});
