import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { AccessPolicy } from '../../../../libs/auth/access-policy.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import { Task } from '../../../../libs/database/entities/index.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '../../../../libs/domain/errors.js';
import { completionProblemOf } from '../../../../libs/domain/task-kinds.js';
import { CompletionChecks } from '../../../../libs/tasks/completion-checks.js';
import { completeTaskUpdate } from '../../../../workflows/lib/task-messages.js';
import type { ProcessState } from '../common/view-schemas.js';
import { sendWorkflowUpdate } from '../common/workflow-updates.js';

export interface CompleteTaskInput {
  outcome: string;
  comment?: string;
  payload?: Record<string, unknown>;
}

/**
 * Checks who may complete the task and that the outcome fits its kind, then hands the completion
 * to the owning workflow as an Update and returns the subject's new state. The workflow's validator
 * is the last word on staleness: two people completing at once get one 200 and one 409.
 */
@Injectable()
export class CompleteTask {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessPolicy,
    private readonly temporal: Client,
    private readonly checks: CompletionChecks,
  ) {}

  async execute(principal: Principal, taskId: string, input: CompleteTaskInput): Promise<ProcessState> {
    const task = await this.em.findOne(Task, { id: taskId });
    // A task the caller may not see is not there for them: 404, as reading it answers, never a 403 that confirms it.
    if (!task || !this.access.canSeeTask(principal, task)) throw new NotFoundError(`no task ${taskId}`);
    if (!this.access.canActOnTask(principal, task)) throw new ForbiddenError('this task is assigned to another role or department');
    if (task.status !== 'open') throw new ConflictError(`the task is ${task.status}`, undefined, 'task-not-open');
    const mismatch = completionProblemOf(task.kind, input);
    if (mismatch) throw new RuleViolationError(mismatch.message, [{ field: mismatch.field, message: mismatch.message }], mismatch.kind);
    const problem = await this.checks.problem(task, input);
    if (problem) throw new RuleViolationError(problem);

    return sendWorkflowUpdate(
      () =>
        this.temporal.workflow
          .getHandle(task.workflowId)
          // Every process answers with its subject's state, an object (completeTaskUpdate leaves its shape to each).
          .executeUpdate(completeTaskUpdate, { args: [{ taskId, ...input, completedBy: principal.id }] }) as Promise<ProcessState>,
      { ruleViolationType: 'InvalidCompletion', endedMessage: 'the process owning this task has ended' },
    );
  }
}
