import { MikroORM } from '@mikro-orm/postgresql';
import { RequestContext } from '@mikro-orm/core';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';
import { CalendarService } from '../../../libs/calendar/calendar.service.js';
import { DeadlineWakeups } from '../../../libs/calendar-changes/deadline-wakeups.js';
import { DeadlineRecomputation } from '../../../libs/tasks/deadline-recomputation.service.js';
import { createActivities } from '../../../activities/index.js';
import { failingPermanentlyWhereRetryCannotHelp } from '../../../activities/permanent-failures.js';
import { AfterSharingService } from '../../../libs/after-sharing/after-sharing.service.js';
import { StartGrantReporting } from '../../../libs/after-sharing/start-grant-reporting.usecase.js';
import { AssessmentScoring } from '../../../libs/assessment/assessment-scoring.service.js';
import { AssessmentService } from '../../../libs/assessment/assessment.service.js';
import { CatalogService } from '../../../libs/catalog/catalog.service.js';
import { DemandService } from '../../../libs/demands/demand.service.js';
import { AgreementService } from '../../../libs/sharing/agreement.service.js';
import { EndOnwardGrants } from '../../../libs/sharing/end-onward-grants.usecase.js';
import { SharingService } from '../../../libs/sharing/sharing.service.js';
import { CollectionService } from '../../../libs/collection/collection.service.js';
import { ContactsService } from '../../../libs/contacts/contacts.service.js';
import { CampaignService } from '../../../libs/campaigns/campaign.service.js';
import { StartCampaign } from '../../../libs/campaigns/start-campaign.usecase.js';
import { StartContactsCampaign } from '../../../libs/contacts/start-contacts-campaign.usecase.js';
import { APP_CONFIG, type AppConfig } from '../../../libs/config/app-config.js';
import { DatabaseRegistry } from '../../../libs/database-registry/database-registry.service.js';
import { FilingLedger } from '../../../libs/filings/filing-ledger.service.js';
import { temporalConnectionOptions } from '../../../libs/temporal/connection.js';
import { MonthlyReportService } from '../../../libs/monthly-reports/monthly-report.service.js';
import { OpenMonthlyReportRound } from '../../../libs/monthly-reports/open-monthly-report-round.usecase.js';
import { BulletinService } from '../../../libs/bulletins/bulletin.service.js';
import { TaskService } from '../../../libs/tasks/task.service.js';
import { RecordResourceUpdate } from '../../../libs/update-compliance/record-resource-update.usecase.js';
import { UpdateCompliance } from '../../../libs/update-compliance/update-compliance.service.js';

const WORKFLOWS_PATH = fileURLToPath(new URL('../../../workflows/index.js', import.meta.url));

/** Hosts the Temporal worker: the platform's workflows and the activities bound to its services. */
@Injectable()
export class TemporalWorkerService implements OnApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private worker?: Worker;
  private running?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly orm: MikroORM,
    private readonly tasks: TaskService,
    private readonly filings: FilingLedger,
    private readonly catalog: CatalogService,
    private readonly demands: DemandService,
    private readonly sharing: SharingService,
    private readonly endOnwardGrants: EndOnwardGrants,
    private readonly agreements: AgreementService,
    private readonly collections: CollectionService,
    private readonly databaseRegistry: DatabaseRegistry,
    private readonly afterSharing: AfterSharingService,
    private readonly startGrantReporting: StartGrantReporting,
    private readonly updateCompliance: UpdateCompliance,
    private readonly recordResourceUpdate: RecordResourceUpdate,
    private readonly monthlyReports: MonthlyReportService,
    private readonly openMonthlyReportRound: OpenMonthlyReportRound,
    private readonly bulletins: BulletinService,
    private readonly assessments: AssessmentService,
    private readonly assessmentScoring: AssessmentScoring,
    private readonly contacts: ContactsService,
    private readonly startContactsCampaign: StartContactsCampaign,
    private readonly calendar: CalendarService,
    private readonly deadlineRecomputation: DeadlineRecomputation,
    private readonly deadlineWakeups: DeadlineWakeups,
    private readonly campaigns: CampaignService,
    private readonly startCampaign: StartCampaign,
  ) {}

  async start(): Promise<void> {
    const { temporal } = this.config;
    const connection = await NativeConnection.connect(await temporalConnectionOptions(temporal));
    const activities = withRequestContext(
      this.orm,
      createActivities({
        tasks: this.tasks,
        filings: this.filings,
        catalog: this.catalog,
        collections: this.collections,
        demands: this.demands,
        sharing: this.sharing,
        endOnwardGrants: this.endOnwardGrants,
        agreements: this.agreements,
        databaseRegistry: this.databaseRegistry,
        afterSharing: this.afterSharing,
        startGrantReporting: this.startGrantReporting,
        updateCompliance: this.updateCompliance,
        recordResourceUpdate: this.recordResourceUpdate,
        monthlyReports: this.monthlyReports,
        openMonthlyReportRound: this.openMonthlyReportRound,
        bulletins: this.bulletins,
        assessments: this.assessments,
        assessmentScoring: this.assessmentScoring,
        contacts: this.contacts,
        startContactsCampaign: this.startContactsCampaign,
        calendar: this.calendar,
        deadlineRecomputation: this.deadlineRecomputation,
        deadlineWakeups: this.deadlineWakeups,
        campaigns: this.campaigns,
        startCampaign: this.startCampaign,
      }),
    );
    this.worker = await Worker.create({
      connection,
      namespace: temporal.namespace,
      taskQueue: temporal.taskQueue,
      activities,
      ...(temporal.workflowBundlePath
        ? { workflowBundle: { codePath: temporal.workflowBundlePath } }
        : { workflowsPath: WORKFLOWS_PATH }),
    });
    this.running = this.worker.run().finally(() => connection.close());
    this.logger.log(`Temporal worker polling '${temporal.taskQueue}' on ${temporal.address}/${temporal.namespace}`);
  }

  /** Resolves if the worker stops by itself (it should not): the process then exits. */
  whenStopped(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
  }
}

/**
 * Each activity runs in its own MikroORM request context (the functional form of @CreateRequestContext), and a
 * failure no retry can cure fails it for good (see activities/permanent-failures.ts).
 */
function withRequestContext<T extends Record<string, (...args: never[]) => Promise<unknown>>>(orm: MikroORM, activities: T): T {
  return Object.fromEntries(
    Object.entries(activities).map(([name, activity]) => [
      name,
      (...args: never[]) => failingPermanentlyWhereRetryCannotHelp(() => RequestContext.create(orm.em, () => activity(...args))),
    ]),
  ) as T;
}
