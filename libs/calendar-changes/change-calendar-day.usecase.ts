import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/principal.js';
import { CalendarService, type CalendarDayView } from '../calendar/calendar.service.js';
import { CALENDAR_EDITORS } from '../domain/roles.js';
import { CalendarRecomputations, type RecomputationOutcome } from './calendar-recomputations.js';

/** How long the answer waits for the recomputation: a day edit touches few deadlines and finishes well within it. */
const ANSWER_WAIT_MS = 15_000;

/**
 * Corrects one day of the calendar. The day and its recomputation job commit together; the job then moves every
 * open deadline whose span holds the day and wakes the workflows whose deadline came earlier.
 */
@Injectable()
export class ChangeCalendarDay {
  constructor(
    private readonly em: EntityManager,
    private readonly calendar: CalendarService,
    private readonly recomputations: CalendarRecomputations,
    private readonly access: AccessPolicy,
  ) {}

  async execute(principal: Principal, date: string, isWorkingDay: boolean, note: string): Promise<CalendarDayView & RecomputationOutcome> {
    this.access.requireAnyRole(principal, CALENDAR_EDITORS, 'editing the calendar');
    const { day, jobId } = await this.em.transactional(async (tx) => {
      const day = await this.calendar.setDay(date, isWorkingDay, note, principal.id);
      const jobId = await this.recomputations.begin(tx, { cause: 'day_edit', fromDate: date, toDate: date, requestedBy: principal.id });
      return { day, jobId };
    });
    const outcome = await this.recomputations.outcome(jobId, ANSWER_WAIT_MS);
    return { ...day, ...outcome };
  }
}
