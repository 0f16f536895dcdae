import { Injectable } from '@nestjs/common';
import type { Task } from '../database/entities/index.js';
import type { TaskCompletion, TaskKind } from '../domain/task-kinds.js';

export type CompletionInput = Pick<TaskCompletion, 'outcome' | 'comment' | 'payload'>;
/** Returns why a completion cannot be accepted, or undefined. May read the database, unlike a workflow validator. */
export type CompletionCheck = (task: Task, completion: CompletionInput) => Promise<string | undefined>;

/**
 * Rules for completing a task that need data the workflow cannot read (a payload naming an existing,
 * published resource, say). Features register theirs for their task kinds; the completion use case asks.
 */
@Injectable()
export class CompletionChecks {
  private readonly checks = new Map<TaskKind, CompletionCheck>();

  register(kind: TaskKind, check: CompletionCheck): void {
    this.checks.set(kind, check);
  }

  async problem(task: Task, completion: CompletionInput): Promise<string | undefined> {
    return this.checks.get(task.kind)?.(task, completion);
  }
}
