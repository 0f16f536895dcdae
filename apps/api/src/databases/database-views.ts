import type { GovernmentDatabase, GovernmentDatabaseStep } from '../../../../libs/database/entities/index.js';
import { attributesOf, type DatabaseDetail } from '../../../../libs/database-registry/database-registry.service.js';
import {
  DATABASE_STEPS,
  type DatabaseCategory,
  type DatabaseStatus,
  type StepRoundStatus,
  type UpdateFrequency,
} from '../../../../libs/domain/government-databases.js';

export function databaseView(database: GovernmentDatabase) {
  return {
    id: database.id,
    departmentId: database.departmentId,
    ...attributesOf(database),
    status: database.status,
    filedAt: database.filedAt.toISOString(),
    registeredAt: database.registeredAt?.toISOString(),
    operatingSince: database.operatingSince?.toISOString(),
    deregisteredAt: database.deregisteredAt?.toISOString(),
    updatedAt: database.updatedAt.toISOString(),
  };
}

function roundView(round: GovernmentDatabaseStep) {
  return {
    stepNo: round.stepNo,
    step: round.step,
    round: round.round,
    status: round.status,
    changes: round.changes ?? undefined,
    reason: round.reason ?? undefined,
    requestedBy: round.requestedBy,
    requestedAt: round.requestedAt.toISOString(),
    reviewedBy: round.reviewedBy ?? undefined,
    reviewedAt: round.reviewedAt?.toISOString(),
    comment: round.reviewComment ?? undefined,
    filingSeq: round.filingSeq ?? undefined,
  };
}

/** The database with the history of its step requests, every round with its outcome. */
export function databaseWithHistory(database: GovernmentDatabase, rounds: GovernmentDatabaseStep[]) {
  return { ...databaseView(database), history: rounds.map(roundView) };
}

export function databaseDetailView({ database, rounds, openTasks }: DatabaseDetail) {
  return {
    ...databaseWithHistory(database, rounds),
    openTasks: openTasks.map((task) => ({ id: task.id, kind: task.kind, dueAt: task.dueAt.toISOString(), overdue: task.overdue })),
  };
}

/** An entry of the database management catalog: the attributes confirmed by registration. */
export function catalogEntryView(database: GovernmentDatabase, departmentName: string | undefined) {
  return {
    id: database.id,
    departmentId: database.departmentId,
    departmentName,
    ...attributesOf(database),
    status: database.status,
    registeredAt: database.registeredAt?.toISOString(),
    operatingSince: database.operatingSince?.toISOString(),
    updatedAt: database.updatedAt.toISOString(),
  };
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
