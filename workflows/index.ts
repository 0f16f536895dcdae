// The worker's only workflowsPath: every workflow type the platform runs.
export { acknowledgementWorkflow } from './acknowledgement.workflow.js';
export { governmentDatabaseWorkflow } from './government-database.workflow.js';
