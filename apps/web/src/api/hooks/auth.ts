import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import type { LoginAnswer, Principal } from '../interim-types';

export const meKey = ['auth', 'me'] as const;

/** GET /auth/me: who is signed in (the session cookie); a 401 means nobody. */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: () => unwrap<Principal>(api.GET('/api/v1/auth/me')),
    retry: false,
    staleTime: 5 * 60_000,
  });
}

/** POST /auth/login: the API answers the token and sets the session cookies; the page keeps only the cookies. */
export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) =>
      unwrap<LoginAnswer>(api.POST('/api/v1/auth/login', { body })),
    onSuccess: (answer) => {
      client.clear();
      client.setQueryData(meKey, answer.user);
    },
  });
}

/** POST /auth/logout: ends the browser session. */
export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap<void>(api.POST('/api/v1/auth/logout')),
    onSettled: () => client.clear(),
  });
}
