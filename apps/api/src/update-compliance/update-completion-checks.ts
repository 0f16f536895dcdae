import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CatalogResource, UpdateLapse } from '../../../../libs/database/entities/index.js';
import { CompletionChecks } from '../../../../libs/tasks/completion-checks.js';

/** Completing a data_update task records an update, which only a published resource takes. */
@Injectable()
export class UpdateCompletionChecks implements OnModuleInit {
  constructor(
    private readonly checks: CompletionChecks,
    private readonly em: EntityManager,
  ) {}

  onModuleInit() {
    this.checks.register('data_update', async (task) => {
      const lapse = await this.em.findOneOrFail(UpdateLapse, { id: task.subjectId });
      const resource = await this.em.findOneOrFail(CatalogResource, { id: lapse.resourceId });
      return resource.status === 'published' ? undefined : `the resource is ${resource.status}; only a published resource is updated`;
    });
  }
}
