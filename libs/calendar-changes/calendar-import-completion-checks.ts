import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CalendarService } from '../calendar/calendar.service.js';
import { CompletionChecks } from '../tasks/completion-checks.js';

/** A calendar_import task is done by importing the year; completing it by hand needs the year to be official first. */
@Injectable()
export class CalendarImportCompletionChecks implements OnModuleInit {
  constructor(
    private readonly checks: CompletionChecks,
    private readonly calendar: CalendarService,
  ) {}

  onModuleInit() {
    this.checks.register('calendar_import', async (task) => {
      const year = Number(task.subjectId);
      if (await this.calendar.isOfficial(year)) return undefined;
      return `${year} has no official arrangement yet: POST /calendar/years/${year}/arrangement imports it and completes this task`;
    });
  }
}
