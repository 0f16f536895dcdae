import { PlatformFoundation } from './001-platform-foundation.js';
import { Catalog } from './002-catalog.js';
import { DatabaseRegistry } from './003-database-registry.js';
import { CollectionRegistration } from './004-collection-registration.js';
import { SubscriptionsAndDemands } from './005-subscriptions-and-demands.js';
import { SharingRequests } from './006-sharing-requests.js';
import { SharingAgreements } from './007-sharing-agreements.js';
import { AfterSharing } from './008-after-sharing.js';
import { GrantLifecycle } from './009-grant-lifecycle.js';
import { DepartmentContacts } from './010-department-contacts.js';
import { UpdateCompliance } from './011-update-compliance.js';
import { UpdateComplianceProcess } from './011-update-compliance-process.js';
import { MonthlyReports } from './012-monthly-reports.js';
import { AnnualAssessment } from './013-annual-assessment.js';
import { Bulletins } from './014-bulletins.js';
import { CalendarYears } from './015-calendar-years.js';
import { AccessAndAudit } from './016-access-and-audit.js';
import { FilingCampaigns } from './017-filing-campaigns.js';

/** In order. Listed explicitly so the compiled app needs no file discovery. */
export const MIGRATIONS = [
  PlatformFoundation,
  Catalog,
  DatabaseRegistry,
  CollectionRegistration,
  SubscriptionsAndDemands,
  SharingRequests,
  SharingAgreements,
  AfterSharing,
  GrantLifecycle,
  DepartmentContacts,
  UpdateCompliance,
  UpdateComplianceProcess,
  MonthlyReports,
  AnnualAssessment,
  Bulletins,
  CalendarYears,
  AccessAndAudit,
  FilingCampaigns,
];
