import { z } from 'zod';
import type { Bulletin } from '../../../../libs/database/entities/index.js';
import type { DepartmentStanding } from '../../../../libs/supervision/department-standings.js';
import { named } from '../common/contract.js';
import { id, isoTime } from '../common/view-schemas.js';
import { departmentStandingSchema, lateObligationSchema } from './supervision-views.js';

export const bulletinSummarySchema = named(
  'BulletinSummary',
  z.object({
    id,
    label: z.string(),
    from: isoTime,
    to: isoTime,
    status: z.enum(['compiling', 'published']),
    publishedAt: isoTime.optional(),
    filingSeq: z.number().int().optional(),
  }),
);

export const bulletinSchema = named(
  'Bulletin',
  bulletinSummarySchema.extend({ standings: z.array(departmentStandingSchema).nullish(), late: z.array(lateObligationSchema).nullish() }),
);

export function bulletinSummary(bulletin: Bulletin) {
  return {
    id: bulletin.id,
    label: bulletin.label,
    from: bulletin.periodFrom.toISOString(),
    to: bulletin.periodTo.toISOString(),
    status: bulletin.status,
    publishedAt: bulletin.publishedAt?.toISOString(),
    filingSeq: bulletin.filingSeq ?? undefined,
  } satisfies z.infer<typeof bulletinSummarySchema>;
}

export function bulletinView(bulletin: Bulletin) {
  // The standings are stored as DepartmentStandings.rank computed them.
  return { ...bulletinSummary(bulletin), standings: bulletin.standings as DepartmentStanding[] | null | undefined, late: bulletin.late } satisfies z.infer<typeof bulletinSchema>;
}
