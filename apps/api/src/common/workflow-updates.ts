import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ConflictError, RuleViolationError } from '../../../../libs/domain/errors.js';
import { REASONS_REQUIRED, STALE_TASK } from '../../../../workflows/lib/failure-types.js';

/**
 * Sends an Update to a workflow and turns its refusal into a domain error: 422 when the validator's
 * failure type says the input breaks a rule, otherwise 409 (the workflow's state does not allow it).
 */
export async function sendWorkflowUpdate<T>(
  send: () => Promise<T>,
  refusals: { ruleViolationType: string; endedMessage: string },
): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw new ConflictError(refusals.endedMessage);
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      if (error.cause.type === STALE_TASK) throw new ConflictError(error.cause.message, undefined, 'task-not-open');
      if (error.cause.type === REASONS_REQUIRED) {
        throw new RuleViolationError(error.cause.message, [{ field: 'reasons', path: ['reasons'], message: error.cause.message }], 'reasons-required');
      }
      if (error.cause.type === refusals.ruleViolationType) throw new RuleViolationError(error.cause.message);
      throw new ConflictError(error.cause.message);
    }
    throw error;
  }
}
