import { EntityManager } from '@mikro-orm/postgresql';
import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Client, type Connection } from '@temporalio/client';
import type { Queue } from 'bullmq';
import type { Response } from 'express';
import { NOTIFICATION_QUEUE } from '../../../../libs/notifications/notification-queue.js';
import { Public } from '../auth/auth.decorators.js';
import { z } from 'zod';
import { named, Responds } from '../common/contract.js';

const checkResult = z.enum(['ok', 'error']);
type CheckResult = z.infer<typeof checkResult>;
const healthSchema = named(
  'Health',
  z.object({ status: checkResult, checks: z.object({ database: checkResult, redis: checkResult, temporal: checkResult }) }),
);
const CHECK_TIMEOUT_MS = 3000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly em: EntityManager,
    private readonly temporal: Client,
    @InjectQueue(NOTIFICATION_QUEUE) private readonly queue: Queue,
  ) {}

  @Public()
  @Get()
  @Responds(healthSchema)
  @Responds(healthSchema, 503)
  async check(@Res({ passthrough: true }) response: Response) {
    const [database, redis, temporal] = await Promise.all([
      probe(() => this.em.fork().execute('select 1')),
      probe(() => this.queue.getJobCounts('waiting')),
      probe(() => this.temporalConnection().healthService.check({})),
    ]);
    const checks = { database, redis, temporal };
    const status: CheckResult = Object.values(checks).every((result) => result === 'ok') ? 'ok' : 'error';
    response.status(status === 'ok' ? 200 : 503);
    return { status, checks };
  }

  private temporalConnection() {
    return this.temporal.connection as Connection;
  }
}

async function probe(check: () => Promise<unknown>): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'ok';
  } catch {
    return 'error';
  } finally {
    clearTimeout(timer);
  }
}
