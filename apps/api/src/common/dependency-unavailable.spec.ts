import { isDependencyUnavailable } from './dependency-unavailable.js';

describe('isDependencyUnavailable', () => {
  it('recognises a refused or cut connection, however deeply wrapped', () => {
    expect(
      isDependencyUnavailable(
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      ),
    ).toBe(true);
    expect(
      isDependencyUnavailable(
        new Error('wrapped', { cause: new Error('Connection terminated unexpectedly') }),
      ),
    ).toBe(true);
    expect(
      isDependencyUnavailable(
        Object.assign(new Error('aggregate'), {
          errors: [Object.assign(new Error('x'), { code: 'ECONNRESET' })],
        }),
      ),
    ).toBe(true);
  });

  it('recognises PostgreSQL shutting down and a Temporal server that is unavailable', () => {
    expect(
      isDependencyUnavailable(
        Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      ),
    ).toBe(true);
    expect(
      isDependencyUnavailable(
        new Error('service', {
          cause: Object.assign(new Error('14 UNAVAILABLE'), {
            code: 14,
            details: 'No connection established',
          }),
        }),
      ),
    ).toBe(true);
    expect(
      isDependencyUnavailable(
        Object.assign(new Error('Reached the max retries per request limit'), {
          name: 'MaxRetriesPerRequestError',
        }),
      ),
    ).toBe(true);
  });

  it('leaves every other error a 500 (or what its own mapping says)', () => {
    expect(isDependencyUnavailable(new Error('terms.scope.trim is not a function'))).toBe(false);
    expect(isDependencyUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(
      isDependencyUnavailable(
        Object.assign(new Error('not found'), { code: 5, details: 'workflow not found' }),
      ),
    ).toBe(false);
    expect(isDependencyUnavailable(undefined)).toBe(false);
  });
});
