import { z } from 'zod';
import type { Filing } from '../../../../libs/database/entities/index.js';
import type { DisplayNames } from '../../../../libs/directory/display-names.js';
import { named } from '../common/contract.js';
import { id, isoTime, namedRefSchema } from '../common/view-schemas.js';

export const filingViewSchema = named(
  'Filing',
  z.object({
    seq: z.number().int(),
    at: isoTime,
    kind: z.string(),
    authority: z.enum(['info_office', 'secrecy_bureau', 'supervision_office']),
    subjectType: z.string(),
    subjectId: z.string(),
    departmentIds: z.array(id),
    departments: z.array(namedRefSchema).describe('the departments concerned, with their names'),
    payload: z.record(z.string(), z.unknown()),
    prevHash: z.string(),
    hash: z.string(),
  }),
);

export const chainVerificationSchema = named(
  'FilingChainVerification',
  z.object({ ok: z.boolean(), count: z.number().int(), firstBrokenSeq: z.number().int().optional() }),
);

export function filingView(filing: Filing, names: DisplayNames) {
  const { seq, at, kind, authority, subjectType, subjectId, departmentIds, payload, prevHash, hash } = filing;
  const departments = departmentIds.map((departmentId) => names.department(departmentId)).filter((ref) => ref !== undefined);
  return { seq, at: at.toISOString(), kind, authority, subjectType, subjectId, departmentIds, departments, payload, prevHash, hash } satisfies z.infer<
    typeof filingViewSchema
  >;
}
