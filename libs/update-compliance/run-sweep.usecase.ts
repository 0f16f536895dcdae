import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { updateComplianceSweepWorkflow, type UpdateComplianceSweepResult } from '../../workflows/update-compliance-sweep.workflow.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { workflowIds } from '../temporal/workflow-ids.js';

/** Runs the update-compliance sweep now, as its schedule would, and answers with what it found. */
@Injectable()
export class RunUpdateComplianceSweep {
  constructor(
    private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(): Promise<UpdateComplianceSweepResult & { workflowId: string }> {
    const workflowId = workflowIds.updateComplianceSweep(randomUUID());
    const result = await this.temporal.workflow.execute(updateComplianceSweepWorkflow, {
      workflowId,
      taskQueue: this.config.temporal.taskQueue,
      args: [],
      workflowExecutionTimeout: '15 minutes',
    });
    return { workflowId, ...result };
  }
}
