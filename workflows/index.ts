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
export { updateLapseWorkflow } from './update-lapse.workflow.js';
export { updateComplianceSweepWorkflow } from './update-compliance-sweep.workflow.js';
export { monthlyReportWorkflow } from './monthly-report.workflow.js';
export { bulletinWorkflow, periodicBulletinWorkflow } from './bulletin.workflow.js';
export { monthlyReportRoundWorkflow } from './monthly-report-round.workflow.js';
export { assessmentCycleWorkflow } from './assessment-cycle.workflow.js';
export { departmentAssessmentWorkflow } from './department-assessment.workflow.js';
export { contactsCampaignWorkflow, yearlyContactsCampaignWorkflow } from './contacts-campaign.workflow.js';
