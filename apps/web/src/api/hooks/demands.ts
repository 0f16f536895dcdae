import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import type { Demand, DemandQuery, NewDemand, Page } from '../interim-types';
import { withQuery } from './query';

/** GET /demands: the demands my department made or must answer. */
export function useDemands(query: DemandQuery) {
  return useQuery({
    queryKey: ['demands', query],
    queryFn: () => unwrap<Page<Demand>>(api.GET('/api/v1/demands', withQuery(query))),
    placeholderData: keepPreviousData,
  });
}

/** POST /demands: registers a data demand; the expected provider gets a demand_response task. */
export function usePostDemand() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewDemand) => unwrap<Demand>(api.POST('/api/v1/demands', { body: body as never })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['demands'] }),
  });
}
