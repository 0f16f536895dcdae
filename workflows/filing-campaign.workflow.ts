import { CancellationScope, isCancellation, proxyActivities, sleep, startChild, workflowInfo } from '@temporalio/workflow';
import type { CampaignActivities } from '../activities/campaign.activities.js';
import type { CampaignPhase } from '../libs/domain/campaigns.js';
import { workflowIds } from '../libs/temporal/workflow-ids.js';
import { HumanTasks } from './lib/human-tasks.js';
import { millisUntil } from './lib/workflow-clock.js';

export interface FilingCampaignInput {
  campaignId: string;
}

export interface CampaignFilingInput {
  campaignId: string;
  campaignName: string;
  phase: CampaignPhase;
  departmentId: string;
  departmentName: string;
  review: boolean;
  reminder: string;
}

export type CampaignFilingState = {
  departmentId: string;
  phaseKey: string;
  stage: 'awaiting_filing' | 'under_review' | 'accepted';
  round: number;
};

const activities = proxyActivities<CampaignActivities>({ startToCloseTimeout: '1 minute' });

/** A returned filing is corrected within this many working days (the first one is due at the phase's deadline). */
const CORRECTION_DEADLINE = '5wd';

/**
 * One department's filing in one phase of a campaign: a campaign_filing task due at the phase's deadline,
 * reminded and marked overdue (it stays open: a late filing is still wanted). With review on, the info office
 * accepts it or returns it with opinions, and each return asks for a corrected filing. An accepted filing is
 * filed (备案) with the info office.
 */
export async function campaignFilingWorkflow(input: CampaignFilingInput): Promise<CampaignFilingState> {
  let state: CampaignFilingState = { departmentId: input.departmentId, phaseKey: input.phase.key, stage: 'awaiting_filing', round: 1 };
  const tasks = new HumanTasks(() => state);
  const phaseDeadline = 'at' in input.phase.deadline ? { at: input.phase.deadline.at } : `${input.phase.deadline.workingDays}wd`;

  for (let round = 1; ; round++) {
    state = { ...state, stage: 'awaiting_filing', round };
    const filed = await tasks.run({
      taskKey: `filing-${round}`,
      kind: 'campaign_filing',
      title: `${input.campaignName}：${input.phase.name}${round > 1 ? `（修改后重报，第${round}轮）` : ''}`,
      subjectType: 'campaign_phase',
      subjectId: `${input.campaignId}/${input.phase.key}`,
      assigneeRole: 'staff',
      assigneeDepartmentId: input.departmentId,
      deadline: round === 1 ? phaseDeadline : CORRECTION_DEADLINE,
      reminder: input.reminder,
      onDeadline: 'keep_open',
    });
    if (filed.status !== 'completed') throw new Error('a campaign_filing task only ends by a filing');
    const filingId = String(filed.completion.payload?.['filingId']);
    if (!input.review) {
      await activities.reviewCampaignFiling(filingId, { outcome: 'accept', opinion: null, reviewedBy: null });
      state = { ...state, stage: 'accepted' };
      tasks.markSettled();
      return state;
    }
    state = { ...state, stage: 'under_review' };
    tasks.markSettled();

    const reviewed = await tasks.run({
      taskKey: `review-${round}`,
      kind: 'campaign_review',
      title: `审核${input.departmentName}报送的${input.campaignName}：${input.phase.name}${round > 1 ? `（第${round}轮）` : ''}`,
      subjectType: 'campaign_filing',
      subjectId: filingId,
      assigneeRole: 'info_office',
      assigneeDepartmentId: null,
      deadline: '10wd',
      reminder: input.reminder,
      onDeadline: 'keep_open',
    });
    if (reviewed.status !== 'completed') throw new Error('a campaign_review task only ends by a review');
    const { outcome, comment, completedBy } = reviewed.completion;
    const accepted = outcome === 'accept';
    await activities.reviewCampaignFiling(filingId, { outcome: accepted ? 'accept' : 'return', opinion: comment ?? null, reviewedBy: completedBy });
    state = { ...state, stage: accepted ? 'accepted' : 'awaiting_filing' };
    tasks.markSettled();
    if (accepted) return state;
  }
}

/**
 * A filing campaign: a child workflow per department and phase, all started at once. The campaign closes at
 * the plan's `closesAt` (the end of the year of its last deadline); filings still open then are withdrawn, and
 * their tasks cancelled (the roll keeps them missing).
 */
export async function filingCampaignWorkflow(input: FilingCampaignInput): Promise<{ closed: true }> {
  const plan = await activities.campaignPlan(input.campaignId);
  const running = new CancellationScope();
  const everyone = running.run(async () => {
    const children = await Promise.all(
      plan.departments.flatMap((department) =>
        plan.phases.map((phase) =>
          startChild(campaignFilingWorkflow, {
            workflowId: workflowIds.campaignFiling(workflowInfo().workflowId, phase.key, department.departmentId),
            args: [
              {
                campaignId: plan.campaignId,
                campaignName: plan.name,
                phase,
                departmentId: department.departmentId,
                departmentName: department.name,
                review: plan.review,
                reminder: plan.reminder,
              },
            ],
          }),
        ),
      ),
    );
    await Promise.all(children.map((child) => child.result()));
  });
  await Promise.race([everyone, sleep(millisUntil(Date.parse(plan.closesAt)))]);
  running.cancel();
  await everyone.catch((error: unknown) => {
    if (!isCancellation(error)) throw error;
  });
  return { closed: true };
}

const { openYearlyCampaignPresets } = proxyActivities<CampaignActivities>({ startToCloseTimeout: '5 minutes' });

/** Run by the yearly schedule (early January): opens the configured presets for the year, those whose deadlines are still ahead. */
export async function yearlyCampaignPresetsWorkflow(presetKeys: string[]) {
  return openYearlyCampaignPresets(presetKeys);
}
