import { Injectable } from '@nestjs/common';
import { CollectionService } from '../../../../libs/collection/collection.service.js';
import type { Task } from '../../../../libs/database/entities/index.js';
import type { CompleteTaskInput } from './complete-task.usecase.js';

/**
 * The rules of a completion that need the database, checked before it is sent: the workflow's
 * validator checks the rest again, but may not read.
 */
@Injectable()
export class CompletionChecks {
  constructor(private readonly collections: CollectionService) {}

  async check(task: Pick<Task, 'kind' | 'subjectId'>, input: CompleteTaskInput): Promise<void> {
    if (task.kind === 'collection_review' && input.outcome === 'duplicate') {
      await this.collections.duplicateSource(task.subjectId, input.payload?.of);
    }
  }
}
