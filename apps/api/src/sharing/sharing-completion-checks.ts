import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { z } from 'zod';
import { CatalogResourceVersion, SharingGrant, SharingRequest, type Task } from '../../../../libs/database/entities/index.js';
import { SHARING_METHODS } from '../../../../libs/domain/catalog.js';
import { termsProblems } from '../../../../libs/sharing/sharing.service.js';
import { CompletionChecks, type CompletionInput } from '../../../../libs/tasks/completion-checks.js';

/** The shape of proposed terms, checked before any rule reads them: each key optional, each of its type. */
const proposedTermsSchema = z.strictObject({
  dataItems: z.array(z.string().max(200)).max(500).optional(),
  scope: z.string().max(2000).optional(),
  method: z.enum(SHARING_METHODS).optional(),
});

/**
 * New terms in a negotiation must be terms the resource can meet: a counter-offer narrows the
 * request (fewer items, another method the resource offers, a stated scope); a revision asks only
 * for items the resource has (for onward sharing, items of the source grant).
 */
@Injectable()
export class SharingCompletionChecks implements OnModuleInit {
  constructor(
    private readonly checks: CompletionChecks,
    private readonly em: EntityManager,
  ) {}

  onModuleInit() {
    this.checks.register('provider_review', (task, completion) =>
      completion.outcome === 'counter_offer' ? this.termsProblem(task, completion, 'narrow') : Promise.resolve(undefined),
    );
    this.checks.register('counter_offer_response', (task, completion) =>
      completion.outcome === 'revise' ? this.termsProblem(task, completion, 'resource') : Promise.resolve(undefined),
    );
  }

  private async termsProblem(task: Task, completion: CompletionInput, itemsFrom: 'narrow' | 'resource'): Promise<string | undefined> {
    const parsed = proposedTermsSchema.safeParse(completion.payload ?? {});
    if (!parsed.success) {
      return parsed.error.issues.map((issue) => `payload${issue.path.map((key) => `.${String(key)}`).join('')}: ${issue.message}`).join('; ');
    }
    const proposal = parsed.data;
    const request = await this.em.findOneOrFail(SharingRequest, { id: task.subjectId });
    const version = await this.em.findOneOrFail(CatalogResourceVersion, { resourceId: request.resourceId, version: request.resourceVersion });
    const items = itemsFrom === 'narrow' ? request.dataItems : await this.obtainableItems(request, version);
    const problems = termsProblems(proposal, items, version.sharingMethods);
    return problems.length > 0 ? problems.map((p) => `${p.field}: ${p.message}`).join('; ') : undefined;
  }

  private async obtainableItems(request: SharingRequest, version: CatalogResourceVersion): Promise<string[]> {
    if (!request.sourceGrantId) return version.dataItems.map((item) => item.name);
    return (await this.em.findOneOrFail(SharingGrant, { id: request.sourceGrantId })).dataItems;
  }
}
