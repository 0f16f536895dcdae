import { z } from 'zod';
import { DEPARTMENT_LEVELS, ROLES } from '../../../../libs/domain/roles.js';
import { INDICATOR_KEYS } from '../../../../libs/domain/indicators.js';
import { named } from '../common/contract.js';
import { id, isoTime, namedRefSchema } from '../common/view-schemas.js';

const month = z.string().describe('YYYY-MM');

export const evidenceRefSchema = named(
  'EvidenceRef',
  z.object({ type: z.enum(['task', 'catalog_resource', 'sharing_request', 'sharing_grant']), id: z.string() }),
);

export const indicatorViewSchema = named(
  'IndicatorView',
  z.object({
    key: z.enum(INDICATOR_KEYS as [string, ...string[]]),
    label: z.string(),
    numerator: z.number(),
    denominator: z.number(),
    value: z.number().nullable(),
    points: z.number().nullable(),
    /** For one department: the records counting against it. */
    exceptions: z.array(evidenceRefSchema).optional(),
  }),
);

export const indicatorSeriesSchema = named(
  'IndicatorSeries',
  z.object({
    from: month,
    to: month,
    departmentId: id.optional(),
    series: z.array(z.object({ month, indicators: z.array(indicatorViewSchema) })),
  }),
);

export const departmentStandingSchema = named(
  'DepartmentStanding',
  z.object({
    rank: z.number().int(),
    departmentId: id,
    code: z.string(),
    name: z.string(),
    level: z.enum(DEPARTMENT_LEVELS),
    timeliness: z.number().nullable(),
    compliance: z.number().nullable(),
    score: z.number().nullable(),
    indicators: z.array(indicatorViewSchema),
  }),
);

export const standingsSchema = named(
  'DepartmentStandings',
  z.object({ from: month, to: month, items: z.array(departmentStandingSchema), total: z.number().int() }),
);

export const deadlineRiskSchema = named(
  'DeadlineRisk',
  z.object({
    taskId: id,
    kind: z.string(),
    title: z.string(),
    subjectType: z.string(),
    subjectId: z.string(),
    dueAt: isoTime,
    /** The due date counts days of a year whose official holiday arrangement is not published yet. */
    provisional: z.boolean(),
    provisionalReason: z.string().optional().describe('zh-CN'),
    risk: z.enum(['overdue', 'due_soon']),
    assigneeRole: z.enum(ROLES),
    department: namedRefSchema.nullable(),
    blockedBy: z.array(z.object({ userId: id, displayName: z.string() })),
  }),
);

export const deadlineRisksSchema = named(
  'DeadlineRisks',
  z.object({ horizonEnd: isoTime, items: z.array(deadlineRiskSchema), total: z.number().int() }),
);

export const lateObligationSchema = named(
  'LateObligation',
  z.object({
    departmentId: id.nullable(),
    holder: z.string().describe("the department's name, or the coordinating body's for a city-wide task"),
    what: z.enum(['overdue_task', 'update_lapse', 'late_monthly_report', 'late_campaign_filing']),
    title: z.string(),
    dueAt: isoTime,
    subjectType: z.string(),
    subjectId: z.string(),
  }),
);
