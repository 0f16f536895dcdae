import { ForbiddenError, UnauthenticatedError } from '../../../../libs/domain/errors.js';
import { CSRF_COOKIE, CSRF_HEADER, requestToken, SESSION_COOKIE } from './browser-session.js';

describe('requestToken', () => {
  const cookies = { [SESSION_COOKIE]: 'session-jwt', [CSRF_COOKIE]: 'csrf-secret' };

  it('takes a Bearer token without asking for a CSRF token, even on a change', () => {
    expect(requestToken({ method: 'POST', headers: { authorization: 'Bearer api-jwt' }, cookies })).toBe(
      'api-jwt',
    );
  });

  it('refuses a malformed authorization header rather than falling back to the cookie', () => {
    expect(() => requestToken({ method: 'GET', headers: { authorization: 'Basic abc' }, cookies })).toThrow(
      UnauthenticatedError,
    );
  });

  it('takes the session cookie for a read without a CSRF token', () => {
    expect(requestToken({ method: 'GET', headers: {}, cookies: { [SESSION_COOKIE]: 'session-jwt' } })).toBe(
      'session-jwt',
    );
  });

  it('takes the session cookie for a change that echoes the CSRF cookie', () => {
    expect(requestToken({ method: 'PUT', headers: { [CSRF_HEADER]: 'csrf-secret' }, cookies })).toBe(
      'session-jwt',
    );
  });

  it.each([
    ['no header', {}],
    ['another value', { [CSRF_HEADER]: 'csrf-secreT' }],
    ['a value of another length', { [CSRF_HEADER]: 'csrf' }],
  ])('refuses a cookie-authenticated change with %s (403)', (_, headers) => {
    expect(() => requestToken({ method: 'DELETE', headers, cookies })).toThrow(ForbiddenError);
  });

  it('refuses a change when the CSRF cookie is missing, whatever the header says', () => {
    expect(() =>
      requestToken({
        method: 'POST',
        headers: { [CSRF_HEADER]: '' },
        cookies: { [SESSION_COOKIE]: 'session-jwt' },
      }),
    ).toThrow(ForbiddenError);
  });

  it('answers 401 with neither a token nor a session', () => {
    expect(() => requestToken({ method: 'GET', headers: {}, cookies: {} })).toThrow(UnauthenticatedError);
  });
});
