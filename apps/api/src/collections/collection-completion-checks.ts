import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CollectionService } from '../../../../libs/collection/collection.service.js';
import { RuleViolationError } from '../../../../libs/domain/errors.js';
import { CompletionChecks } from '../../../../libs/tasks/completion-checks.js';

/** A `duplicate` review must point at a source that exists: a published resource or an approved registration. */
@Injectable()
export class CollectionCompletionChecks implements OnModuleInit {
  constructor(
    private readonly checks: CompletionChecks,
    private readonly collections: CollectionService,
  ) {}

  onModuleInit() {
    this.checks.register('collection_review', async (task, completion) => {
      if (completion.outcome !== 'duplicate') return undefined;
      try {
        await this.collections.duplicateSource(task.subjectId, completion.payload?.of);
        return undefined;
      } catch (error) {
        if (error instanceof RuleViolationError) return error.message;
        throw error;
      }
    });
  }
}
