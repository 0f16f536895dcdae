import { condition, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';

/** The shape of a conditional approval without its business: the same count of activities and one Update. */
export const approveUpdate = defineUpdate<string, []>('approve');

const { step } = proxyActivities<{ step(n: number): Promise<number> }>({ startToCloseTimeout: '10 seconds' });

export async function bareStepsWorkflow(activitiesBefore: number, activitiesAfter: number): Promise<void> {
  let approved = false;
  setHandler(approveUpdate, async () => {
    approved = true;
    return 'approved';
  });
  for (let i = 0; i < activitiesBefore; i++) await step(i);
  await condition(() => approved);
  for (let i = 0; i < activitiesAfter; i++) await step(i);
}
