import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { DataDemand } from '../../../../libs/database/entities/index.js';
import { type DisplayNames, loadDisplayNames } from '../../../../libs/directory/display-names.js';
import { UPDATE_FREQUENCIES } from '../../../../libs/domain/catalog.js';
import { named } from '../common/contract.js';
import { id, namedRefSchema, time } from '../common/view-schemas.js';
import { taskViewSchema } from '../tasks/task-views.js';

export const demandViewSchema = named(
  'DemandView',
  z.object({
    id,
    requesterDepartmentId: id,
    requester: namedRefSchema.optional(),
    expectedProviderDepartmentId: id,
    expectedProvider: namedRefSchema.optional(),
    dataName: z.string(),
    content: z.string(),
    purpose: z.string(),
    updateFrequency: z.enum(UPDATE_FREQUENCIES),
    status: z.enum(['open', 'answered']),
    answer: z.enum(['will_provide', 'exists', 'cannot']).nullish(),
    answerResourceId: id.nullish(),
    answerResource: namedRefSchema.optional(),
    answerComment: z.string().nullish(),
    createdAt: time,
    answeredAt: time.nullish(),
  }),
);

export const demandDetailSchema = named('DemandDetail', demandViewSchema.extend({ openTasks: z.array(taskViewSchema) }));

export function demandView(demand: DataDemand, names: DisplayNames) {
  const { id, requesterDepartmentId, expectedProviderDepartmentId, dataName, content, purpose, updateFrequency, status, answer, answerResourceId, answerComment, createdAt, answeredAt } = demand;
  return {
    id,
    requesterDepartmentId,
    requester: names.department(requesterDepartmentId),
    expectedProviderDepartmentId,
    expectedProvider: names.department(expectedProviderDepartmentId),
    dataName,
    content,
    purpose,
    updateFrequency,
    status,
    answer,
    answerResourceId,
    answerResource: names.resource(answerResourceId),
    answerComment,
    createdAt,
    answeredAt,
  } satisfies z.infer<typeof demandViewSchema>;
}

/** The views of a list of demands, the names of their departments and resources looked up once. */
export async function demandViews(em: EntityManager, demands: DataDemand[]) {
  const names = await loadDisplayNames(em, {
    departments: demands.flatMap((demand) => [demand.requesterDepartmentId, demand.expectedProviderDepartmentId]),
    resources: demands.map((demand) => demand.answerResourceId),
  });
  return demands.map((demand) => demandView(demand, names));
}
