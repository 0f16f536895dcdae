import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { assessmentCycleWorkflow } from '../../workflows/assessment-cycle.workflow.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { Assessment } from '../database/entities/index.js';
import { AssessmentService, type NewAssessment } from './assessment.service.js';

/** Starts a year's assessment: its rows, then its cycle workflow (keyed by the row's id). */
@Injectable()
export class StartAssessment {
  constructor(
    private readonly assessments: AssessmentService,
    private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(input: NewAssessment): Promise<Assessment> {
    const assessment = await this.assessments.create(input);
    await this.temporal.workflow.start(assessmentCycleWorkflow, {
      workflowId: assessment.workflowId,
      taskQueue: this.config.temporal.taskQueue,
      args: [{ assessmentId: assessment.id, year: assessment.year, midYearAt: assessment.midYearAt.toISOString(), yearEndAt: assessment.yearEndAt.toISOString() }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    return assessment;
  }
}
