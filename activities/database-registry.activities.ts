import type {
  DatabaseRegistry,
  RecordStepRequest,
  StepReview,
  StepRoundRef,
} from '../libs/database-registry/database-registry.service.js';

export function databaseRegistryActivities(registry: DatabaseRegistry) {
  return {
    recordDatabaseStepRequest: (command: RecordStepRequest) => registry.recordRequest(command),
    approveDatabaseStep: (review: StepReview) => registry.approve(review),
    returnDatabaseStep: (review: StepReview) => registry.returnRound(review),
    linkDatabaseStepFiling: (ref: StepRoundRef & { filingSeq: number }) => registry.linkFiling(ref),
  };
}

export type DatabaseRegistryActivities = ReturnType<typeof databaseRegistryActivities>;
