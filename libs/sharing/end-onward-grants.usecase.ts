import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { sourceGrantEndedSignal } from '../../workflows/sharing-grant-lifecycle.js';
import { FINAL_STATUSES } from '../domain/sharing.js';
import { workflowIds } from '../temporal/workflow-ids.js';

/**
 * Data passed on under a grant may flow only while that grant lasts: when it ends, every onward
 * request naming it that is still open or granted is told, and ends too. Signalling again is harmless.
 */
@Injectable()
export class EndOnwardGrants {
  constructor(
    private readonly em: EntityManager,
    private readonly temporal: Client,
  ) {}

  async execute(sourceGrantId: string, status: 'expired' | 'revoked'): Promise<string[]> {
    const onward = await this.em.execute<{ id: string }[]>(
      `select id from sharing_request where source_grant_id = ? and not (status = any(?::text[]))`,
      [sourceGrantId, `{${FINAL_STATUSES.join(',')}}`],
    );
    for (const { id } of onward) {
      await this.temporal.workflow
        .getHandle(workflowIds.sharingRequest(id))
        .signal(sourceGrantEndedSignal, { sourceGrantId, status })
        .catch((error: unknown) => {
          if (!(error instanceof WorkflowNotFoundError)) throw error;
        });
    }
    return onward.map((row) => row.id);
  }
}
