import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { ApiProblem, toProblem } from './problem';

/** The CSRF cookie the login sets (readable), echoed on every change: the API refuses a cookie-authenticated change without it. */
const CSRF_COOKIE = 'govshare_csrf';
const CSRF_HEADER = 'X-CSRF-Token';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function csrfToken(): string | undefined {
  return document.cookie
    .split('; ')
    .find((part) => part.startsWith(`${CSRF_COOKIE}=`))
    ?.slice(CSRF_COOKIE.length + 1);
}

/** Called when the session has ended (401): the app sends the user to the login page and back afterwards. */
let onSessionEnded: () => void = () => undefined;
export function whenSessionEnds(handler: () => void) {
  onSessionEnded = handler;
}

const session: Middleware = {
  onRequest({ request }) {
    const token = csrfToken();
    if (!SAFE.has(request.method) && token) request.headers.set(CSRF_HEADER, decodeURIComponent(token));
    return request;
  },
  onResponse({ request, response }) {
    // /auth/me answers 401 to a visitor who never signed in (RequireSession sends them to the login page);
    // any other 401 means a session that was there has ended.
    const path = new URL(request.url).pathname;
    if (response.status === 401 && !path.endsWith('/auth/login') && !path.endsWith('/auth/me'))
      onSessionEnded();
    return response;
  },
};

/** The typed client over the API's OpenAPI document (schema.d.ts is generated: npm run web:api-types). */
export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(session);

/** The data of an answer, or the problem+json it carried thrown as an ApiProblem (React Query shows it). */
export async function unwrap<T>(
  call: Promise<{ data?: unknown; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw toProblem(response.status, error);
  return data as T;
}

export { ApiProblem };
