import { lockoutAfterFailure, retryAfterSeconds } from './login-throttle.js';

const policy = { maxFailuresPerAccount: 5, maxFailuresPerAddress: 30, windowSeconds: 900, lockoutSeconds: 900 };
const now = new Date('2026-03-02T08:00:00Z');

describe('login throttling', () => {
  it('locks an account out at its limit of failures, for the lockout period', () => {
    expect(lockoutAfterFailure(policy, { account: 4, address: 4 }, now)).toBeUndefined();
    expect(lockoutAfterFailure(policy, { account: 5, address: 5 }, now)).toEqual({ scope: 'account', until: new Date('2026-03-02T08:15:00Z') });
  });

  it('locks an address out when its failures across accounts reach its limit', () => {
    expect(lockoutAfterFailure(policy, { account: 1, address: 29 }, now)).toBeUndefined();
    expect(lockoutAfterFailure(policy, { account: 1, address: 30 }, now)).toMatchObject({ scope: 'address' });
  });

  it('answers Retry-After in whole seconds, never zero', () => {
    expect(retryAfterSeconds(new Date(now.getTime() + 899_001), now)).toBe(900);
    expect(retryAfterSeconds(new Date(now.getTime() + 10), now)).toBe(1);
    expect(retryAfterSeconds(new Date(now.getTime() - 10), now)).toBe(1);
  });
});
