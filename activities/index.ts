import type { DatabaseRegistry } from '../libs/database-registry/database-registry.service.js';
import type { FilingLedger } from '../libs/filings/filing-ledger.service.js';
import type { TaskService } from '../libs/tasks/task.service.js';
import { databaseRegistryActivities } from './database-registry.activities.js';
import { filingActivities } from './filing.activities.js';
import { taskActivities } from './task.activities.js';

export interface ActivityDependencies {
  tasks: TaskService;
  filings: FilingLedger;
  databaseRegistry: DatabaseRegistry;
}

/** Every activity the workflows may call, bound to the worker's services. */
export function createActivities(deps: ActivityDependencies) {
  return {
    ...taskActivities(deps.tasks),
    ...filingActivities(deps.filings),
    ...databaseRegistryActivities(deps.databaseRegistry),
  };
}

export type Activities = ReturnType<typeof createActivities>;
