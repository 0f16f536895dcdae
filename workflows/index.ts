// The worker's only workflowsPath: every workflow type the platform runs.
export { acknowledgementWorkflow } from './acknowledgement.workflow.js';
export { catalogReviewWorkflow } from './catalog-review.workflow.js';
export { dataDemandWorkflow } from './data-demand.workflow.js';
export { refusalEscalationWorkflow } from './refusal-escalation.workflow.js';
export { sharingRequestWorkflow } from './sharing-request.workflow.js';
export { collectionRegistrationWorkflow } from './collection-registration.workflow.js';
export { governmentDatabaseWorkflow } from './government-database.workflow.js';
export { dataObjectionWorkflow } from './data-objection.workflow.js';
export { grantReportingWorkflow } from './grant-reporting.workflow.js';
export { confidentialityAgreementWorkflow } from './confidentiality-agreement.workflow.js';
export { contactsCampaignWorkflow } from './contacts-campaign.workflow.js';
