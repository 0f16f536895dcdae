import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import type { Page, Resource, ResourceDeclaration, ResourceQuery } from '../interim-types';
import { withQuery } from './query';

/** GET /catalog/resources: search (Chinese substrings) and filters. */
export function useResources(query: ResourceQuery, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['resources', query],
    queryFn: () => unwrap<Page<Resource>>(api.GET('/api/v1/catalog/resources', withQuery(query))),
    placeholderData: keepPreviousData,
  });
}

/** GET /catalog/resources/:id */
export function useResource(id: string | undefined) {
  return useQuery({
    queryKey: ['resource', id],
    queryFn: () =>
      unwrap<Resource>(api.GET('/api/v1/catalog/resources/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}

/** GET /catalog/subscriptions: the resources my department follows. */
export function useSubscriptions() {
  return useQuery({
    queryKey: ['subscriptions'],
    queryFn: () =>
      unwrap<{ items: { resourceId: string; since: string }[]; total: number }>(
        api.GET('/api/v1/catalog/subscriptions'),
      ),
  });
}

/** POST or DELETE /catalog/resources/:id/subscription */
export function useSubscribe(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (subscribe: boolean) =>
      subscribe
        ? unwrap<unknown>(
            api.POST('/api/v1/catalog/resources/{id}/subscription', { params: { path: { id } } }),
          )
        : unwrap<unknown>(
            api.DELETE('/api/v1/catalog/resources/{id}/subscription', { params: { path: { id } } }),
          ),
    onSettled: () => client.invalidateQueries({ queryKey: ['subscriptions'] }),
  });
}

/** POST /catalog/resources (a new draft) or PUT /catalog/resources/:id (edit the draft, or revise a published one). */
export function useSaveResource(id?: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ResourceDeclaration) =>
      id
        ? unwrap<Resource>(
            api.PUT('/api/v1/catalog/resources/{id}', { params: { path: { id } }, body: body as never }),
          )
        : unwrap<Resource>(api.POST('/api/v1/catalog/resources', { body: body as never })),
    onSuccess: () =>
      client
        .invalidateQueries({ queryKey: ['resources'] })
        .then(() => client.invalidateQueries({ queryKey: ['resource'] })),
  });
}

/** POST /catalog/resources/:id/submit: sends the pending version to the info office's review. */
export function useSubmitResource(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap<unknown>(api.POST('/api/v1/catalog/resources/{id}/submit', { params: { path: { id } } })),
    onSettled: () => client.invalidateQueries(),
  });
}
