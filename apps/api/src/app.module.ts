import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AfterSharingModule } from '../../../libs/after-sharing/after-sharing.module.js';
import { AssessmentModule } from '../../../libs/assessment/assessment.module.js';
import { AuditModule } from '../../../libs/audit/audit.module.js';
import { AccessPolicy } from '../../../libs/auth/access-policy.js';
import { CatalogModule } from '../../../libs/catalog/catalog.module.js';
import { CollectionModule } from '../../../libs/collection/collection.module.js';
import { ContactsModule } from '../../../libs/contacts/contacts.module.js';
import { CampaignsModule } from '../../../libs/campaigns/campaigns.module.js';
import { CampaignReads } from '../../../libs/campaigns/campaign-reads.usecase.js';
import { SubmitCampaignFiling } from '../../../libs/campaigns/submit-campaign-filing.usecase.js';
import { CampaignCompletionChecks } from './campaigns/campaign-completion-checks.js';
import { CampaignsController } from './campaigns/campaigns.controller.js';
import { ThemeLibrary } from '../../../libs/themes/theme-library.js';
import { ThemesController } from './themes/themes.controller.js';
import { loadConfig } from '../../../libs/config/app-config.js';
import { ConfigModule } from '../../../libs/config/config.module.js';
import { DatabaseModule } from '../../../libs/database/database.module.js';
import { DatabaseRegistryModule } from '../../../libs/database-registry/database-registry.module.js';
import { DocumentsModule } from '../../../libs/documents/documents.module.js';
import { FilingsModule } from '../../../libs/filings/filings.module.js';
import { MonthlyReportsModule } from '../../../libs/monthly-reports/monthly-reports.module.js';
import { BulletinsModule } from '../../../libs/bulletins/bulletins.module.js';
import { SupervisionModule } from '../../../libs/supervision/supervision.module.js';
import { QueueModule } from '../../../libs/queue/queue.module.js';
import { SharingModule } from '../../../libs/sharing/sharing.module.js';
import { TasksModule } from '../../../libs/tasks/tasks.module.js';
import { TemporalClientModule } from '../../../libs/temporal/temporal-client.module.js';
import { UpdateComplianceModule } from '../../../libs/update-compliance/update-compliance.module.js';
import { AssessmentsController } from './assessments/assessments.controller.js';
import { AcknowledgementsController } from './acknowledgements/acknowledgements.controller.js';
import { AdminController } from './admin/admin.controller.js';
import { DirectoryService } from './admin/directory.service.js';
import { AuditLogController } from './audit/audit-log.controller.js';
import { AuthController } from './auth/auth.controller.js';
import { LogIn } from './auth/log-in.usecase.js';
import { JwtAuthGuard } from './auth/jwt-auth.guard.js';
import { CatalogExcelController } from './catalog/catalog-excel.controller.js';
import { ContactsCompletionChecks } from './contacts/contacts-completion-checks.js';
import { ContactsController } from './contacts/contacts.controller.js';
import { RegisterContacts } from './contacts/register-contacts.usecase.js';
import { CatalogController } from './catalog/catalog.controller.js';
import { ImportResourceForms } from './catalog/import-resource-forms.usecase.js';
import { PublicCatalogController } from './catalog/public-catalog.controller.js';
import { SubmitForReview } from './catalog/submit-for-review.usecase.js';
import { SubscriptionsController } from './catalog/subscriptions.controller.js';
import { DemandAnswerCheck, DemandsController } from './demands/demands.controller.js';
import { CollectionCompletionChecks } from './collections/collection-completion-checks.js';
import { AfterSharingController } from './sharing/after-sharing.controller.js';
import { SharingCompletionChecks } from './sharing/sharing-completion-checks.js';
import { SharingDocumentsController } from './sharing/sharing-documents.controller.js';
import { SharingRequestsController } from './sharing/sharing-requests.controller.js';
import { CalendarController } from './calendar/calendar.controller.js';
import { CalendarChangesModule } from '../../../libs/calendar-changes/calendar-changes.module.js';
import { CollectionsController } from './collections/collections.controller.js';
import { DeclareCollection } from './collections/declare-collection.usecase.js';
import { PublicCollectionsController } from './collections/public-collections.controller.js';
import { DocumentResponder } from './common/documents.js';
import { EdgeInputMiddleware } from './common/edge-input.js';
import { ProblemDetailsFilter } from './common/problem-details.filter.js';
import { DatabasesController } from './databases/databases.controller.js';
import { RequestDatabaseStep } from './databases/request-database-step.usecase.js';
import { FilingsController } from './filings/filings.controller.js';
import { HealthController } from './health/health.controller.js';
import { MonthlyReportsController } from './monthly-reports/monthly-reports.controller.js';
import { SubmitMonthlyReport } from './monthly-reports/submit-monthly-report.usecase.js';
import { SupervisionController } from './supervision/supervision.controller.js';
import { BulletinsController } from './bulletins/bulletins.controller.js';
import { NotificationsController } from './notifications/notifications.controller.js';
import { CompleteTask } from './tasks/complete-task.usecase.js';
import { ReassignTask } from './tasks/reassign-task.usecase.js';
import { TaskKindsController } from './tasks/task-kinds.controller.js';
import { TasksController } from './tasks/tasks.controller.js';
import { ResourceUpdatesController } from './update-compliance/resource-updates.controller.js';
import { UpdateCompletionChecks } from './update-compliance/update-completion-checks.js';
import { UpdateComplianceController } from './update-compliance/update-compliance.controller.js';

@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    QueueModule,
    TemporalClientModule,
    TasksModule,
    CalendarChangesModule,
    FilingsModule,
    CatalogModule,
    SharingModule,
    AfterSharingModule,
    CollectionModule,
    DatabaseRegistryModule,
    DocumentsModule,
    UpdateComplianceModule,
    MonthlyReportsModule,
    SupervisionModule,
    BulletinsModule,
    AssessmentModule,
    ContactsModule,
    AuditModule,
    CampaignsModule,
    JwtModule.registerAsync({
      useFactory: () => {
        const { auth } = loadConfig();
        return { secret: auth.jwtSecret, signOptions: { expiresIn: auth.jwtTtlSeconds } };
      },
    }),
  ],
  controllers: [
    HealthController,
    AuthController,
    AdminController,
    AuditLogController,
    CalendarController,
    TasksController,
    TaskKindsController,
    FilingsController,
    NotificationsController,
    AcknowledgementsController,
    CatalogController,
    CatalogExcelController,
    PublicCatalogController,
    SubscriptionsController,
    DemandsController,
    SharingRequestsController,
    AfterSharingController,
    SharingDocumentsController,
    CollectionsController,
    PublicCollectionsController,
    DatabasesController,
    ResourceUpdatesController,
    UpdateComplianceController,
    MonthlyReportsController,
    SupervisionController,
    BulletinsController,
    AssessmentsController,
    ContactsController,
    CampaignsController,
    ThemesController,
  ],
  providers: [
    AccessPolicy,
    DirectoryService,
    LogIn,
    CompleteTask,
    SubmitMonthlyReport,
    CollectionCompletionChecks,
    ReassignTask,
    SubmitForReview,
    DemandAnswerCheck,
    SharingCompletionChecks,
    DeclareCollection,
    RequestDatabaseStep,
    ImportResourceForms,
    UpdateCompletionChecks,
    DocumentResponder,
    RegisterContacts,
    ContactsCompletionChecks,
    SubmitCampaignFiling,
    CampaignReads,
    CampaignCompletionChecks,
    ThemeLibrary,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
  ],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(EdgeInputMiddleware).forRoutes('{*path}');
  }
}
