import { ApplicationFailure, Context } from '@temporalio/activity';
import { permanentFailureType } from '../libs/domain/permanent-failures.js';

/**
 * Runs an activity, turning a failure no retry can cure into a non-retryable ApplicationFailure of its type, so the
 * workflow sees it at once instead of the activity being retried for ever. Every other failure passes as it is.
 */
export async function failingPermanentlyWhereRetryCannotHelp<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const type = permanentFailureType(error, Context.current().info.attempt);
    if (!type || error instanceof ApplicationFailure) throw error;
    const cause = error as Error;
    throw ApplicationFailure.create({ message: cause.message, type, nonRetryable: true, cause });
  }
}
