/** Deterministic workflow ids: starting the same process twice finds the one already running. */
export const workflowIds = {
  acknowledgement: (subjectId: string) => `acknowledgement-${subjectId}`,
} as const;
