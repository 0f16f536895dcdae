/**
 * Failures no retry can cure: the same input fails the same way every time. An activity that fails so is failed
 * at once (non-retryable), so no input can keep a workflow retrying for ever; an outage (a database, a queue, a
 * network down) stays retryable without limit, so work resumes by itself when the dependency returns.
 */
export const PERMANENT_FAILURE_TYPES = ['PermanentDataError', 'PermanentRuleError', 'PermanentNotFound'] as const;

export type PermanentFailureType = (typeof PERMANENT_FAILURE_TYPES)[number];

/**
 * PostgreSQL SQLSTATEs of a statement that is wrong in itself: data exceptions (class 22: a NUL byte, an invalid
 * byte sequence, a value out of range, an impossible date), integrity violations other than a unique race
 * (NOT NULL, foreign key, check), and 08P01, the "invalid message format" a NUL byte in a parameter causes.
 */
export function isPermanentSqlState(code: string): boolean {
  return code.startsWith('22') || code === '08P01' || code === '23502' || code === '23503' || code === '23514';
}

/**
 * A row not found may be one whose transaction has not committed yet (the API starts a workflow and answers); it is
 * a permanent failure only when it is still missing at this attempt (about 15 s of back-off later).
 */
export const NOT_FOUND_ATTEMPTS = 5;

/** The permanent failure an error is at the activity's `attempt` (1 first), if it is one; undefined for what may succeed on a retry. */
export function permanentFailureType(error: unknown, attempt = 1): PermanentFailureType | undefined {
  const type = failureType(error);
  return type === 'PermanentNotFound' && attempt < NOT_FOUND_ATTEMPTS ? undefined : type;
}

function failureType(error: unknown): PermanentFailureType | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, status } = error as { code?: unknown; status?: unknown };
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && isPermanentSqlState(code)) return 'PermanentDataError';
  // The platform's domain errors carry their HTTP meaning: a 4xx is the input's fault (a rule, a missing row).
  if (typeof status === 'number' && status >= 400 && status < 500) return status === 404 ? 'PermanentNotFound' : 'PermanentRuleError';
  // MikroORM's findOneOrFail and schema validation; zod's parse of an activity's input.
  if (error.name === 'NotFoundError') return 'PermanentNotFound';
  if (error.name === 'ValidationError' || error.name === 'ZodError') return 'PermanentRuleError';
  return undefined;
}
