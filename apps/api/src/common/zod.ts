import { type PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { InvalidInputError } from '../../../../libs/domain/errors.js';

/** Validates and parses a body or query against a zod schema; failures become 400 problem+json with field errors. */
export class ZodPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  /** Public for the contract (contract.ts), which documents the route's input from it. */
  constructor(readonly schema: T) {}

  transform(value: unknown): z.infer<T> {
    const parsed = this.schema.safeParse(value ?? {});
    if (parsed.success) return parsed.data;
    const errors = parsed.error.issues.map((issue) => {
      const path = issue.path.map((key) => (typeof key === 'number' ? key : String(key)));
      return { field: path.join('.') || '(body)', path, message: issue.message };
    });
    throw new InvalidInputError(`invalid input: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, errors);
  }
}

/**
 * The same schema as inline OpenAPI documentation. Superseded by contract.ts, which documents a ZodPipe's schema by
 * itself as a named component; kept for the routes not yet moved to it (the calendar's).
 */
export function openApiSchema(schema: z.ZodType) {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

export const paginationSchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/**
 * The reasons an action must give (a revocation, a suspension, a renewal, a report of non-delivery, an appeal).
 * Missing or not text is malformed input (400); text that is blank once trimmed goes on to the workflow, whose
 * rule refuses it as an action without reasons (422), as a task refused without reasons is.
 */
export const requiredReasons = z.string().trim().max(4000);

export interface Page<T> {
  items: T[];
  total: number;
}

/**
 * Paging for the lists of one row per department that are worked out over every department (a ranking, the
 * year's roll call): the whole list unless a `limit` is given; ranks, totals and summaries count every department.
 */
export const departmentRowsPageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).default(0),
});

export type DepartmentRowsPage = z.infer<typeof departmentRowsPageSchema>;

export function pageOfRows<T>(rows: T[], page: DepartmentRowsPage): Page<T> {
  const end = page.limit === undefined ? undefined : page.offset + page.limit;
  return { items: rows.slice(page.offset, end), total: rows.length };
}
