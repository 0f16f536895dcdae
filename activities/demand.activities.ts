import type { DemandAnswer } from '../libs/database/entities/index.js';
import type { DemandService } from '../libs/demands/demand.service.js';

export function demandActivities(demands: DemandService) {
  return {
    recordDemandAnswer: (demandId: string, answer: DemandAnswer, resourceId: string | null, comment: string | null) =>
      demands.recordAnswer(demandId, answer, resourceId, comment),
  };
}

export type DemandActivities = ReturnType<typeof demandActivities>;
