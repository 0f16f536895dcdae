import { z } from 'zod';
import { CATALOGS, DATA_TYPES, OPEN_SCOPES, SHARING_METHODS, SHARING_TYPES, UPDATE_FREQUENCIES } from '../../../../libs/domain/catalog.js';
import { paginationSchema } from '../common/zod.js';

export const dataItemSchema = z.object({
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(500).default(''),
  dataType: z.enum(DATA_TYPES),
  length: z.number().int().positive().max(1_000_000).optional(),
  unit: z.string().trim().max(20).optional(),
  openScope: z.enum(OPEN_SCOPES),
});

export const resourceSchema = z.object({
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
});

export const searchSchema = paginationSchema.extend({
  q: z.string().trim().max(100).optional(),
  providerDepartmentId: z.uuid().optional(),
  catalog: z.enum(CATALOGS).optional(),
  sharingType: z.enum(SHARING_TYPES).optional(),
  openScope: z.enum(OPEN_SCOPES).optional(),
  status: z.enum(['draft', 'in_review', 'returned', 'published', 'retired']).optional(),
});

export const publicSearchSchema = searchSchema.omit({ status: true, openScope: true });
