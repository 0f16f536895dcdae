import { Module } from '@nestjs/common';
import { FilingsModule } from '../filings/filings.module.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { TemporalClientModule } from '../temporal/temporal-client.module.js';
import { AccessPolicy } from '../auth/access-policy.js';
import { CalendarImportCompletionChecks } from './calendar-import-completion-checks.js';
import { CalendarRecomputations } from './calendar-recomputations.js';
import { ChangeCalendarDay } from './change-calendar-day.usecase.js';
import { DeadlineWakeups } from './deadline-wakeups.js';
import { ImportHolidayArrangement } from './import-arrangement.usecase.js';

/** Changes to the working-day calendar (a day edited, a year's arrangement imported) and the deadlines they move. */
@Module({
  imports: [TasksModule, FilingsModule, TemporalClientModule],
  providers: [AccessPolicy, CalendarRecomputations, ChangeCalendarDay, ImportHolidayArrangement, DeadlineWakeups, CalendarImportCompletionChecks],
  exports: [CalendarRecomputations, ChangeCalendarDay, ImportHolidayArrangement, DeadlineWakeups],
})
export class CalendarChangesModule {}
