import type { TaskCompletion } from '../libs/domain/task-kinds.js';
import type { MonthlyReportService } from '../libs/monthly-reports/monthly-report.service.js';

export function monthlyReportActivities(reports: MonthlyReportService) {
  return {
    prefillMonthlyReport: (reportId: string) => reports.prefill(reportId),
    async recordMonthlyReport(completion: TaskCompletion) {
      const { figures, progress, problems, late, submittedAt } = await reports.submit(completion);
      return { figures, progress, problems, late: late!, submittedAt: submittedAt!.toISOString() };
    },
  };
}

export type MonthlyReportActivities = ReturnType<typeof monthlyReportActivities>;
