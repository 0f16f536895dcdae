import type { TaskCompletion } from '../libs/domain/task-kinds.js';
import type { OpenTaskCommand, TaskService } from '../libs/tasks/task.service.js';

export function taskActivities(tasks: TaskService) {
  return {
    openTask: (command: OpenTaskCommand) => tasks.open(command),
    readTaskDeadline: (taskId: string) => tasks.deadline(taskId),
    remindTask: (taskId: string) => tasks.remind(taskId),
    markTaskOverdue: (taskId: string) => tasks.markOverdue(taskId),
    expireTask: (taskId: string) => tasks.expire(taskId),
    closeTask: (completion: TaskCompletion) => tasks.close(completion),
    cancelTask: (taskId: string) => tasks.cancel(taskId),
  };
}

export type TaskActivities = ReturnType<typeof taskActivities>;
