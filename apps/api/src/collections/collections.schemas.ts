import { z } from 'zod';
import { COLLECTION_FREQUENCIES, COLLECTION_STATUSES } from '../../../../libs/domain/collection.js';
import { dataItemSchema } from '../catalog/catalog.schemas.js';
import { paginationSchema } from '../common/zod.js';

export const declarationSchema = z.object({
  subject: z.string().trim().min(1).max(200),
  description: z.string().trim().max(4000).default(''),
  dataItems: z.array(dataItemSchema.omit({ openScope: true })).min(1).max(500),
  legalBasis: z.string().trim().min(1).max(2000),
  standard: z.string().trim().min(1).max(500),
  frequency: z.enum(COLLECTION_FREQUENCIES),
});

export const collectionSearchSchema = paginationSchema.extend({
  q: z.string().trim().max(100).optional(),
  departmentId: z.uuid().optional(),
  status: z.enum(COLLECTION_STATUSES).optional(),
});

export const publicCollectionSearchSchema = collectionSearchSchema.omit({ status: true });
