/**
 * Domain errors carry the HTTP meaning of API.md, so use cases stay free of HTTP types
 * and the problem+json filter maps them in one place.
 */

/** Where the problem `type` URIs live: `${PROBLEM_TYPE_BASE}<kind>`. Stable: clients key their own words on them. */
export const PROBLEM_TYPE_BASE = 'https://gov-data-sharing.example/problems/';

/**
 * Every kind of problem the API answers with. A specific kind (`task-not-open`) says more than its status's
 * generic one (`conflict`), so a client can tell a stale task from another refusal without reading `detail`.
 */
export const PROBLEM_KINDS = [
  'validation',
  'unauthenticated',
  'forbidden',
  'not-found',
  'not-acceptable',
  'conflict',
  'task-not-open',
  'rule-violation',
  'reasons-required',
  'outcome-not-allowed',
  'payload-invalid',
  'payload-too-large',
  'unsupported-media-type',
  'too-many-attempts',
  'request-timeout',
  'request-header-too-large',
  'service-unavailable',
  'internal',
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export const problemType = (kind: ProblemKind) => `${PROBLEM_TYPE_BASE}${kind}`;

export interface FieldProblem {
  /** The field's path, dot-separated (`dataItems.0.name`), or `(body)`. */
  field: string;
  path?: (string | number)[];
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  /** The kind of problem when none more specific is given. */
  abstract readonly defaultKind: ProblemKind;
  constructor(
    message: string,
    readonly errors?: FieldProblem[],
    private readonly specificKind?: ProblemKind,
  ) {
    super(message);
    this.name = new.target.name;
  }

  get kind(): ProblemKind {
    return this.specificKind ?? this.defaultKind;
  }
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly title = 'Not Found';
  readonly defaultKind = 'not-found';
}
export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly title = 'Forbidden';
  readonly defaultKind = 'forbidden';
}
export class ConflictError extends DomainError {
  readonly status = 409;
  readonly title = 'Conflict';
  readonly defaultKind = 'conflict';
}
export class RuleViolationError extends DomainError {
  readonly status = 422;
  readonly title = 'Unprocessable Content';
  readonly defaultKind = 'rule-violation';
}
export class InvalidInputError extends DomainError {
  readonly status = 400;
  readonly title = 'Bad Request';
  readonly defaultKind = 'validation';
}
export class UnauthenticatedError extends DomainError {
  readonly status = 401;
  readonly title = 'Unauthorized';
  readonly defaultKind = 'unauthenticated';
}
/** Too many attempts: the answer carries `Retry-After`, the seconds until another attempt may succeed. */
export class TooManyAttemptsError extends DomainError {
  readonly status = 429;
  readonly title = 'Too Many Requests';
  readonly defaultKind = 'too-many-attempts';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
export class UnsupportedMediaTypeError extends DomainError {
  readonly status = 415;
  readonly title = 'Unsupported Media Type';
  readonly defaultKind = 'unsupported-media-type';
}
