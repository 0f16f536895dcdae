import { executeChild, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { BulletinActivities } from '../activities/bulletin.activities.js';
import type { FilingActivities } from '../activities/filing.activities.js';
import { workflowIds } from '../libs/temporal/workflow-ids.js';
import { activityRetry } from './lib/activity-retry.js';

const { reserveNextBulletin, compileBulletin, publishBulletin, appendFiling } = proxyActivities<BulletinActivities & FilingActivities>({
  // Ranking every department of a large city takes a while; the activity is idempotent, so a retry is safe.
  startToCloseTimeout: '5 minutes',
  retry: activityRetry(),
});

/** Compiles a bulletin (通报), files it with the info office, then publishes it to every department. */
export async function bulletinWorkflow(bulletinId: string): Promise<{ bulletinId: string; filingSeq: number }> {
  const summary = await compileBulletin(bulletinId);
  const { seq } = await appendFiling({
    kind: 'bulletin.published',
    authority: 'info_office',
    subjectType: 'bulletin',
    subjectId: bulletinId,
    departmentIds: [],
    payload: { ...summary },
    idempotencyKey: `${workflowInfo().workflowId}:published`,
  });
  await publishBulletin(bulletinId, seq);
  return { bulletinId, filingSeq: seq };
}

/** The periodic bulletin (monthly by default, see BULLETIN_CRON): covers the time since the previous one. */
export async function periodicBulletinWorkflow(): Promise<{ bulletinId: string; filingSeq: number } | null> {
  const bulletinId = await reserveNextBulletin();
  if (!bulletinId) return null;
  return executeChild(bulletinWorkflow, { workflowId: workflowIds.bulletin(bulletinId), args: [bulletinId] });
}
