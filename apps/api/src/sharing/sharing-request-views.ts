import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { SharingEvent, SharingGrant, SharingRequest, Task } from '../../../../libs/database/entities/index.js';
import { loadProvisionalMarker } from '../../../../libs/calendar/calendar.service.js';
import { type DisplayNames, loadDisplayNames } from '../../../../libs/directory/display-names.js';
import { SHARING_METHODS } from '../../../../libs/domain/catalog.js';
import { ROLES } from '../../../../libs/domain/roles.js';
import { PURPOSES, SHARING_STATUSES } from '../../../../libs/domain/sharing.js';
import { TASK_KIND_NAMES } from '../../../../libs/domain/task-kinds.js';
import { named } from '../common/contract.js';
import { id, isoTime, namedRefSchema, time } from '../common/view-schemas.js';

export const sharingStatusSchema = z.enum(SHARING_STATUSES);

export const sharingApplicationResultSchema = named('SharingApplicationResult', z.object({ id, status: sharingStatusSchema }));

export const sharingRequestSummarySchema = named(
  'SharingRequestSummary',
  z.object({
    id,
    status: sharingStatusSchema,
    requesterDepartmentId: id,
    requester: namedRefSchema.optional(),
    providerDepartmentId: id,
    provider: namedRefSchema.optional(),
    resourceId: id,
    resource: namedRefSchema.optional(),
    dataItems: z.array(z.string()),
    purpose: z.enum(PURPOSES),
    scope: z.string(),
    method: z.enum(SHARING_METHODS),
    validUntil: isoTime.optional(),
    /** Onward sharing: the grant passed on and the department holding it. */
    sourceGrantId: id.optional(),
    intermediaryDepartmentId: id.optional(),
    intermediary: namedRefSchema.optional(),
    createdAt: time,
    updatedAt: time,
  }),
);

export const sharingRequestDetailSchema = named(
  'SharingRequestDetail',
  sharingRequestSummarySchema.extend({
    purposeDetail: z.string(),
    openTasks: z.array(
      z.object({
        id,
        kind: z.enum(TASK_KIND_NAMES),
        dueAt: isoTime,
        /** The due date counts days of a year whose official holiday arrangement is not published yet. */
        provisional: z.boolean(),
        provisionalReason: z.string().optional().describe('zh-CN'),
        assigneeRole: z.enum(ROLES),
        assigneeDepartmentId: id.optional(),
        assigneeDepartment: namedRefSchema.optional(),
      }),
    ),
    timeline: z.array(
      z.object({
        at: isoTime,
        type: z.string(),
        actor: id.optional(),
        actorUser: namedRefSchema.optional(),
        detail: z.record(z.string(), z.unknown()).optional(),
      }),
    ),
    grant: z
      .object({
        id,
        dataItems: z.array(z.string()),
        scope: z.string(),
        method: z.enum(SHARING_METHODS),
        validUntil: isoTime.optional(),
        status: z.enum(['active', 'suspended', 'expired', 'revoked']),
      })
      .optional(),
  }),
);

function summary(request: SharingRequest, names: DisplayNames) {
  const { id, status, requesterDepartmentId, providerDepartmentId, resourceId, dataItems, purpose, scope, method, validUntil, createdAt, updatedAt } = request;
  return {
    id,
    status,
    requesterDepartmentId,
    requester: names.department(requesterDepartmentId),
    providerDepartmentId,
    provider: names.department(providerDepartmentId),
    resourceId,
    resource: names.resource(resourceId),
    dataItems,
    purpose,
    scope,
    method,
    validUntil: validUntil?.toISOString(),
    // Onward sharing: the grant passed on and the department holding it.
    sourceGrantId: request.sourceGrantId ?? undefined,
    intermediaryDepartmentId: request.intermediaryDepartmentId ?? undefined,
    intermediary: names.department(request.intermediaryDepartmentId),
    createdAt,
    updatedAt,
  } satisfies z.infer<typeof sharingRequestSummarySchema>;
}

/** The list's views, the names of every department and resource they mention looked up once. */
export async function sharingRequestSummaries(em: EntityManager, requests: SharingRequest[], more: { departments?: (string | null | undefined)[]; users?: (string | null | undefined)[] } = {}) {
  const names = await loadDisplayNames(em, {
    departments: [...requests.flatMap((r) => [r.requesterDepartmentId, r.providerDepartmentId, r.intermediaryDepartmentId]), ...(more.departments ?? [])],
    resources: requests.map((r) => r.resourceId),
    users: more.users,
  });
  return { names, items: requests.map((request) => summary(request, names)) };
}

export async function sharingRequestDetail(
  em: EntityManager,
  request: SharingRequest,
  related: { tasks: Task[]; timeline: SharingEvent[]; grant: SharingGrant | null },
): Promise<z.infer<typeof sharingRequestDetailSchema>> {
  const { tasks, timeline, grant } = related;
  const [{ names, items }, provisional] = await Promise.all([
    sharingRequestSummaries(em, [request], {
      departments: tasks.map((task) => task.assigneeDepartmentId),
      users: timeline.map((event) => event.actorUserId),
    }),
    loadProvisionalMarker(em),
  ]);
  return {
    ...items[0]!,
    purposeDetail: request.purposeDetail,
    openTasks: tasks.map((task) => ({
      id: task.id,
      kind: task.kind,
      dueAt: task.dueAt.toISOString(),
      ...provisional({ from: task.createdAt, dueAt: task.dueAt, deadlinePolicy: task.deadlinePolicy }),
      assigneeRole: task.assigneeRole,
      assigneeDepartmentId: task.assigneeDepartmentId ?? undefined,
      assigneeDepartment: names.department(task.assigneeDepartmentId),
    })),
    timeline: timeline.map((event) => ({
      at: event.at.toISOString(),
      type: event.type,
      actor: event.actorUserId ?? undefined,
      actorUser: names.user(event.actorUserId),
      detail: event.detail ?? undefined,
    })),
    grant: grant
      ? { id: grant.id, dataItems: grant.dataItems, scope: grant.scope, method: grant.method, validUntil: grant.validUntil?.toISOString(), status: grant.status }
      : undefined,
  };
}
