import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { executeBound } from '../database/bound-query.js';
import { lockoutAfterFailure, type Lockout, type LockoutScope } from '../domain/login-throttle.js';
import { AuditLog } from './audit-log.service.js';

export interface LoginAttempt {
  username: string;
  address: string;
}

/**
 * Counts failed logins from the audit log (per account as typed and per client address) and records the lockout
 * the failure that reaches a limit causes. The audit log is the one record: nothing else keeps these counts.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get policy() {
    return this.config.auth.loginThrottle;
  }

  /** The lockout in force for the account or the address, if any. */
  async lockoutInForce(attempt: LoginAttempt, now: Date): Promise<Lockout | undefined> {
    const since = new Date(now.getTime() - this.policy.lockoutSeconds * 1000);
    const [row] = await executeBound<{ scope: LockoutScope; until: Date }>(
      this.em.fork(),
      `select details->>'scope' as scope, (details->>'until')::timestamptz as until from audit_log
        where action = 'lockout' and at > $3
          and ((details->>'scope' = 'account' and username = $1) or (details->>'scope' = 'address' and address = $2))
        order by (details->>'until')::timestamptz desc limit 1`,
      [attempt.username, attempt.address, since],
    );
    return row && new Date(row.until) > now ? { scope: row.scope, until: new Date(row.until) } : undefined;
  }

  /** Records a failed login; returns the lockout it triggers, itself recorded, when it reaches a limit. */
  async recordFailure(attempt: LoginAttempt, now: Date): Promise<Lockout | undefined> {
    await this.audit.record({ action: 'login_failed', ...attempt });
    const windowStart = new Date(now.getTime() - this.policy.windowSeconds * 1000);
    // An account's count restarts after its last success or lockout, an address's after its last lockout.
    const [counts] = await executeBound<{ account: number; address: number }>(
      this.em.fork(),
      `select
         (select count(*) from audit_log f where f.action = 'login_failed' and f.username = $1 and f.at > greatest($3,
           (select max(r.at) from audit_log r where r.username = $1
              and (r.action = 'login' or (r.action = 'lockout' and r.details->>'scope' = 'account')))))::int as account,
         (select count(*) from audit_log f where f.action = 'login_failed' and f.address = $2 and f.at > greatest($3,
           (select max(r.at) from audit_log r where r.address = $2
              and r.action = 'lockout' and r.details->>'scope' = 'address')))::int as address`,
      [attempt.username, attempt.address, windowStart],
    );
    const lockout = lockoutAfterFailure(this.policy, counts!, now);
    if (lockout) {
      await this.audit.record({ action: 'lockout', ...attempt, details: { scope: lockout.scope, until: lockout.until.toISOString() } });
    }
    return lockout;
  }
}
