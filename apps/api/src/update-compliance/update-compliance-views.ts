import { z } from 'zod';
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
    recordedAt: isoTime,
    recordedBy: id,
    note: z.string(),
    sourceTaskId: id.optional(),
  }),
);
export const resourceUpdatePageSchema = page(resourceUpdateSchema);
