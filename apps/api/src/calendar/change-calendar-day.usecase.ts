import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { CalendarService, type CalendarDayView } from '../../../../libs/calendar/calendar.service.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import { TaskService } from '../../../../libs/tasks/task.service.js';
import { taskDeadlineChangedSignal } from '../../../../workflows/lib/task-messages.js';

/**
 * Corrects one day of the calendar, recomputes the open deadlines that span it, and tells each
 * affected workflow to re-arm its timer. A workflow that misses the signal still re-reads its
 * deadline from the database when its old timer fires, so a failed signal only delays, never loses.
 */
@Injectable()
export class ChangeCalendarDay {
  private readonly logger = new Logger(ChangeCalendarDay.name);

  constructor(
    private readonly em: EntityManager,
    private readonly calendar: CalendarService,
    private readonly tasks: TaskService,
    private readonly temporal: Client,
  ) {}

  async execute(principal: Principal, date: string, isWorkingDay: boolean, note: string) {
    const day: CalendarDayView = await this.em.transactional(() => this.calendar.setDay(date, isWorkingDay, note, principal.id));
    const moved = await this.tasks.recomputeAfterCalendarChange(date);
    await Promise.all(
      moved.map((task) =>
        this.temporal.workflow
          .getHandle(task.workflowId)
          .signal(taskDeadlineChangedSignal, { taskId: task.id })
          .catch((error: unknown) => this.logger.warn(`could not signal ${task.workflowId}: ${String(error)}`)),
      ),
    );
    return { ...day, recomputedTasks: moved.map((task) => ({ id: task.id, dueAt: task.dueAt.toISOString() })) };
  }
}
