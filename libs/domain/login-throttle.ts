/**
 * Login throttling: failed logins are counted per account (as typed, whether or not it exists, so a lockout says
 * nothing about existence) and per client address within a window; the failure that reaches a limit locks the
 * account or the address out for a while. Counts restart after a lockout, and an account's after its own success.
 */
export interface LoginThrottlePolicy {
  maxFailuresPerAccount: number;
  maxFailuresPerAddress: number;
  windowSeconds: number;
  lockoutSeconds: number;
}

export type LockoutScope = 'account' | 'address';

export interface Lockout {
  scope: LockoutScope;
  until: Date;
}

/** Failures counted so far, including the one just recorded. */
export interface FailureCounts {
  account: number;
  address: number;
}

export function lockoutAfterFailure(policy: LoginThrottlePolicy, counts: FailureCounts, now: Date): Lockout | undefined {
  const until = new Date(now.getTime() + policy.lockoutSeconds * 1000);
  if (counts.account >= policy.maxFailuresPerAccount) return { scope: 'account', until };
  if (counts.address >= policy.maxFailuresPerAddress) return { scope: 'address', until };
  return undefined;
}

/** The `Retry-After` of a refused login: whole seconds until the lockout ends, at least one. */
export function retryAfterSeconds(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}
