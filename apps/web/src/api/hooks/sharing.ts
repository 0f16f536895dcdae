import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import type {
  Application,
  Page,
  SharingRequest,
  SharingRequestQuery,
  SharingRequestSummary,
} from '../interim-types';
import { withQuery } from './query';

const UNDER_WAY = [
  'submitted',
  'awaiting_provider',
  'negotiating',
  'escalated',
  'awaiting_agreement',
  'awaiting_filing',
];

/** GET /sharing-requests: as requester, provider or intermediary. */
export function useSharingRequests(query: SharingRequestQuery) {
  return useQuery({
    queryKey: ['sharing-requests', query],
    queryFn: () => unwrap<Page<SharingRequestSummary>>(api.GET('/api/v1/sharing-requests', withQuery(query))),
    placeholderData: keepPreviousData,
  });
}

/** GET /sharing-requests/:id: status, open tasks, timeline and grant. */
export function useSharingRequest(id: string) {
  return useQuery({
    queryKey: ['sharing-request', id],
    queryFn: () =>
      unwrap<SharingRequest>(api.GET('/api/v1/sharing-requests/{id}', { params: { path: { id } } })),
    enabled: Boolean(id),
    // While the request is under way the other side acts on it: the page follows without a reload.
    refetchInterval: (query) =>
      query.state.data && UNDER_WAY.includes(query.state.data.status) ? 10_000 : false,
  });
}

/** POST /sharing-requests: applies for a resource's data items. */
export function useApply() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Application) =>
      unwrap<{ id: string; status: string }>(api.POST('/api/v1/sharing-requests', { body: body as never })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['sharing-requests'] }),
  });
}

/** POST /sharing-requests/:id/withdraw (requester side). */
export function useWithdraw(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (reason?: string) =>
      unwrap<unknown>(
        api.POST('/api/v1/sharing-requests/{id}/withdraw', { params: { path: { id } }, body: { reason } }),
      ),
    onSettled: () => client.invalidateQueries(),
  });
}

type ReasonedAction = 'non-delivery' | 'revoke' | 'suspend';

/** POST /sharing-requests/:id/{non-delivery,revoke,suspend} with reasons. */
export function useReasonedAction(id: string, action: ReasonedAction) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (reasons: string) => {
      const init = { params: { path: { id } }, body: { reasons } };
      if (action === 'non-delivery')
        return unwrap<unknown>(api.POST('/api/v1/sharing-requests/{id}/non-delivery', init));
      if (action === 'revoke') return unwrap<unknown>(api.POST('/api/v1/sharing-requests/{id}/revoke', init));
      return unwrap<unknown>(api.POST('/api/v1/sharing-requests/{id}/suspend', init));
    },
    onSettled: () => client.invalidateQueries(),
  });
}

/** POST /sharing-requests/:id/resume */
export function useResume(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap<unknown>(
        api.POST('/api/v1/sharing-requests/{id}/resume', { params: { path: { id } }, body: {} }),
      ),
    onSettled: () => client.invalidateQueries(),
  });
}

/** POST /sharing-requests/:id/renew */
export function useRenew(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { validUntil: string; reasons: string }) =>
      unwrap<unknown>(api.POST('/api/v1/sharing-requests/{id}/renew', { params: { path: { id } }, body })),
    onSettled: () => client.invalidateQueries(),
  });
}

export const SHARING_DOCUMENTS = ['application', 'agreement', 'refusal-report', 'decision'] as const;
export type SharingDocument = (typeof SHARING_DOCUMENTS)[number];

/** The document's address: HTML by default (shown framed), PDF when downloaded with ?format… the API negotiates by Accept. */
export function documentUrl(id: string, name: SharingDocument) {
  return `/api/v1/sharing-requests/${id}/documents/${name}`;
}

/** Which documents exist for the request (HEAD-like GET of each; a 404 means not issued yet). */
export function useAvailableDocuments(id: string, status: string | undefined) {
  return useQuery({
    queryKey: ['sharing-request', id, 'documents', status],
    enabled: Boolean(status),
    queryFn: async () => {
      const found = await Promise.all(
        SHARING_DOCUMENTS.map(async (name) =>
          (await fetch(documentUrl(id, name), { credentials: 'same-origin' })).ok ? name : undefined,
        ),
      );
      return found.filter((name): name is SharingDocument => Boolean(name));
    },
  });
}

/** GET …/documents/:name as PDF (Accept: application/pdf), saved by the browser. */
export async function downloadPdf(id: string, name: SharingDocument) {
  const response = await fetch(documentUrl(id, name), {
    headers: { accept: 'application/pdf' },
    credentials: 'same-origin',
  });
  if (!response.ok) throw new Error(`PDF ${response.status}`);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `${name}-${id.slice(0, 8)}.pdf`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
