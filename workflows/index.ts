// The worker's only workflowsPath: every workflow type the platform runs.
export { acknowledgementWorkflow } from './acknowledgement.workflow.js';
export { catalogReviewWorkflow } from './catalog-review.workflow.js';
export { collectionRegistrationWorkflow } from './collection-registration.workflow.js';
