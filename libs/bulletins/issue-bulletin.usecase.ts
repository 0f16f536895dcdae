import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { bulletinWorkflow } from '../../workflows/bulletin.workflow.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { Bulletin } from '../database/entities/index.js';
import { workflowIds } from '../temporal/workflow-ids.js';
import { BulletinService, type BulletinPeriod } from './bulletin.service.js';

/** Issues the bulletin of a period now and answers with it once it is filed and published. */
@Injectable()
export class IssueBulletin {
  constructor(
    private readonly bulletins: BulletinService,
    private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(period: BulletinPeriod, requestedBy: string): Promise<Bulletin> {
    const bulletin = await this.bulletins.reserve(period, requestedBy, 'conflict');
    await this.temporal.workflow.execute(bulletinWorkflow, {
      workflowId: workflowIds.bulletin(bulletin.id),
      taskQueue: this.config.temporal.taskQueue,
      args: [bulletin.id],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    return this.bulletins.published(bulletin.id);
  }
}
