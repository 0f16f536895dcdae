import { AuditEntry } from './audit-entry.entity.js';
import { Bulletin } from './bulletin.entity.js';
import { Assessment, AssessmentAdjustment, AssessmentAppeal, AssessmentDepartment, AssessmentScorecard, AssessmentSnapshot, AssessmentTarget } from './assessment.entity.js';
import { CalendarDay } from './calendar-day.entity.js';
import { CalendarYear } from './calendar-year.entity.js';
import { CatalogResourceVersion } from './catalog-resource-version.entity.js';
import { CatalogResource } from './catalog-resource.entity.js';
import { CatalogSubscription } from './catalog-subscription.entity.js';
import { DataDemand } from './data-demand.entity.js';
import { DataObjection } from './data-objection.entity.js';
import { CollectionCandidate } from './collection-candidate.entity.js';
import { CollectionRegistration } from './collection-registration.entity.js';
import { ContactRegistration, ContactsCampaign, DepartmentContact } from './department-contact.entity.js';
import { Department } from './department.entity.js';
import { Filing } from './filing.entity.js';
import { GovernmentDatabaseStep } from './government-database-step.entity.js';
import { GovernmentDatabase } from './government-database.entity.js';
import { MonthlyReport, MonthlyReportRound } from './monthly-report.entity.js';
import { Notification } from './notification.entity.js';
import { Policy } from './policy.entity.js';
import { ResourceUpdate } from './resource-update.entity.js';
import { SharingAgreement } from './sharing-agreement.entity.js';
import { SharingEvent } from './sharing-event.entity.js';
import { SharingFeedback } from './sharing-feedback.entity.js';
import { SharingGrant } from './sharing-grant.entity.js';
import { SharingRequest } from './sharing-request.entity.js';
import { Task } from './task.entity.js';
import { UpdateLapse } from './update-lapse.entity.js';
import { User } from './user.entity.js';

export * from './audit-entry.entity.js';
export * from './bulletin.entity.js';
export * from './assessment.entity.js';
export * from './calendar-day.entity.js';
export * from './calendar-year.entity.js';
export * from './catalog-resource-version.entity.js';
export * from './catalog-resource.entity.js';
export * from './catalog-subscription.entity.js';
export * from './collection-candidate.entity.js';
export * from './collection-registration.entity.js';
export * from './data-demand.entity.js';
export * from './data-objection.entity.js';
export * from './monthly-report.entity.js';
export * from './department-contact.entity.js';
export * from './department.entity.js';
export * from './filing.entity.js';
export * from './government-database-step.entity.js';
export * from './government-database.entity.js';
export * from './notification.entity.js';
export * from './policy.entity.js';
export * from './resource-update.entity.js';
export * from './sharing-agreement.entity.js';
export * from './sharing-event.entity.js';
export * from './sharing-feedback.entity.js';
export * from './sharing-grant.entity.js';
export * from './sharing-request.entity.js';
export * from './task.entity.js';
export * from './update-lapse.entity.js';
export * from './user.entity.js';

export const ENTITIES = [
  AuditEntry,
  Bulletin,
  Assessment,
  AssessmentAdjustment,
  AssessmentAppeal,
  AssessmentDepartment,
  AssessmentScorecard,
  AssessmentSnapshot,
  AssessmentTarget,
  CalendarDay,
  CalendarYear,
  CatalogResource,
  CatalogResourceVersion,
  CatalogSubscription,
  CollectionCandidate,
  CollectionRegistration,
  DataDemand,
  DataObjection,
  ContactRegistration,
  ContactsCampaign,
  Department,
  DepartmentContact,
  Filing,
  GovernmentDatabase,
  GovernmentDatabaseStep,
  MonthlyReport,
  MonthlyReportRound,
  Notification,
  Policy,
  ResourceUpdate,
  SharingAgreement,
  SharingEvent,
  SharingFeedback,
  SharingGrant,
  SharingRequest,
  Task,
  UpdateLapse,
  User,
];
