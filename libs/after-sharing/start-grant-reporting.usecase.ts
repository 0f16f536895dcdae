import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { grantReportingWorkflow } from '../../workflows/grant-reporting.workflow.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { workflowIds } from '../temporal/workflow-ids.js';

/** Starts the periodic provision and usage reports of a grant; starting it again finds the one running. */
@Injectable()
export class StartGrantReporting {
  constructor(
    private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(requestId: string, grantId: string): Promise<{ workflowId: string }> {
    const workflowId = workflowIds.grantReports(grantId);
    await this.temporal.workflow.start(grantReportingWorkflow, {
      workflowId,
      taskQueue: this.config.temporal.taskQueue,
      args: [{ requestId, grantId, period: 1 }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    return { workflowId };
  }
}
