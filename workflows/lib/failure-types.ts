/**
 * ApplicationFailure types that mean the same whichever workflow refuses an Update, so the API maps each to one
 * problem kind (apps/api/src/common/workflow-updates.ts). Other failure types are a workflow's own.
 */

/** The task was completed, expired or replaced before this completion arrived (409 task-not-open). */
export const STALE_TASK = 'StaleTask';
/** An action that must give its reasons came without them (422 reasons-required). */
export const REASONS_REQUIRED = 'ReasonsRequired';
