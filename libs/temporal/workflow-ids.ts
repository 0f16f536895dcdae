/** Deterministic workflow ids: starting the same process twice finds the one already running. */
export const workflowIds = {
  acknowledgement: (subjectId: string) => `acknowledgement-${subjectId}`,
  dataDemand: (demandId: string) => `data-demand-${demandId}`,
  sharingRequest: (requestId: string) => `sharing-request-${requestId}`,
  catalogReview: (resourceId: string, version: number) => `catalog-review-${resourceId}-v${version}`,
  collectionRegistration: (registrationId: string) => `collection-registration-${registrationId}`,
  dataObjection: (objectionId: string) => `data-objection-${objectionId}`,
  grantReports: (grantId: string) => `grant-reports-${grantId}`,
  governmentDatabase: (databaseId: string) => `government-database-${databaseId}`,
  updateLapse: (lapseId: string) => `update-lapse-${lapseId}`,
  /** A sweep started by hand; scheduled ones are named by their Schedule. */
  updateComplianceSweep: (runId: string) => `update-compliance-sweep-${runId}`,
  monthlyReport: (reportId: string) => `monthly-report-${reportId}`,
  bulletin: (bulletinId: string) => `bulletin-${bulletinId}`,
  /** Keyed by the assessment row, not the year, so that test runs sharing a Temporal server never collide. */
  assessmentCycle: (assessmentId: string) => `assessment-cycle-${assessmentId}`,
  departmentAssessment: (assessmentId: string, departmentId: string) => `department-assessment-${assessmentId}-${departmentId}`,
  /** One a year per deployment: the id carries the deployment's task queue, as its schedules' ids do. */
  contactsCampaign: (taskQueue: string, year: number) => `${taskQueue}--contacts-campaign-${year}`,
  calendarRecompute: (jobId: string) => `calendar-recompute-${jobId}`,
  /** Keyed by the campaign row, which is fresh for every start. */
  filingCampaign: (campaignId: string) => `filing-campaign-${campaignId}`,
  campaignFiling: (campaignWorkflowId: string, phaseKey: string, departmentId: string) => `${campaignWorkflowId}-${phaseKey}-${departmentId}`,
} as const;
