import { ApplicationFailure } from '@temporalio/activity';
import { DomainError } from '../libs/domain/errors.js';
import type { RecordResourceUpdate } from '../libs/update-compliance/record-resource-update.usecase.js';
import type { UpdateCompliance } from '../libs/update-compliance/update-compliance.service.js';
import { RESOURCE_NOT_UPDATABLE, type RecordedUpdate } from '../workflows/update-lapse.workflow.js';

export function updateComplianceActivities(compliance: UpdateCompliance, recordUpdate: RecordResourceUpdate) {
  return {
    detectUpdateLapses: () => compliance.detectLapses(),
    startUpdateLapseProcesses: () => compliance.startLapseProcesses(),
    remindResolvableUpdateLapses: () => compliance.remindResolvableLapses(),
    readUpdateLapse: (lapseId: string) => compliance.subject(lapseId),
    linkUpdateLapseTask: (lapseId: string, taskId: string) => compliance.linkTask(lapseId, taskId),
    resolveUpdateLapse: (lapseId: string, updateId: string | null) => compliance.resolve(lapseId, updateId),
    /** The person who completed a data_update task records the update (idempotent by task). */
    async recordUpdateForTask(completion: { resourceId: string; taskId: string; completedBy: string; comment?: string }): Promise<RecordedUpdate> {
      try {
        const update = await recordUpdate.forTaskCompletion(completion);
        return { updateId: update.id, recordedAt: update.recordedAt, recordedBy: update.recordedBy, note: update.note };
      } catch (error) {
        if (error instanceof DomainError) throw ApplicationFailure.nonRetryable(error.message, RESOURCE_NOT_UPDATABLE);
        throw error;
      }
    },
  };
}

export type UpdateComplianceActivities = ReturnType<typeof updateComplianceActivities>;
