import type { CollectionDecision, CollectionService } from '../libs/collection/collection.service.js';

export function collectionActivities(collections: CollectionService) {
  return {
    attachCollectionCandidates: (registrationId: string) => collections.attachCandidates(registrationId),
    decideCollectionRegistration: (registrationId: string, decision: CollectionDecision) => collections.decide(registrationId, decision),
  };
}

export type CollectionActivities = ReturnType<typeof collectionActivities>;
