import { z } from 'zod';
import type { GovernmentDatabase, GovernmentDatabaseStep } from '../../../../libs/database/entities/index.js';
import { attributesOf, type DatabaseDetail } from '../../../../libs/database-registry/database-registry.service.js';
import {
  DATABASE_CATEGORIES,
  DATABASE_STATUSES,
  DATABASE_STEP_NAMES,
  DATABASE_STEPS,
  type DatabaseCategory,
  type DatabaseStatus,
  type StepRoundStatus,
  UPDATE_FREQUENCIES,
  type UpdateFrequency,
} from '../../../../libs/domain/government-databases.js';
import { TASK_KIND_NAMES } from '../../../../libs/domain/task-kinds.js';
import { named } from '../common/contract.js';
import { id, isoTime, namedRefSchema } from '../common/view-schemas.js';

const text = (max: number) => z.string().trim().min(1).max(max);

/** A database's attributes as a department files them and as its views show them. */
export const databaseAttributeFields = {
  name: text(200),
  description: text(5000),
  category: z.enum(DATABASE_CATEGORIES),
  businessArea: text(200).optional(),
  dataScale: z.strictObject({ records: z.int().min(0), volumeGb: z.number().min(0) }),
  storageLocation: text(500),
  storageSystem: text(200),
  contact: z.strictObject({
    name: text(100),
    phone: z.string().trim().regex(/^[0-9+\-() ]{5,32}$/, 'digits, spaces and + - ( ), 5 to 32 characters'),
    email: z.email().optional(),
  }),
  updateFrequency: z.enum(UPDATE_FREQUENCIES),
  dataSubjects: z.array(text(100)).min(1).max(50),
  catalogResourceIds: z.array(z.uuid()).max(100).optional(),
};

/** The attributes as stored: what was filed, without the input rules' limits. */
const storedAttributes = {
  name: z.string(),
  description: z.string(),
  category: z.enum(DATABASE_CATEGORIES),
  businessArea: z.string().optional(),
  dataScale: z.object({ records: z.number().int(), volumeGb: z.number() }),
  storageLocation: z.string(),
  storageSystem: z.string(),
  contact: z.object({ name: z.string(), phone: z.string(), email: z.string().optional() }),
  updateFrequency: z.enum(UPDATE_FREQUENCIES),
  dataSubjects: z.array(z.string()),
  catalogResourceIds: z.array(id).optional(),
};

export const databaseViewSchema = named(
  'DatabaseView',
  z.object({
    id,
    departmentId: id,
    department: namedRefSchema.optional(),
    ...storedAttributes,
    status: z.enum(DATABASE_STATUSES),
    filedAt: isoTime,
    registeredAt: isoTime.optional(),
    operatingSince: isoTime.optional(),
    deregisteredAt: isoTime.optional(),
    updatedAt: isoTime,
  }),
);

const roundSchema = z.object({
  stepNo: z.number().int(),
  step: z.enum(DATABASE_STEP_NAMES),
  round: z.number().int(),
  status: z.enum(['in_review', 'approved', 'returned']),
  changes: z.object(storedAttributes).partial().optional(),
  reason: z.string().optional(),
  requestedBy: id,
  requester: namedRefSchema.optional(),
  requestedAt: isoTime,
  reviewedBy: id.optional(),
  reviewer: namedRefSchema.optional(),
  reviewedAt: isoTime.optional(),
  comment: z.string().optional(),
  filingSeq: z.number().int().optional(),
});

export const databaseWithHistorySchema = named('DatabaseWithHistory', databaseViewSchema.extend({ history: z.array(roundSchema) }));

export const databaseDetailSchema = named(
  'DatabaseDetail',
  databaseWithHistorySchema.extend({
    openTasks: z.array(z.object({ id, kind: z.enum(TASK_KIND_NAMES), dueAt: isoTime, overdue: z.boolean() })),
  }),
);

export const databaseCatalogEntrySchema = named(
  'DatabaseCatalogEntry',
  z.object({
    id,
    departmentId: id,
    departmentName: z.string().optional(),
    department: namedRefSchema.optional(),
    ...storedAttributes,
    status: z.enum(DATABASE_STATUSES),
    registeredAt: isoTime.optional(),
    operatingSince: isoTime.optional(),
    updatedAt: isoTime,
  }),
);

/** The names a database view shows beside ids: its department's, and those of the people in its history. */
export interface DatabaseNames {
  departments?: Map<string, string>;
  users?: Map<string, string>;
}

const refOf = (names: Map<string, string> | undefined, id: string | null | undefined) => {
  const name = id ? names?.get(id) : undefined;
  return id && name !== undefined ? { id, name } : undefined;
};

export function databaseView(database: GovernmentDatabase, names: DatabaseNames = {}) {
  return {
    id: database.id,
    departmentId: database.departmentId,
    department: refOf(names.departments, database.departmentId),
    ...attributesOf(database),
    status: database.status,
    filedAt: database.filedAt.toISOString(),
    registeredAt: database.registeredAt?.toISOString(),
    operatingSince: database.operatingSince?.toISOString(),
    deregisteredAt: database.deregisteredAt?.toISOString(),
    updatedAt: database.updatedAt.toISOString(),
  } satisfies z.infer<typeof databaseViewSchema>;
}

function roundView(round: GovernmentDatabaseStep, names: DatabaseNames) {
  return {
    stepNo: round.stepNo,
    step: round.step,
    round: round.round,
    status: round.status,
    changes: round.changes ?? undefined,
    reason: round.reason ?? undefined,
    requestedBy: round.requestedBy,
    requester: refOf(names.users, round.requestedBy),
    requestedAt: round.requestedAt.toISOString(),
    reviewedBy: round.reviewedBy ?? undefined,
    reviewer: refOf(names.users, round.reviewedBy),
    reviewedAt: round.reviewedAt?.toISOString(),
    comment: round.reviewComment ?? undefined,
    filingSeq: round.filingSeq ?? undefined,
  } satisfies z.infer<typeof roundSchema>;
}

/** The database with the history of its step requests, every round with its outcome. */
export function databaseWithHistory(database: GovernmentDatabase, rounds: GovernmentDatabaseStep[], names: DatabaseNames = {}) {
  return { ...databaseView(database, names), history: rounds.map((round) => roundView(round, names)) } satisfies z.infer<typeof databaseWithHistorySchema>;
}

export function databaseDetailView({ database, rounds, openTasks }: DatabaseDetail, names: DatabaseNames = {}) {
  return {
    ...databaseWithHistory(database, rounds, names),
    openTasks: openTasks.map((task) => ({ id: task.id, kind: task.kind, dueAt: task.dueAt.toISOString(), overdue: task.overdue })),
  } satisfies z.infer<typeof databaseDetailSchema>;
}

/** An entry of the database management catalog: the attributes confirmed by registration. */
export function catalogEntryView(database: GovernmentDatabase, departmentName: string | undefined) {
  return {
    id: database.id,
    departmentId: database.departmentId,
    departmentName,
    department: departmentName === undefined ? undefined : { id: database.departmentId, name: departmentName },
    ...attributesOf(database),
    status: database.status,
    registeredAt: database.registeredAt?.toISOString(),
    operatingSince: database.operatingSince?.toISOString(),
    updatedAt: database.updatedAt.toISOString(),
  } satisfies z.infer<typeof databaseCatalogEntrySchema>;
}

const CATEGORY_LABELS: Record<DatabaseCategory, string> = {
  population: '人口基础信息库',
  legal_entity: '法人基础信息库',
  spatial_natural_resources: '空间地理与自然资源基础信息库',
  macro_economy: '宏观经济基础信息库',
  business: '业务信息库',
};
const FREQUENCY_LABELS: Record<UpdateFrequency, string> = {
  realtime: '实时',
  daily: '每日',
  weekly: '每周',
  monthly: '每月',
  quarterly: '每季度',
};
const STATUS_LABELS: Record<DatabaseStatus, string> = {
  filed: '已备案（待注册确认）',
  registered: '已注册',
  operating: '运行中',
  deregistered: '已注销',
};
const ROUND_LABELS: Record<StepRoundStatus, string> = { in_review: '审核中', approved: '通过', returned: '退回' };

/** What the registration form (政务信息数据库备案登记表) shows; every field present, as strict templates require. */
export function registrationDocument(
  { database, rounds }: Pick<DatabaseDetail, 'database' | 'rounds'>,
  departmentName: string,
  userNames: Map<string, string>,
) {
  const name = (id: string | null | undefined) => (id ? (userNames.get(id) ?? id) : '');
  return {
    database: {
      id: database.id,
      name: database.name,
      description: database.description,
      departmentName,
      category: CATEGORY_LABELS[database.category],
      businessArea: database.businessArea ?? '',
      records: database.dataScale.records,
      volumeGb: database.dataScale.volumeGb,
      storageLocation: database.storageLocation,
      storageSystem: database.storageSystem,
      contact: { name: database.contact.name, phone: database.contact.phone, email: database.contact.email ?? '' },
      updateFrequency: FREQUENCY_LABELS[database.updateFrequency],
      dataSubjects: database.dataSubjects.join('、'),
      catalogResourceIds: database.catalogResourceIds,
      status: STATUS_LABELS[database.status],
      filedAt: database.filedAt.toISOString(),
      registeredAt: database.registeredAt?.toISOString() ?? null,
      operatingSince: database.operatingSince?.toISOString() ?? null,
      deregisteredAt: database.deregisteredAt?.toISOString() ?? null,
    },
    history: rounds.map((round) => ({
      step: DATABASE_STEPS[round.step].label,
      round: round.round,
      outcome: ROUND_LABELS[round.status],
      requestedBy: name(round.requestedBy),
      requestedAt: round.requestedAt.toISOString(),
      reason: round.reason ?? '',
      reviewedBy: name(round.reviewedBy),
      reviewedAt: round.reviewedAt?.toISOString() ?? null,
      comment: round.reviewComment ?? '',
      filingSeq: round.filingSeq ?? '',
    })),
    generatedAt: new Date().toISOString(),
  };
}
