import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import type { Page, Task, TaskQuery } from '../interim-types';
import { withQuery } from './query';

/** GET /tasks: the caller's tasks, soonest due first. */
export function useTasks(query: TaskQuery) {
  return useQuery({
    queryKey: ['tasks', query],
    queryFn: () => unwrap<Page<Task>>(api.GET('/api/v1/tasks', withQuery(query))),
    placeholderData: keepPreviousData,
  });
}

/** GET /tasks/:id */
export function useTask(id: string) {
  return useQuery({
    queryKey: ['task', id],
    queryFn: () => unwrap<Task>(api.GET('/api/v1/tasks/{id}', { params: { path: { id } } })),
  });
}

export interface Completion {
  outcome: string;
  comment?: string;
  payload?: Record<string, unknown>;
}

/** POST /tasks/:id/complete: answers the subject's new state. */
export function useCompleteTask(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Completion) =>
      unwrap<Record<string, unknown>>(
        api.POST('/api/v1/tasks/{id}/complete', { params: { path: { id } }, body }),
      ),
    onSettled: () => client.invalidateQueries(),
  });
}
