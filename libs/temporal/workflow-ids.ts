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
  contactsCampaign: (year: number) => `contacts-campaign-${year}`,
} as const;
