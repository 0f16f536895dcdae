import { environment } from './harness.js';
import type { OpenApiDocument } from './contract.js';
import type { Declaration, Subjects } from './access-rules.js';

/** One operation of the OpenAPI document, keyed as in test/support/access-rules.ts (`METHOD /path`, no /api/v1). */
export interface DocumentOperation {
  key: string;
  method: string;
  template: string;
  queryParameters: string[];
  bodySchema?: Record<string, unknown>;
  bodyMediaType?: string;
}

const PREFIX = '/api/v1';

type RawOperation = {
  parameters?: { in: string; name: string }[];
  requestBody?: { content?: Record<string, { schema?: Record<string, unknown> }> };
};

export function documentOperations(document: OpenApiDocument): DocumentOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, RawOperation>).map(([method, operation]) => {
      const template = path.startsWith(PREFIX) ? path.slice(PREFIX.length) : path;
      const [bodyMediaType, body] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
      return {
        key: `${method.toUpperCase()} ${template}`,
        method: method.toUpperCase(),
        template,
        queryParameters: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        bodySchema: body?.schema,
        bodyMediaType,
      };
    }),
  );
}

/** The operation's path with its parameters filled in from the declaration; throws when one is not declared. */
export function concretePath(
  operation: DocumentOperation,
  declaration: Declaration,
  subjects: Subjects,
): string {
  const params = declaration.params?.(subjects) ?? {};
  return operation.template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (params[name] === undefined)
      throw new Error(`${operation.key}: the declaration gives no value for the path parameter ${name}`);
    return encodeURIComponent(String(params[name]));
  });
}

export interface RawAnswer {
  status: number;
  contentType: string;
  text: string;
  /** The request did not answer within the timeout. */
  timedOut?: boolean;
}

/**
 * A request as a hostile client sends it: raw text or JSON, no contract check on the answer (the suites judge it),
 * and a timeout so a request that hangs is a finding, not a stuck suite.
 */
export async function rawRequest(
  method: string,
  pathAndQuery: string,
  options: { token?: string; body?: string | FormData; contentType?: string; timeoutMs?: number } = {},
): Promise<RawAnswer> {
  try {
    const response = await fetch(`${environment.apiUrl}${pathAndQuery}`, {
      method,
      headers: {
        ...(options.body === undefined || options.body instanceof FormData
          ? {}
          : { 'content-type': options.contentType ?? 'application/json' }),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      body: options.body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      text: await response.text(),
    };
  } catch (error) {
    if ((error as Error).name === 'TimeoutError')
      return { status: 0, contentType: '', text: '', timedOut: true };
    throw error;
  }
}
