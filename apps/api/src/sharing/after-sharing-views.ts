import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { DataObjection, SharingFeedback } from '../../../../libs/database/entities/index.js';
import { type DisplayNames, loadDisplayNames } from '../../../../libs/directory/display-names.js';
import { named, page } from '../common/contract.js';
import { id, namedRefSchema, time } from '../common/view-schemas.js';

export const objectionViewSchema = named(
  'DataObjectionView',
  z.object({
    id,
    requestId: id,
    items: z.array(z.string()),
    description: z.string(),
    status: z.enum(['awaiting_verification', 'verified']),
    outcome: z.enum(['confirmed_corrected', 'rejected']).optional(),
    outcomeComment: z.string().optional(),
    raisedBy: id,
    raiser: namedRefSchema.optional(),
    verifiedBy: id.optional(),
    verifier: namedRefSchema.optional(),
    createdAt: time,
    verifiedAt: time.optional(),
  }),
);
export const objectionPageSchema = page(objectionViewSchema);

export const feedbackViewSchema = named(
  'SharingFeedbackView',
  z.object({
    id,
    requestId: id,
    rating: z.number().int().min(1).max(5),
    effect: z.string(),
    problems: z.string().optional(),
    givenBy: id,
    giver: namedRefSchema.optional(),
    createdAt: time,
  }),
);
export const feedbackPageSchema = page(feedbackViewSchema);

function objectionView(objection: DataObjection, names: DisplayNames) {
  const { id, requestId, dataItems, description, status, outcome, outcomeComment, raisedBy, verifiedBy, createdAt, verifiedAt } = objection;
  return {
    id,
    requestId,
    items: dataItems,
    description,
    status,
    outcome: outcome ?? undefined,
    outcomeComment: outcomeComment ?? undefined,
    raisedBy,
    raiser: names.user(raisedBy),
    verifiedBy: verifiedBy ?? undefined,
    verifier: names.user(verifiedBy),
    createdAt,
    verifiedAt: verifiedAt ?? undefined,
  } satisfies z.infer<typeof objectionViewSchema>;
}

function feedbackView(feedback: SharingFeedback, names: DisplayNames) {
  const { id, requestId, rating, effect, problems, givenBy, createdAt } = feedback;
  return { id, requestId, rating, effect, problems: problems ?? undefined, givenBy, giver: names.user(givenBy), createdAt } satisfies z.infer<
    typeof feedbackViewSchema
  >;
}

export async function objectionViews(em: EntityManager, objections: DataObjection[]) {
  const names = await loadDisplayNames(em, { users: objections.flatMap((o) => [o.raisedBy, o.verifiedBy]) });
  return objections.map((objection) => objectionView(objection, names));
}

export async function feedbackViews(em: EntityManager, feedback: SharingFeedback[]) {
  const names = await loadDisplayNames(em, { users: feedback.map((f) => f.givenBy) });
  return feedback.map((item) => feedbackView(item, names));
}
