import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuditLog } from '../../../../libs/audit/audit-log.service.js';
import { LoginThrottle, type LoginAttempt } from '../../../../libs/audit/login-throttle.service.js';
import { verifyPasswordOf } from '../../../../libs/auth/passwords.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import { tokenPayload } from '../../../../libs/auth/token-claims.js';
import { User } from '../../../../libs/database/entities/index.js';
import { TooManyAttemptsError, UnauthenticatedError } from '../../../../libs/domain/errors.js';
import { retryAfterSeconds, type Lockout } from '../../../../libs/domain/login-throttle.js';
import { toPrincipal } from './jwt-auth.guard.js';

/**
 * Logging in: refused while the account or the address is locked out; the password is verified (against a
 * throwaway hash for an unknown or disabled account, so timing tells nothing); every outcome is audited, and the
 * failure that reaches a limit locks out. Attempts on one account are taken one at a time in this process, so a
 * burst of parallel guesses is counted before the next one is verified.
 */
@Injectable()
export class LogIn {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly em: EntityManager,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditLog,
  ) {}

  run(attempt: LoginAttempt & { password: string }): Promise<{ accessToken: string; user: Principal }> {
    return this.oneAtATime(attempt.username, () => this.attempt(attempt));
  }

  private async attempt({ password, ...attempt }: LoginAttempt & { password: string }) {
    const lockout = await this.throttle.lockoutInForce(attempt, new Date());
    if (lockout) throw lockedOut(lockout);
    const user = await this.em.fork().findOne(User, { username: attempt.username, active: true });
    if (!(await verifyPasswordOf(user, password)) || !user) {
      const triggered = await this.throttle.recordFailure(attempt, new Date());
      if (triggered) throw lockedOut(triggered);
      throw new UnauthenticatedError('wrong username or password');
    }
    await this.audit.record({ action: 'login', actorId: user.id, ...attempt });
    return this.session(user);
  }

  /** A new token for an active account at its current token version (after the caller changed its password). */
  async issue(userId: string): Promise<{ accessToken: string; user: Principal }> {
    const user = await this.em.fork().findOne(User, { id: userId, active: true });
    if (!user) throw new UnauthenticatedError('the account no longer exists or is disabled');
    return this.session(user);
  }

  private async session(user: User) {
    return { accessToken: await this.jwt.signAsync(tokenPayload(user)), user: toPrincipal(user) };
  }

  private oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.inFlight.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.inFlight.set(key, next);
    void next.finally(() => this.inFlight.get(key) === next && this.inFlight.delete(key)).catch(() => undefined);
    return next;
  }
}

function lockedOut(lockout: Lockout): TooManyAttemptsError {
  const what = lockout.scope === 'account' ? 'this account' : 'this address';
  return new TooManyAttemptsError(`too many failed logins: ${what} is locked out for a while`, retryAfterSeconds(lockout.until, new Date()));
}
