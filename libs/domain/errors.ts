/**
 * Domain errors carry the HTTP meaning of API.md, so use cases stay free of HTTP types
 * and the problem+json filter maps them in one place.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  constructor(
    message: string,
    readonly errors?: { field: string; message: string }[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly title = 'Not Found';
}
export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly title = 'Forbidden';
}
export class ConflictError extends DomainError {
  readonly status = 409;
  readonly title = 'Conflict';
}
export class RuleViolationError extends DomainError {
  readonly status = 422;
  readonly title = 'Unprocessable Content';
}
export class InvalidInputError extends DomainError {
  readonly status = 400;
  readonly title = 'Bad Request';
}
export class UnauthenticatedError extends DomainError {
  readonly status = 401;
  readonly title = 'Unauthorized';
}
/** Too many attempts: the answer carries `Retry-After`, the seconds until another attempt may succeed. */
export class TooManyAttemptsError extends DomainError {
  readonly status = 429;
  readonly title = 'Too Many Requests';
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
}
