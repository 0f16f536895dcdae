import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Policy } from '../database/entities/index.js';
import { NotFoundError } from '../domain/errors.js';
import { isPolicyKey, type PolicyKey } from '../domain/policies.js';
import { parseDuration } from './calendar.service.js';

/** Durations per step, editable by the info office; a step reads the value in force when it starts. */
@Injectable()
export class PolicyService {
  constructor(private readonly em: EntityManager) {}

  list(): Promise<Policy[]> {
    return this.em.find(Policy, {}, { orderBy: { key: 'asc' } });
  }

  async value(key: PolicyKey): Promise<string> {
    const policy = await this.em.findOne(Policy, { key });
    if (!policy) throw new NotFoundError(`policy '${key}' is not configured; run the reference-data setup`);
    return policy.value;
  }

  async set(key: string, value: string, userId: string): Promise<Policy> {
    if (!isPolicyKey(key)) throw new NotFoundError(`unknown policy '${key}'`);
    parseDuration(value, 'value');
    const policy = await this.em.findOneOrFail(Policy, { key });
    policy.value = value;
    policy.updatedBy = userId;
    policy.updatedAt = new Date();
    await this.em.flush();
    return policy;
  }
}
