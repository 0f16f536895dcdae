import { defineSignal, defineUpdate } from '@temporalio/workflow';
import type { TaskCompletion } from '../../libs/domain/task-kinds.js';

/** The messages the API sends to any workflow that owns human tasks. Safe to import outside workflows. */
export const completeTaskUpdate = defineUpdate<unknown, [TaskCompletion]>('completeTask');
export const taskDeadlineChangedSignal = defineSignal<[{ taskId: string }]>('taskDeadlineChanged');
