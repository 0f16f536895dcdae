import { z } from 'zod';
import { named } from '../common/contract.js';
import { id, isoTime } from '../common/view-schemas.js';

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
    payload: z.record(z.string(), z.unknown()),
    prevHash: z.string(),
    hash: z.string(),
  }),
);

export const chainVerificationSchema = named(
  'FilingChainVerification',
  z.object({ ok: z.boolean(), count: z.number().int(), firstBrokenSeq: z.number().int().optional() }),
);
