import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AccessPolicy } from '../../../../libs/auth/access-policy.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import { CalendarService } from '../../../../libs/calendar/calendar.service.js';
import { PolicyService } from '../../../../libs/calendar/policy.service.js';
import type { Role } from '../../../../libs/domain/roles.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { openApiSchema, ZodPipe } from '../common/zod.js';
import { ChangeCalendarDay } from './change-calendar-day.usecase.js';

const EDITORS: Role[] = ['admin', 'info_office'];
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const rangeSchema = z.object({ from: isoDate, to: isoDate });
const daySchema = z.object({ isWorkingDay: z.boolean(), note: z.string().max(200).default('') });
const deadlineSchema = z.object({ from: z.iso.datetime({ offset: true }), duration: z.string().trim().min(1).max(64) });
const policySchema = z.object({ value: z.string().trim().min(1).max(64) });

@ApiTags('policies and calendar')
@ApiBearerAuth()
@Controller()
export class CalendarController {
  constructor(
    private readonly calendar: CalendarService,
    private readonly policies: PolicyService,
    private readonly changeDay: ChangeCalendarDay,
    private readonly access: AccessPolicy,
  ) {}

  @Get('calendar/days')
  days(@Query(new ZodPipe(rangeSchema)) range: z.infer<typeof rangeSchema>) {
    return this.calendar.days(range.from, range.to);
  }

  /** When a step that starts at `from` with `duration` ("10wd", "P3D") falls due, by the calendar in force. */
  @Get('calendar/deadline')
  async deadline(@Query(new ZodPipe(deadlineSchema)) query: z.infer<typeof deadlineSchema>) {
    const dueAt = await this.calendar.deadline(new Date(query.from), query.duration);
    return { from: query.from, duration: query.duration, dueAt: dueAt.toISOString() };
  }

  @Put('calendar/days/:date')
  @ApiBody({ schema: openApiSchema(daySchema) })
  setDay(
    @CurrentUser() user: Principal,
    @Param('date', new ZodPipe(isoDate)) date: string,
    @Body(new ZodPipe(daySchema)) body: z.infer<typeof daySchema>,
  ) {
    this.access.requireAnyRole(user, EDITORS, 'editing the calendar');
    return this.changeDay.execute(user, date, body.isWorkingDay, body.note);
  }

  @Get('policies')
  async listPolicies() {
    return (await this.policies.list()).map(({ key, value, description, updatedAt }) => ({ key, value, description, updatedAt }));
  }

  @Put('policies/:key')
  @ApiBody({ schema: openApiSchema(policySchema) })
  async setPolicy(@CurrentUser() user: Principal, @Param('key') key: string, @Body(new ZodPipe(policySchema)) body: z.infer<typeof policySchema>) {
    this.access.requireAnyRole(user, EDITORS, 'editing policies');
    const { value, description, updatedAt } = await this.policies.set(key, body.value, user.id);
    return { key, value, description, updatedAt };
  }
}
