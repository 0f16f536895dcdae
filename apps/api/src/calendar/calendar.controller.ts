import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AccessPolicy } from '../../../../libs/auth/access-policy.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import { arrangementSchema, parseIcsArrangement, parseJsonArrangement } from '../../../../libs/calendar/arrangement.js';
import { CalendarService } from '../../../../libs/calendar/calendar.service.js';
import { PolicyService } from '../../../../libs/calendar/policy.service.js';
import { CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR } from '../../../../libs/calendar/statutory-holidays.js';
import { CalendarRecomputations } from '../../../../libs/calendar-changes/calendar-recomputations.js';
import { ChangeCalendarDay } from '../../../../libs/calendar-changes/change-calendar-day.usecase.js';
import { ImportHolidayArrangement } from '../../../../libs/calendar-changes/import-arrangement.usecase.js';
import { InvalidInputError, NotFoundError } from '../../../../libs/domain/errors.js';
import { CALENDAR_EDITORS } from '../../../../libs/domain/roles.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { named, Problems, Responds } from '../common/contract.js';
import { ZodPipe } from '../common/zod.js';
import {
  arrangementImportSchema,
  calendarDayChangeSchema,
  calendarDayListSchema,
  calendarYearListSchema,
  deadlineExplanationSchema,
  policyListSchema,
  policySchema as policyViewSchema,
  recomputationSchema,
} from './calendar-views.js';

named('HolidayArrangement', arrangementSchema);

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const rangeSchema = z.object({ from: isoDate, to: isoDate });
const daySchema = z.object({ isWorkingDay: z.boolean(), note: z.string().max(200).default('') });
const deadlineSchema = z.object({ from: z.iso.datetime({ offset: true }), duration: z.string().trim().min(1).max(64) });
const policySchema = z.object({ value: z.string().trim().min(1).max(64) });
const yearSchema = z.coerce.number().int().min(CALENDAR_FIRST_YEAR).max(CALENDAR_LAST_YEAR);
const uploadFieldsSchema = z.object({ reference: z.string().trim().min(1).max(100).optional(), title: z.string().trim().min(1).max(200).optional() });
const jobIdSchema = z.uuid();

/** An arrangement file: .ics (iCalendar) or .json, at most this size. */
const MAX_ARRANGEMENT_BYTES = 512 * 1024;

interface UploadedArrangement {
  buffer: Buffer;
  originalname: string;
}

@ApiTags('policies and calendar')
@ApiBearerAuth()
@Controller()
export class CalendarController {
  constructor(
    private readonly calendar: CalendarService,
    private readonly policies: PolicyService,
    private readonly changeDay: ChangeCalendarDay,
    private readonly importArrangement: ImportHolidayArrangement,
    private readonly recomputations: CalendarRecomputations,
    private readonly access: AccessPolicy,
  ) {}

  /** Each day with whether it is a working day and where that comes from (official, statutory, weekday, manual). */
  @Get('calendar/days')
  @Responds(calendarDayListSchema)
  days(@Query(new ZodPipe(rangeSchema)) range: z.infer<typeof rangeSchema>) {
    return this.calendar.days(range.from, range.to);
  }

  /** Each year: official (with the notice's reference) or provisional (statutory holidays computed by law). */
  @Get('calendar/years')
  @Responds(calendarYearListSchema)
  years() {
    return this.calendar.years();
  }

  /**
   * When a step that starts at `from` with `duration` ("10wd", "P3D") falls due, by the calendar in force; for
   * working days also the days counted and skipped, and whether a provisional year makes the date provisional.
   */
  @Get('calendar/deadline')
  @Responds(deadlineExplanationSchema)
  @Problems(422)
  async deadline(@Query(new ZodPipe(deadlineSchema)) query: z.infer<typeof deadlineSchema>) {
    return { from: query.from, duration: query.duration, ...(await this.calendar.explainDeadline(new Date(query.from), query.duration)) };
  }

  @Put('calendar/days/:date')
  @Responds(calendarDayChangeSchema)
  @Problems(403)
  setDay(
    @CurrentUser() user: Principal,
    @Param('date', new ZodPipe(isoDate)) date: string,
    @Body(new ZodPipe(daySchema)) body: z.infer<typeof daySchema>,
  ) {
    return this.changeDay.execute(user, date, body.isWorkingDay, body.note);
  }

  /**
   * The info office imports a year's official arrangement: a JSON body `{reference, title?, holidays: [{name, from,
   * to}], workdays: [{name, date}]}`, or multipart/form-data with `file` (.ics or .json) and optional `reference`.
   */
  @Post('calendar/years/:year/arrangement')
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_ARRANGEMENT_BYTES, files: 1 } }))
  @ApiConsumes('application/json', 'multipart/form-data')
  @Responds(arrangementImportSchema)
  @Problems(403, 413, 422)
  importYear(
    @CurrentUser() user: Principal,
    @Param('year', new ZodPipe(yearSchema)) year: number,
    @Req() request: { headers: Record<string, string | undefined> },
    @Body() body: unknown,
    @UploadedFile() file: UploadedArrangement | undefined,
  ) {
    if (!file) {
      if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
        throw new InvalidInputError('send the arrangement as JSON, or as multipart/form-data with the field "file"', [{ field: 'file', message: 'required' }]);
      }
      return this.importArrangement.execute(user, year, parseJsonArrangement(body), 'json');
    }
    const fields = new ZodPipe(uploadFieldsSchema).transform(body);
    const text = file.buffer.toString('utf8');
    if (/\.json$/i.test(file.originalname)) return this.importArrangement.execute(user, year, parseJsonArrangement(parseJsonFile(text)), 'json');
    return this.importArrangement.execute(user, year, parseIcsArrangement(text, fields), 'ics');
  }

  /** A recomputation of open deadlines after a calendar change: how far it got. */
  @Get('calendar/recomputations/:id')
  @Responds(recomputationSchema)
  @Problems(403)
  async recomputation(@CurrentUser() user: Principal, @Param('id', new ZodPipe(jobIdSchema)) id: string) {
    this.access.requireAnyRole(user, CALENDAR_EDITORS, 'reading a calendar recomputation');
    const job = await this.recomputations.job(id);
    if (!job) throw new NotFoundError(`no calendar recomputation ${id}`);
    return job;
  }

  @Get('policies')
  @Responds(policyListSchema)
  async listPolicies() {
    return (await this.policies.list()).map(({ key, value, description, updatedAt }) => ({ key, value, description, updatedAt }));
  }

  @Put('policies/:key')
  @Responds(policyViewSchema)
  @Problems(403, 422)
  async setPolicy(@CurrentUser() user: Principal, @Param('key') key: string, @Body(new ZodPipe(policySchema)) body: z.infer<typeof policySchema>) {
    this.access.requireAnyRole(user, CALENDAR_EDITORS, 'editing policies');
    const { value, description, updatedAt } = await this.policies.set(key, body.value, user.id);
    return { key, value, description, updatedAt };
  }
}

function parseJsonFile(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidInputError('the .json file is not valid JSON', [{ field: 'file', message: 'not JSON' }]);
  }
}
