import { z } from 'zod';
import { COLLECTION_FREQUENCIES, COLLECTION_STATUSES } from '../../../../libs/domain/collection.js';
import { dataItemSchema } from '../catalog/catalog.schemas.js';
import { DATA_TYPES } from '../../../../libs/domain/catalog.js';
import { ROLES } from '../../../../libs/domain/roles.js';
import { TASK_KIND_NAMES } from '../../../../libs/domain/task-kinds.js';
import { named } from '../common/contract.js';
import { id, isoTime, namedRefSchema } from '../common/view-schemas.js';
import { paginationSchema } from '../common/zod.js';

export const declarationSchema = named('CollectionDeclaration', z.object({
  subject: z.string().trim().min(1).max(200),
  description: z.string().trim().max(4000).default(''),
  dataItems: z.array(dataItemSchema.omit({ openScope: true })).min(1).max(500),
  legalBasis: z.string().trim().min(1).max(2000),
  standard: z.string().trim().min(1).max(500),
  frequency: z.enum(COLLECTION_FREQUENCIES),
}));

export const collectionSearchSchema = paginationSchema.extend({
  q: z.string().trim().max(100).optional(),
  departmentId: z.uuid().optional(),
  status: z.enum(COLLECTION_STATUSES).optional(),
});

export const publicCollectionSearchSchema = collectionSearchSchema.omit({ status: true });

const collectionItemSchema = z.object({
  name: z.string(),
  description: z.string(),
  dataType: z.enum(DATA_TYPES),
  length: z.number().int().optional(),
  unit: z.string().optional(),
});

const collectionFields = {
  subject: z.string(),
  description: z.string(),
  dataItems: z.array(collectionItemSchema),
  legalBasis: z.string(),
  standard: z.string(),
  frequency: z.enum(COLLECTION_FREQUENCIES),
};

export const collectionRegistrationSchema = named(
  'CollectionRegistration',
  z.object({
    id,
    status: z.enum(COLLECTION_STATUSES),
    ...collectionFields,
    departmentId: id,
    departmentName: z.string().optional(),
    department: namedRefSchema.optional(),
    createdAt: isoTime,
    updatedAt: isoTime,
    decidedAt: isoTime.optional(),
  }),
);

const sourceType = z.enum(['catalog_resource', 'collection_registration']);

export const collectionRegistrationDetailSchema = named(
  'CollectionRegistrationDetail',
  collectionRegistrationSchema.extend({
    candidates: z.array(
      z.object({
        sourceType,
        sourceId: id,
        name: z.string(),
        departmentId: id,
        departmentName: z.string().optional(),
        score: z.number(),
        matchedItems: z.array(z.object({ item: z.string(), matched: z.string(), similarity: z.number() })),
      }),
    ),
    openTasks: z.array(z.object({ id, kind: z.enum(TASK_KIND_NAMES), assigneeRole: z.enum(ROLES), dueAt: isoTime, overdue: z.boolean() })),
    outcomes: z.array(
      z.object({
        taskId: id,
        assigneeRole: z.enum(ROLES),
        status: z.enum(['open', 'done', 'cancelled', 'expired']),
        outcome: z.string().optional(),
        comment: z.string().optional(),
        payload: z.record(z.string(), z.unknown()).optional(),
        completedBy: id.optional(),
        closedAt: isoTime.optional(),
      }),
    ),
    decision: z
      .object({
        status: z.enum(['approved', 'rejected', 'duplicate']),
        duplicateOf: z
          .object({ type: sourceType, id, name: z.string(), departmentId: id, departmentName: z.string() })
          .optional(),
        recommendation: z.string().optional(),
        decidedAt: isoTime,
        reasons: z.string().nullish(),
        comment: z.string().optional(),
      })
      .optional(),
  }),
);

export const publicCollectionSchema = named(
  'PublicCollection',
  z.object({
    id,
    ...collectionFields,
    responsibleDepartment: z.object({ id, name: z.string().optional() }),
    approvedAt: isoTime.optional(),
  }),
);
