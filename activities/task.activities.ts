import { ApplicationFailure } from '@temporalio/activity';
import { DomainError } from '../libs/domain/errors.js';
import type { TaskCompletion } from '../libs/domain/task-kinds.js';
import type { OpenTaskCommand, TaskService } from '../libs/tasks/task.service.js';

/** A task its kind does not allow for the role it was opened for: retrying cannot help, so the workflow learns at once. */
export const TASK_NOT_ASSIGNABLE = 'TaskNotAssignable';

export function taskActivities(tasks: TaskService) {
  return {
    openTask: async (command: OpenTaskCommand) => {
      try {
        return await tasks.open(command);
      } catch (error) {
        if (error instanceof DomainError) throw ApplicationFailure.nonRetryable(error.message, TASK_NOT_ASSIGNABLE);
        throw error;
      }
    },
    readTaskDeadline: (taskId: string) => tasks.deadline(taskId),
    remindTask: (taskId: string) => tasks.remind(taskId),
    markTaskOverdue: (taskId: string) => tasks.markOverdue(taskId),
    expireTask: (taskId: string) => tasks.expire(taskId),
    closeTask: (completion: TaskCompletion) => tasks.close(completion),
    cancelTask: (taskId: string) => tasks.cancel(taskId),
  };
}

export type TaskActivities = ReturnType<typeof taskActivities>;
