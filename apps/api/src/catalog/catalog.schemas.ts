import { z } from 'zod';
import { CATALOGS, DATA_TYPES, OPEN_SCOPES, SHARING_METHODS, SHARING_TYPES, UPDATE_FREQUENCIES } from '../../../../libs/domain/catalog.js';
import { named } from '../common/contract.js';
import { id, isoTime, namedRefSchema, time } from '../common/view-schemas.js';
import { paginationSchema } from '../common/zod.js';

const RESOURCE_STATUSES = ['draft', 'in_review', 'returned', 'published', 'retired'] as const;

export const dataItemSchema = z.object({
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(500).default(''),
  dataType: z.enum(DATA_TYPES),
  length: z.number().int().positive().max(1_000_000).optional(),
  unit: z.string().trim().max(20).optional(),
  openScope: z.enum(OPEN_SCOPES),
});

export const resourceSchema = named('CatalogResourceDeclaration', z.object({
  name: z.string().trim().min(1).max(200),
  abstract: z.string().trim().min(1).max(4000),
  catalog: z.enum(CATALOGS),
  classification: z.string().trim().min(1).max(100),
  sharingType: z.enum(SHARING_TYPES),
  notShareableBasis: z.string().trim().max(2000).optional(),
  sharingMethods: z.array(z.enum(SHARING_METHODS)).max(3).refine((m) => new Set(m).size === m.length, 'methods repeat'),
  openScope: z.enum(OPEN_SCOPES),
  updateFrequency: z.enum(UPDATE_FREQUENCIES),
  confidential: z.boolean(),
  dataItems: z.array(dataItemSchema).min(1).max(500),
}));

export const searchSchema = paginationSchema.extend({
  q: z.string().trim().max(100).optional(),
  providerDepartmentId: z.uuid().optional(),
  catalog: z.enum(CATALOGS).optional(),
  sharingType: z.enum(SHARING_TYPES).optional(),
  openScope: z.enum(OPEN_SCOPES).optional(),
  status: z.enum(RESOURCE_STATUSES).optional(),
});

export const publicSearchSchema = searchSchema.omit({ status: true, openScope: true });

const storedDataItemSchema = named(
  'DataItem',
  z.object({
    name: z.string(),
    description: z.string(),
    dataType: z.enum(DATA_TYPES),
    length: z.number().int().optional(),
    unit: z.string().optional(),
    openScope: z.enum(OPEN_SCOPES),
  }),
);

/** A version's declaration (GB/T 21063 core metadata and sharing attributes), as views show it. */
const metadataFields = {
  name: z.string(),
  abstract: z.string(),
  catalog: z.enum(CATALOGS),
  classification: z.string(),
  sharingType: z.enum(SHARING_TYPES),
  notShareableBasis: z.string().nullish(),
  sharingMethods: z.array(z.enum(SHARING_METHODS)),
  openScope: z.enum(OPEN_SCOPES),
  updateFrequency: z.enum(UPDATE_FREQUENCIES),
  confidential: z.boolean(),
  dataItems: z.array(storedDataItemSchema),
};

export const catalogResourceSchema = named(
  'CatalogResource',
  z.object({
    id,
    identifier: z.string(),
    metadataIdentifier: z.string(),
    version: z.number().int(),
    status: z.enum(RESOURCE_STATUSES),
    providerDepartmentId: id,
    provider: namedRefSchema.optional(),
    ...metadataFields,
    createdAt: isoTime,
    updatedAt: isoTime,
    publishedAt: isoTime.optional(),
    retiredAt: isoTime.optional(),
  }),
);

/** For the provider and the coordinators: the pending change and every review round. */
export const catalogResourceDetailSchema = named(
  'CatalogResourceDetail',
  catalogResourceSchema.extend({
    pendingChange: z
      .object({
        version: z.number().int(),
        state: z.enum(['draft', 'in_review', 'returned', 'approved', 'superseded']),
        change: z.enum(['publish', 'revise', 'retire']),
        metadata: z.object(metadataFields),
      })
      .optional(),
    reviews: z
      .array(
        z.object({
          taskId: id,
          version: z.number().int(),
          openedAt: isoTime,
          dueAt: isoTime,
          status: z.enum(['open', 'done', 'cancelled', 'expired']),
          outcome: z.string().optional(),
          comment: z.string().optional(),
          decidedAt: isoTime.optional(),
        }),
      )
      .optional(),
  }),
);

export const catalogReviewStateSchema = named(
  'CatalogReviewState',
  z.object({
    resourceId: id,
    version: z.number().int(),
    round: z.number().int(),
    status: z.enum(['awaiting_submission', 'in_review', 'returned', 'published', 'retired']),
  }),
);

export const subscriptionSchema = named('CatalogSubscription', z.object({ resourceId: id, departmentId: id, since: time }));
export const subscriptionListSchema = named(
  'CatalogSubscriptionList',
  z.object({ items: z.array(z.object({ resourceId: id, resource: namedRefSchema.optional(), since: time })), total: z.number().int() }),
);

const formProblemSchema = z.object({
  sheet: z.string(),
  row: z.number().int().nullable(),
  column: z.string().describe("the form's label of the field or column, e.g. 数据类型"),
  cell: z.string().nullable(),
  field: z.string().describe('the API field it feeds, e.g. `dataItems.2.dataType`'),
  message: z.string(),
});

/** What importing a 数据提供调查表 workbook did, sheet by sheet (a sheet with any problem creates nothing). */
export const importReportSchema = named(
  'ResourceFormImportReport',
  z.object({
    created: z.number().int(),
    rejected: z.number().int(),
    skipped: z.number().int(),
    sheets: z.array(
      z.discriminatedUnion('status', [
        z.object({ sheet: z.string(), status: z.literal('created'), resourceId: id, identifier: z.string(), name: z.string(), dataItemCount: z.number().int() }),
        z.object({ sheet: z.string(), status: z.literal('rejected'), problems: z.array(formProblemSchema) }),
        z.object({ sheet: z.string(), status: z.literal('skipped'), reason: z.string() }),
      ]),
    ),
  }),
);
