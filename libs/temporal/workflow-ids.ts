/** Deterministic workflow ids: starting the same process twice finds the one already running. */
export const workflowIds = {
  acknowledgement: (subjectId: string) => `acknowledgement-${subjectId}`,
  governmentDatabase: (databaseId: string) => `government-database-${databaseId}`,
} as const;
