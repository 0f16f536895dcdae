import { Module } from '@nestjs/common';
import { AccessPolicy } from '../auth/access-policy.js';
import { TemporalClientModule } from '../temporal/temporal-client.module.js';
import { MonthlyActivity } from './monthly-activity.query.js';
import { MonthlyReportService } from './monthly-report.service.js';
import { OpenMonthlyReportRound } from './open-monthly-report-round.usecase.js';

@Module({
  imports: [TemporalClientModule],
  providers: [MonthlyReportService, MonthlyActivity, OpenMonthlyReportRound, AccessPolicy],
  exports: [MonthlyReportService, OpenMonthlyReportRound],
})
export class MonthlyReportsModule {}
