import type { AfterSharingService } from '../libs/after-sharing/after-sharing.service.js';
import type { StartGrantReporting } from '../libs/after-sharing/start-grant-reporting.usecase.js';
import type { ObjectionOutcome } from '../libs/database/entities/index.js';

export function afterSharingActivities(afterSharing: AfterSharingService, startReporting: StartGrantReporting) {
  return {
    recordObjectionOutcome: (objectionId: string, outcome: ObjectionOutcome, comment: string, verifiedBy: string) =>
      afterSharing.recordObjectionOutcome(objectionId, outcome, comment, verifiedBy),
    readGrantReporting: (grantId: string) => afterSharing.grantReporting(grantId),
    /** Starts a grant's periodic reporting (idempotent): the sharing request workflow calls it after granting. */
    startGrantReporting: (requestId: string, grantId: string) => startReporting.execute(requestId, grantId),
  };
}

export type AfterSharingActivities = ReturnType<typeof afterSharingActivities>;
