import { proxyActivities } from '@temporalio/workflow';
import type { UpdateComplianceActivities } from '../activities/update-compliance.activities.js';
import { activityRetry } from './lib/activity-retry.js';

export interface UpdateComplianceSweepResult {
  /** Published resources checked. */
  checked: number;
  /** Lapses recorded by this sweep. */
  detected: number;
  /** Lapse workflows started (this sweep's, and any a crash left unstarted). */
  started: number;
  /** Open lapses already made good whose workflows were told again. */
  reminded: number;
}

const { detectUpdateLapses, startUpdateLapseProcesses, remindResolvableUpdateLapses } = proxyActivities<UpdateComplianceActivities>({
  startToCloseTimeout: '10 minutes',
  retry: activityRetry('1 minute'),
});

/**
 * The update-compliance check (seed 003), run by its Temporal Schedule (daily by default) or by hand:
 * finds every published resource whose due update was missed, records each lapse once and starts its workflow.
 */
export async function updateComplianceSweepWorkflow(): Promise<UpdateComplianceSweepResult> {
  const { checked, detected } = await detectUpdateLapses();
  const started = await startUpdateLapseProcesses();
  const reminded = await remindResolvableUpdateLapses();
  return { checked, detected, started, reminded };
}
