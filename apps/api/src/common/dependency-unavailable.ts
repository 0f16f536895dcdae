/**
 * Whether an error means that PostgreSQL, Redis or the Temporal server cannot be reached right now
 * (refused or cut connection, server shutting down, gRPC UNAVAILABLE): the request may succeed when it
 * is retried, so the API answers 503 with Retry-After rather than 500.
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTCONN',
]);
// PostgreSQL SQLSTATEs: class 08 (connection exception) and 57P01-57P03 (the server shutting down or starting).
const POSTGRES_UNAVAILABLE = /^(08\d{3}|57P0[123])$/;
const MESSAGES = [
  /connection terminated/i,
  /connection is closed/i,
  /Connection ended unexpectedly/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /MaxRetriesPerRequest/i,
  /Failed to connect before the deadline/i,
  /No connection established/i,
  /Stream removed/i,
];
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;

export function isDependencyUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (
    let current = error;
    current && typeof current === 'object' && !seen.has(current);
    current = (current as { cause?: unknown }).cause
  ) {
    seen.add(current);
    const { code, name, message } = current as { code?: unknown; name?: unknown; message?: unknown };
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || POSTGRES_UNAVAILABLE.test(code))) return true;
    if (
      typeof code === 'number' &&
      (code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED) &&
      (current as { details?: unknown }).details !== undefined
    )
      return true;
    if (name === 'ConnectionException' || name === 'MaxRetriesPerRequestError') return true;
    if (typeof message === 'string' && MESSAGES.some((pattern) => pattern.test(message))) return true;
    for (const inner of (current as { errors?: unknown }).errors instanceof Array
      ? (current as { errors: unknown[] }).errors
      : []) {
      if (isDependencyUnavailable(inner)) return true;
    }
  }
  return false;
}
