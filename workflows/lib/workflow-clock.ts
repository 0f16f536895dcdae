/**
 * The workflow's clock. Inside the workflow sandbox the SDK replaces `Date` with the time of the current
 * workflow task, so a replay reads the same value; calling it through this name keeps that dependence
 * visible, and keeps the machine's clock out of workflow code.
 */
export const workflowNow = (): number => Date.now();

/** How long a timer must run to fire at `at` (epoch milliseconds): at least 1 ms, so a time already passed fires at once. */
export const millisUntil = (at: number): number => Math.max(1, at - workflowNow());
