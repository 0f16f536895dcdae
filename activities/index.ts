import type { AfterSharingService } from '../libs/after-sharing/after-sharing.service.js';
import type { StartGrantReporting } from '../libs/after-sharing/start-grant-reporting.usecase.js';
import { afterSharingActivities } from './after-sharing.activities.js';
import type { AssessmentScoring } from '../libs/assessment/assessment-scoring.service.js';
import type { AssessmentService } from '../libs/assessment/assessment.service.js';
import { assessmentActivities } from './assessment.activities.js';
import type { CatalogService } from '../libs/catalog/catalog.service.js';
import type { DemandService } from '../libs/demands/demand.service.js';
import type { AgreementService } from '../libs/sharing/agreement.service.js';
import type { EndOnwardGrants } from '../libs/sharing/end-onward-grants.usecase.js';
import type { SharingService } from '../libs/sharing/sharing.service.js';
import { agreementActivities } from './agreement.activities.js';
import { demandActivities } from './demand.activities.js';
import type { CollectionService } from '../libs/collection/collection.service.js';
import type { FilingLedger } from '../libs/filings/filing-ledger.service.js';
import type { TaskService } from '../libs/tasks/task.service.js';
import { catalogActivities } from './catalog.activities.js';
import type { ContactsService } from '../libs/contacts/contacts.service.js';
import type { StartContactsCampaign } from '../libs/contacts/start-contacts-campaign.usecase.js';
import { contactsActivities } from './contacts.activities.js';
import { collectionActivities } from './collection.activities.js';
import type { DatabaseRegistry } from '../libs/database-registry/database-registry.service.js';
import { databaseRegistryActivities } from './database-registry.activities.js';
import { filingActivities } from './filing.activities.js';
import type { MonthlyReportService } from '../libs/monthly-reports/monthly-report.service.js';
import type { OpenMonthlyReportRound } from '../libs/monthly-reports/open-monthly-report-round.usecase.js';
import { monthlyReportActivities } from './monthly-report.activities.js';
import type { BulletinService } from '../libs/bulletins/bulletin.service.js';
import { bulletinActivities } from './bulletin.activities.js';
import { sharingActivities } from './sharing.activities.js';
import { taskActivities } from './task.activities.js';
import type { RecordResourceUpdate } from '../libs/update-compliance/record-resource-update.usecase.js';
import type { UpdateCompliance } from '../libs/update-compliance/update-compliance.service.js';
import { updateComplianceActivities } from './update-compliance.activities.js';
import type { CalendarService } from '../libs/calendar/calendar.service.js';
import type { DeadlineWakeups } from '../libs/calendar-changes/deadline-wakeups.js';
import type { DeadlineRecomputation } from '../libs/tasks/deadline-recomputation.service.js';
import { calendarActivities } from './calendar.activities.js';
import type { CampaignService } from '../libs/campaigns/campaign.service.js';
import type { StartCampaign } from '../libs/campaigns/start-campaign.usecase.js';
import { campaignActivities } from './campaign.activities.js';

export interface ActivityDependencies {
  tasks: TaskService;
  filings: FilingLedger;
  catalog: CatalogService;
  demands: DemandService;
  sharing: SharingService;
  endOnwardGrants: EndOnwardGrants;
  agreements: AgreementService;
  collections: CollectionService;
  databaseRegistry: DatabaseRegistry;
  afterSharing: AfterSharingService;
  startGrantReporting: StartGrantReporting;
  updateCompliance: UpdateCompliance;
  recordResourceUpdate: RecordResourceUpdate;
  monthlyReports: MonthlyReportService;
  openMonthlyReportRound: OpenMonthlyReportRound;
  bulletins: BulletinService;
  assessments: AssessmentService;
  assessmentScoring: AssessmentScoring;
  contacts: ContactsService;
  startContactsCampaign: StartContactsCampaign;
  calendar: CalendarService;
  deadlineRecomputation: DeadlineRecomputation;
  deadlineWakeups: DeadlineWakeups;
  campaigns: CampaignService;
  startCampaign: StartCampaign;
}

/** Every activity the workflows may call, bound to the worker's services. */
export function createActivities(deps: ActivityDependencies) {
  return {
    ...taskActivities(deps.tasks),
    ...filingActivities(deps.filings),
    ...catalogActivities(deps.catalog),
    ...demandActivities(deps.demands),
    ...sharingActivities(deps.sharing, deps.endOnwardGrants),
    ...agreementActivities(deps.agreements),
    ...collectionActivities(deps.collections),
    ...databaseRegistryActivities(deps.databaseRegistry),
    ...afterSharingActivities(deps.afterSharing, deps.startGrantReporting),
    ...updateComplianceActivities(deps.updateCompliance, deps.recordResourceUpdate),
    ...monthlyReportActivities(deps.monthlyReports, deps.openMonthlyReportRound),
    ...bulletinActivities(deps.bulletins),
    ...assessmentActivities(deps.assessments, deps.assessmentScoring),
    ...contactsActivities(deps.contacts, deps.startContactsCampaign),
    ...calendarActivities(deps.calendar, deps.deadlineRecomputation, deps.deadlineWakeups),
    ...campaignActivities(deps.campaigns, deps.startCampaign),
  };
}

export type Activities = ReturnType<typeof createActivities>;
