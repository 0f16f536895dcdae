import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { monthlyReportWorkflow } from '../../workflows/monthly-report.workflow.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ConflictError } from '../domain/errors.js';
import { monthlyReportDueAt, type MonthKey } from '../domain/reporting-periods.js';
import { workflowIds } from '../temporal/workflow-ids.js';
import { MonthlyReportService } from './monthly-report.service.js';

export interface OpenRoundCommand {
  month: MonthKey;
  /** Defaults to the end of the month's 25th. */
  dueAt?: Date;
  openedBy: string | null;
  /** The monthly schedule resumes a round a crash left half-started; a person opening it twice is told so. */
  ifAlreadyOpen: 'resume' | 'conflict';
}

/** Workflow starts in flight at once: a round covers every department of the city. */
const START_BATCH = 20;

/** Opens a month's reports and starts one workflow per report; starting one again finds it running. */
@Injectable()
export class OpenMonthlyReportRound {
  constructor(
    private readonly reports: MonthlyReportService,
    private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(command: OpenRoundCommand): Promise<{ month: MonthKey; dueAt: string; reports: number }> {
    const dueAt = command.dueAt ?? monthlyReportDueAt(command.month);
    const { created, reports } = await this.reports.openRound(command.month, dueAt, command.openedBy);
    if (!created && command.ifAlreadyOpen === 'conflict') throw new ConflictError(`the reports of ${command.month} are already open`);
    for (let i = 0; i < reports.length; i += START_BATCH) {
      await Promise.all(
        reports.slice(i, i + START_BATCH).map((report) =>
          this.temporal.workflow.start(monthlyReportWorkflow, {
            workflowId: workflowIds.monthlyReport(report.reportId),
            taskQueue: this.config.temporal.taskQueue,
            args: [report],
            workflowIdConflictPolicy: 'USE_EXISTING',
          }),
        ),
      );
    }
    return { month: command.month, dueAt: (await this.reports.round(command.month))!.dueAt.toISOString(), reports: reports.length };
  }
}
