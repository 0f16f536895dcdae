import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import type { Notification, NotificationQuery, Page } from '../interim-types';
import { withQuery } from './query';

/** GET /notifications: the in-app channel, newest first. */
export function useNotifications(query: NotificationQuery, options: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: ['notifications', query],
    queryFn: () => unwrap<Page<Notification>>(api.GET('/api/v1/notifications', withQuery(query))),
    placeholderData: keepPreviousData,
    ...options,
  });
}

/** POST /notifications/:id/read */
export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap<unknown>(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })),
    onSettled: () => client.invalidateQueries({ queryKey: ['notifications'] }),
  });
}
