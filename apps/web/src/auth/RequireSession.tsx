import { useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiProblem, whenSessionEnds } from '../api/client';
import { useMe } from '../api/hooks/auth';
import { PageError, PageLoading } from '../layout/states';

/** The path to come back to after signing in: where the user was when the session was missing or ended. */
export function loginPath(location: { pathname: string; search: string }, expired = false) {
  const next = `${location.pathname}${location.search}`;
  const query = new URLSearchParams({
    ...(next && next !== '/' ? { next } : {}),
    ...(expired ? { expired: '1' } : {}),
  });
  return `/login${query.size ? `?${query}` : ''}`;
}

/** Pages behind it need a session; without one (or when it expires) the user signs in and comes back here. */
export function RequireSession({ children }: { children: ReactNode }) {
  const location = useLocation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const me = useMe();

  useEffect(() => {
    whenSessionEnds(() => {
      client.clear();
      void navigate(loginPath(window.location, true), { replace: true });
    });
  }, [client, navigate]);

  if (me.isPending) return <PageLoading />;
  if (me.error instanceof ApiProblem && me.error.status === 401)
    return <Navigate to={loginPath(location)} replace />;
  if (me.isError) return <PageError error={me.error} onRetry={() => void me.refetch()} />;
  return children;
}
