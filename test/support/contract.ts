import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

/**
 * The API's own OpenAPI document as the judge of every response the suites receive: the harness's ApiClient hands
 * each one to `contractProblem`, and a response its operation does not document (an undocumented status, a media
 * type it does not produce, a body its schema refuses) fails the test that received it.
 */
type Schema = Record<string, unknown>;
interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const DOCUMENT_ID = 'https://contract.test/openapi.json';
// ajv-formats is CommonJS; its default export arrives as the module object under Node's ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (
  ajv: Ajv2020,
) => void;

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  params: number;
  operation: Operation;
}

export class Contract {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly routes: Route[];
  private readonly validators = new Map<Schema, ValidateFunction>();

  constructor(readonly document: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: DOCUMENT_ID, components: document.components ?? {} });
    this.routes = Object.entries(document.paths)
      .flatMap(([template, item]) =>
        Object.entries(item).map(([method, operation]) => ({
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
          params: (template.match(/\{/g) ?? []).length,
          operation,
        })),
      )
      // A literal segment wins over a parameter (`/filings/verify` before `/filings/{id}`).
      .sort((a, b) => a.params - b.params);
  }

  /** Why the response does not fit the document, or undefined when it does (or its operation is not described yet). */
  problem(method: string, url: URL, status: number, contentType: string, body: unknown): string | undefined {
    const route = this.routes.find((r) => r.method === method && r.pattern.test(url.pathname));
    if (!route) {
      return status === 404 || status === 405 ? undefined : `${method} ${url.pathname} is not in the OpenAPI document (answered ${status})`;
    }
    const responses = route.operation.responses ?? {};
    if (!Object.keys(responses).some((code) => /^2\d\d$/.test(code))) return undefined; // contract.spec names these
    const response = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
    const where = `${method} ${route.template} → ${status}`;
    if (!response) return `${where}: the status is not documented`;
    if (!response.content) return body === '' || body === undefined ? undefined : `${where}: documented without a body, answered one`;
    const mediaType = contentType.split(';')[0]!.trim();
    const content = response.content[mediaType];
    if (!content) return `${where}: answered ${mediaType}, documented ${Object.keys(response.content).join(', ')}`;
    if (!mediaType.includes('json') || !content.schema) return undefined;
    const validate = this.validator(content.schema);
    if (validate(body)) return undefined;
    const errors = (validate.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || '(body)'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
    return `${where}: the body does not match its schema: ${errors.join('; ')}\n${JSON.stringify(body).slice(0, 1500)}`;
  }

  private validator(schema: Schema): ValidateFunction {
    let validate = this.validators.get(schema);
    if (!validate) {
      // Component references resolve against the document, added above under its own id.
      const rebased = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', `"${DOCUMENT_ID}#/components/`)) as Schema;
      validate = this.ajv.compile(rebased);
      this.validators.set(schema, validate);
    }
    return validate;
  }
}

let loading: Promise<Contract> | undefined;

/** The document the API under test serves, fetched once per suite. */
export function contract(apiUrl: string): Promise<Contract> {
  loading ??= (async () => {
    const response = await fetch(new URL('/api/docs-json', apiUrl));
    if (!response.ok) throw new Error(`the OpenAPI document: ${response.status}`);
    return new Contract((await response.json()) as OpenApiDocument);
  })();
  return loading;
}
