import { z } from 'zod';
import type { MonthlyFigures, MonthlyReport } from '../../../../libs/database/entities/index.js';
import { named } from '../common/contract.js';
import { id, isoTime } from '../common/view-schemas.js';
import { taskViewSchema } from '../tasks/task-views.js';

const FIGURES = [
  'requestsMade',
  'requestsGranted',
  'answersGiven',
  'answersOnTime',
  'answersLate',
  'answersMissed',
  'answersPending',
  'escalations',
  'resourcesRegistered',
  'resourcesPublished',
  'resourcesRevised',
  'dataUpdatesRecorded',
  'updateLapses',
  'feedbackGiven',
] as const satisfies readonly (keyof MonthlyFigures)[];

/** The month's figures, counted from the department's records (libs/monthly-reports/monthly-activity.query.ts). */
export const monthlyFiguresSchema = named(
  'MonthlyFigures',
  z.object(Object.fromEntries(FIGURES.map((figure) => [figure, z.number().int()])) as Record<(typeof FIGURES)[number], z.ZodNumber>),
);

export const monthlyReportViewSchema = named(
  'MonthlyReportView',
  z.object({
    id,
    month: z.string().describe('YYYY-MM'),
    departmentId: id,
    departmentName: z.string().optional(),
    department: z.object({ id, name: z.string() }).optional(),
    dueAt: isoTime,
    status: z.enum(['open', 'submitted']),
    overdue: z.boolean().optional(),
    late: z.boolean().optional(),
    figures: monthlyFiguresSchema.optional(),
    progress: z.string().optional(),
    problems: z.string().optional(),
    submittedBy: id.optional(),
    submittedAt: isoTime.optional(),
  }),
);

export const monthlyReportDetailSchema = named('MonthlyReportDetail', monthlyReportViewSchema.extend({ openTask: taskViewSchema.optional() }));

export const monthlyReportRoundSchema = named(
  'MonthlyReportRound',
  z.object({ month: z.string().describe('YYYY-MM'), dueAt: isoTime, reports: z.number().int().describe('the reports opened') }),
);

export function reportView(report: MonthlyReport, departmentName?: string) {
  return {
    id: report.id,
    month: report.month,
    departmentId: report.departmentId,
    departmentName,
    department: departmentName === undefined ? undefined : { id: report.departmentId, name: departmentName },
    dueAt: report.dueAt.toISOString(),
    status: report.status,
    overdue: report.status === 'open' ? Date.now() > report.dueAt.getTime() : undefined,
    late: report.late ?? undefined,
    figures: report.figures ?? undefined,
    progress: report.progress ?? undefined,
    problems: report.problems ?? undefined,
    submittedBy: report.submittedBy ?? undefined,
    submittedAt: report.submittedAt?.toISOString(),
  } satisfies z.infer<typeof monthlyReportViewSchema>;
}
