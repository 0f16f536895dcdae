import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { loadProvisionalMarker, type ProvisionalMarker } from '../../../../libs/calendar/calendar.service.js';
import type { Task } from '../../../../libs/database/entities/index.js';
import { type DisplayNames, loadDisplayNames } from '../../../../libs/directory/display-names.js';
import { ROLES } from '../../../../libs/domain/roles.js';
import { outcomesOf, TASK_KIND_NAMES, TASK_KINDS, type TaskKind } from '../../../../libs/domain/task-kinds.js';
import { named } from '../common/contract.js';
import { id, isoTime, namedRefSchema } from '../common/view-schemas.js';

/** One outcome a task offers, as TASK_KINDS declares it; its payload as JSON Schema (null: it takes none). */
export const taskOutcomeSchema = named(
  'TaskOutcome',
  z.object({
    outcome: z.string(),
    label: z.string().describe('zh-CN'),
    commentRequired: z.boolean(),
    payloadSchema: z.record(z.string(), z.unknown()).nullable().describe('JSON Schema (draft 2020-12) of the payload'),
  }),
);

export const taskKindSchema = named(
  'TaskKind',
  z.object({
    kind: z.enum(TASK_KIND_NAMES),
    label: z.string().describe('zh-CN'),
    assigneeRoles: z.array(z.enum(ROLES)),
    outcomes: z.array(taskOutcomeSchema),
  }),
);

export const taskKindListSchema = named('TaskKindList', z.object({ items: z.array(taskKindSchema), total: z.number().int() }));

const TASK_STATUSES = ['open', 'done', 'cancelled', 'expired'] as const satisfies readonly Task['status'][];

export const taskViewSchema = named(
  'TaskView',
  z.object({
    id,
    kind: z.enum(TASK_KIND_NAMES),
    kindLabel: z.string().describe('zh-CN'),
    title: z.string(),
    subjectType: z.string(),
    subjectId: z.string(),
    assigneeRole: z.enum(ROLES),
    assigneeDepartmentId: id.optional(),
    assigneeDepartment: namedRefSchema.optional(),
    createdAt: isoTime,
    dueAt: isoTime,
    remindAt: isoTime.optional(),
    overdue: z.boolean(),
    /** The due date counts days of a year whose official holiday arrangement is not published yet. */
    provisional: z.boolean(),
    provisionalReason: z.string().optional().describe('zh-CN'),
    status: z.enum(TASK_STATUSES),
    /** What completing it offers: the kind's outcomes. */
    outcomes: z.array(taskOutcomeSchema),
    outcome: z.string().optional(),
    outcomeLabel: z.string().optional(),
    comment: z.string().optional(),
    completedBy: id.optional(),
    completer: namedRefSchema.optional(),
  }),
);
export type TaskView = z.infer<typeof taskViewSchema>;

type TaskOutcomeView = z.infer<typeof taskOutcomeSchema>;

const OUTCOMES = new Map<TaskKind, TaskOutcomeView[]>(
  TASK_KIND_NAMES.map((kind) => [
    kind,
    outcomesOf(kind).map(([outcome, rule]) => ({
      outcome,
      label: rule.label,
      commentRequired: rule.commentRequired ?? false,
      payloadSchema: rule.payload ? payloadJsonSchema(rule.payload) : null,
    })),
  ]),
);

function payloadJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

/** Every task kind as TASK_KINDS declares it (GET /task-kinds). */
export function taskKindViews(): z.infer<typeof taskKindListSchema> {
  const items = TASK_KIND_NAMES.map((kind) => ({
    kind,
    label: TASK_KINDS[kind].label,
    assigneeRoles: [...TASK_KINDS[kind].assigneeRoles],
    outcomes: OUTCOMES.get(kind)!,
  }));
  return { items, total: items.length };
}

/** A task as people see it; `provisional` says its due date counts days of a year whose arrangement is not published. */
export function taskView(task: Task, provisional: ProvisionalMarker, names?: DisplayNames) {
  const outcomeLabel = task.outcome ? outcomesOf(task.kind).find(([outcome]) => outcome === task.outcome)?.[1].label : undefined;
  return {
    id: task.id,
    kind: task.kind,
    kindLabel: TASK_KINDS[task.kind].label,
    title: task.title,
    subjectType: task.subjectType,
    subjectId: task.subjectId,
    assigneeRole: task.assigneeRole,
    assigneeDepartmentId: task.assigneeDepartmentId ?? undefined,
    assigneeDepartment: names?.department(task.assigneeDepartmentId),
    createdAt: task.createdAt.toISOString(),
    dueAt: task.dueAt.toISOString(),
    remindAt: task.remindAt?.toISOString(),
    overdue: task.overdue,
    ...provisional({ from: task.createdAt, dueAt: task.dueAt, deadlinePolicy: task.deadlinePolicy }),
    status: task.status,
    outcomes: OUTCOMES.get(task.kind)!,
    ...(task.status === 'done'
      ? {
          outcome: task.outcome ?? undefined,
          outcomeLabel,
          comment: task.comment ?? undefined,
          completedBy: task.completedBy ?? undefined,
          completer: names?.user(task.completedBy),
        }
      : {}),
  } satisfies TaskView;
}

/** The views of a list of tasks, with the names of their departments and completers looked up once for the list. */
export async function taskViews(em: EntityManager, tasks: Task[]): Promise<TaskView[]> {
  const [names, provisional] = await Promise.all([
    loadDisplayNames(em, { departments: tasks.map((task) => task.assigneeDepartmentId), users: tasks.map((task) => task.completedBy) }),
    loadProvisionalMarker(em),
  ]);
  return tasks.map((task) => taskView(task, provisional, names));
}
