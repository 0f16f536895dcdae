import { z } from 'zod';
import { named } from '../common/contract.js';
import { day, id, isoTime, time } from '../common/view-schemas.js';

const DAY_SOURCES = ['official', 'statutory', 'weekday', 'manual'] as const;

export const calendarDaySchema = named(
  'CalendarDay',
  z.object({
    date: day,
    isWorkingDay: z.boolean(),
    note: z.string().describe('zh-CN: the holiday, 调休上班, or the edit’s note'),
    source: z.enum(DAY_SOURCES).describe('official: a published arrangement; statutory: computed by law for a provisional year; weekday: Mon–Fri; manual: an edit'),
    updatedBy: id.optional().describe('for a manual edit: who made it'),
    updatedAt: isoTime.optional(),
  }),
);
export const calendarDayListSchema = named('CalendarDayList', z.array(calendarDaySchema));

export const calendarYearSchema = named(
  'CalendarYear',
  z.object({
    year: z.number().int(),
    status: z.enum(['official', 'provisional']),
    reference: z.string().optional().describe('the notice’s reference (文号)'),
    title: z.string().optional(),
    importedAt: isoTime.optional(),
  }),
);
export const calendarYearListSchema = named('CalendarYearList', z.array(calendarYearSchema));

const provisional = {
  provisional: z.boolean().describe('the span counts days of a year whose official arrangement is not published'),
  provisionalReason: z.string().optional().describe('zh-CN'),
};

export const deadlineExplanationSchema = named(
  'DeadlineExplanation',
  z.object({
    from: z.string(),
    duration: z.string(),
    dueAt: isoTime,
    ...provisional,
    countedDays: z.array(day).optional().describe('working days counted, the last one the due day'),
    skippedDays: z.array(z.object({ date: day, reason: z.string(), source: z.enum(DAY_SOURCES) })).optional(),
  }),
);

export const recomputationSchema = named(
  'CalendarRecomputation',
  z.object({
    id,
    cause: z.enum(['day_edit', 'arrangement_import']),
    fromDate: day,
    toDate: day,
    status: z.enum(['running', 'done']),
    moved: z.number().int(),
    woken: z.number().int().describe('workflows that had to be signalled (their deadline came earlier than they would look again)'),
    createdAt: isoTime,
    finishedAt: isoTime.optional(),
  }),
);

const recomputedTasks = z.array(z.object({ id, dueAt: isoTime, previousDueAt: isoTime })).describe('the first 1,000 tasks moved');

export const calendarDayChangeSchema = named(
  'CalendarDayChange',
  calendarDaySchema.extend({ recomputation: recomputationSchema, recomputedTasks }),
);

export const arrangementImportSchema = named(
  'ArrangementImport',
  z.object({
    year: z.number().int(),
    status: z.literal('official'),
    reference: z.string(),
    title: z.string(),
    changed: z.boolean().describe('false: the same arrangement was imported before, nothing changed'),
    holidays: z.number().int(),
    adjustedWorkingDays: z.number().int(),
    replacedManualDays: z.array(day),
    filingSeq: z.number().int().optional(),
    recomputation: recomputationSchema.optional(),
    recomputedTasks: recomputedTasks.optional(),
  }),
);

export const policySchema = named(
  'Policy',
  z.object({ key: z.string(), value: z.string().describe('"10wd" or an ISO-8601 duration'), description: z.string(), updatedAt: time }),
);
export const policyListSchema = named('PolicyList', z.array(policySchema));
