import type { RetryPolicy } from '@temporalio/common';
import { PERMANENT_FAILURE_TYPES } from '../../libs/domain/permanent-failures.js';

/**
 * Every activity's retry policy: outages are retried without limit (backing off to `maximumInterval`), failures
 * the worker classifies as permanent (libs/domain/permanent-failures.ts) are not retried at all.
 */
export function activityRetry(maximumInterval: RetryPolicy['maximumInterval'] = '1 minute'): RetryPolicy {
  return { maximumInterval, nonRetryableErrorTypes: [...PERMANENT_FAILURE_TYPES] };
}
