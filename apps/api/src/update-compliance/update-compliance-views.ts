import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { loadDisplayNames } from '../../../../libs/directory/display-names.js';
import type { ResourceUpdateView } from '../../../../libs/update-compliance/record-resource-update.usecase.js';
import { UPDATE_FREQUENCIES } from '../../../../libs/domain/catalog.js';
import { named, page } from '../common/contract.js';
import { id, isoTime, namedRefSchema } from '../common/view-schemas.js';

export const updateLapseSchema = named(
  'UpdateLapse',
  z.object({
    id,
    resourceId: id,
    resourceName: z.string(),
    resourceIdentifier: z.string(),
    providerDepartmentId: id,
    provider: namedRefSchema.optional(),
    frequency: z.enum(UPDATE_FREQUENCIES),
    rule: z.string(),
    dueAt: isoTime,
    detectedAt: isoTime,
    status: z.enum(['open', 'resolved']),
    resolvedAt: isoTime.optional(),
    resolvedByUpdateId: id.optional(),
    task: z.object({ id, status: z.string().nullable(), dueAt: isoTime.nullable(), overdue: z.boolean() }).optional(),
  }),
);
export const updateLapsePageSchema = page(updateLapseSchema);

export const sweepResultSchema = named(
  'UpdateComplianceSweepResult',
  z.object({
    checked: z.number().int(),
    detected: z.number().int(),
    started: z.number().int(),
    reminded: z.number().int(),
    workflowId: z.string(),
  }),
);

export const resourceUpdateSchema = named(
  'ResourceUpdate',
  z.object({
    id,
    resourceId: id,
    providerDepartmentId: id,
    provider: namedRefSchema.optional(),
    recordedAt: isoTime,
    recordedBy: id,
    recorder: namedRefSchema.optional(),
    note: z.string(),
    sourceTaskId: id.optional(),
  }),
);
export const resourceUpdatePageSchema = page(resourceUpdateSchema);

/** Resource updates with the names of their provider and of who recorded them, looked up once for the list. */
export async function resourceUpdateViews(em: EntityManager, updates: ResourceUpdateView[]) {
  const names = await loadDisplayNames(em, { departments: updates.map((u) => u.providerDepartmentId), users: updates.map((u) => u.recordedBy) });
  return updates.map((update) => ({ ...update, provider: names.department(update.providerDepartmentId), recorder: names.user(update.recordedBy) }));
}
