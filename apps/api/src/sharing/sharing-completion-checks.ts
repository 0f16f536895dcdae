import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CatalogResourceVersion, SharingGrant, SharingRequest, type Task } from '../../../../libs/database/entities/index.js';
import type { SharingTerms } from '../../../../libs/domain/sharing.js';
import { termsProblems } from '../../../../libs/sharing/sharing.service.js';
import { CompletionChecks, type CompletionInput } from '../../../../libs/tasks/completion-checks.js';

const TERM_KEYS = ['dataItems', 'scope', 'method'];

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
    const proposal = completion.payload as Partial<SharingTerms>;
    const unknownKeys = Object.keys(proposal).filter((key) => !TERM_KEYS.includes(key));
    if (unknownKeys.length > 0) return `the payload may only change ${TERM_KEYS.join(', ')}; not ${unknownKeys.join(', ')}`;
    if (proposal.dataItems !== undefined && !Array.isArray(proposal.dataItems)) return 'payload.dataItems must be a list of item names';
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
