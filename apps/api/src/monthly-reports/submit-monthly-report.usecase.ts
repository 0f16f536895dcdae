import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../../../../libs/auth/access-policy.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import { ConflictError } from '../../../../libs/domain/errors.js';
import { MonthlyReportService } from '../../../../libs/monthly-reports/monthly-report.service.js';
import { CompleteTask } from '../tasks/complete-task.usecase.js';

/** A department submits its monthly report: the completion of its open report task, on time or late. */
@Injectable()
export class SubmitMonthlyReport {
  constructor(
    private readonly reports: MonthlyReportService,
    private readonly completeTask: CompleteTask,
    private readonly access: AccessPolicy,
  ) {}

  async execute(principal: Principal, reportId: string, submission: { progress: string; problems: string }): Promise<void> {
    const report = await this.reports.visibleReport(principal, reportId);
    this.access.requireDepartmentMember(principal, report.departmentId, 'submitting a monthly report');
    const task = await this.reports.openTask(report.id);
    if (!task) throw new ConflictError(`the report of ${report.month} is ${report.status === 'submitted' ? 'already submitted' : 'not open yet'}`);
    await this.completeTask.execute(principal, task.id, { outcome: 'submit', payload: submission });
  }
}
