/**
 * The API's machine-readable contract: the OpenAPI 3.1 document at /api/docs-json, built from the same zod schemas
 * that validate requests and type responses, so the document cannot drift from the code. One declaration per route:
 *
 *   - Inputs need nothing more than their validation: `@Body(new ZodPipe(schema))` and `@Query(new ZodPipe(schema))` are
 *     read back and documented as the request body and the query parameters; `@Param('id', ParseUUIDPipe)` becomes a
 *     uuid path parameter. A body schema is a component named after its route (`TasksCompleteBody`) unless it was
 *     given a name with `named()`.
 *   - The success response: `@Responds(schema)` where `schema = named('TaskView', z.object(…))` (status: 201 for a POST,
 *     200 otherwise, or the route's @HttpCode; give another as the second argument). `@Responds(page(schema))` for
 *     `{items, total}` lists, `@RespondsFile('text/html', …)` for files and documents, `@RespondsEmpty()` for a 204.
 *   - Problems: `@Problems(403, 409, 422)` lists the statuses a route may answer besides the ones every route gets —
 *     400 when it takes input, 401 unless @Public, 404 when its path names something, and a default problem+json.
 *
 * `@Responds` is typed: it does not compile on a route whose return value does not fit the schema. A view built by a
 * function is checked against its schema too (`satisfies z.infer<typeof schema>`), so the schema is the one
 * definition of the shape. test/contract.e2e.spec.ts fails for a route without a success response; the e2e harness
 * (test/support/contract.ts) validates every response it receives against this document.
 *
 * Moving a route over (the calendar's are next): drop its `@ApiBody({ schema: openApiSchema(…) })` (the ZodPipe
 * documents the body), name the view's schema with `named()`, add `@Responds(…)` and `@Problems(…)`, and take the
 * route off AWAITING_SCHEMAS in test/contract.e2e.spec.ts. A field added to a view goes into its schema first.
 */
import { HttpStatus, RequestMethod } from '@nestjs/common';
import {
  HTTP_CODE_METADATA,
  METHOD_METADATA,
  PATH_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ParseUUIDPipe } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';
import { PROBLEM_TYPE_BASE, PROBLEM_KINDS } from '../../../../libs/domain/errors.js';
import { IS_PUBLIC } from '../auth/auth.decorators.js';
import { ZodPipe } from './zod.js';

type JsonSchema = Record<string, unknown>;

const NAMES = new Map<z.ZodType, string>();
const BY_NAME = new Map<string, z.ZodType>();

/** Gives a schema its component name in the document (`#/components/schemas/<name>`); returns the schema. */
export function named<T extends z.ZodType>(name: string, schema: T): T {
  const taken = BY_NAME.get(name);
  if (taken && taken !== schema) throw new Error(`two schemas are named ${name}`);
  NAMES.set(schema, name);
  BY_NAME.set(name, schema);
  return schema;
}

const PAGES = new Map<z.ZodType, z.ZodType>();

/** `{items: T[], total}`, named `<T>Page`. */
export function page<T extends z.ZodType>(item: T) {
  const itemName = NAMES.get(item);
  if (!itemName) throw new Error('page(): name the item schema first');
  const existing = PAGES.get(item) as z.ZodObject<{ items: z.ZodArray<T>; total: z.ZodNumber }> | undefined;
  if (existing) return existing;
  const schema = named(`${itemName}Page`, z.object({ items: z.array(item), total: z.number().int().min(0) }));
  PAGES.set(item, schema);
  return schema;
}

/** RFC 9457 problem details, as every error leaves the API (problem-details.filter.ts). */
export const problemSchema = named(
  'Problem',
  z.object({
    type: z
      .string()
      .describe(
        `a stable URI per kind of problem: ${PROBLEM_TYPE_BASE}<kind>, kind one of ${PROBLEM_KINDS.join(', ')}`,
      ),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z
      .array(
        named(
          'FieldProblem',
          z.object({
            field: z.string().describe("the field's path, dot-separated (`dataItems.0.name`), or `(body)`"),
            path: z
              .array(z.union([z.string(), z.number()]))
              .optional()
              .describe('the same path as a list of keys and indexes'),
            message: z.string(),
          }),
        ),
      )
      .optional(),
  }),
);

type Success =
  | { kind: 'json'; schema: z.ZodType; status?: number }
  | { kind: 'file'; mediaTypes: string[]; status?: number }
  | { kind: 'empty'; status: number };

const SUCCESS = 'contract:success';
const PROBLEMS = 'contract:problems';

/** A route may answer successes in several ways (health: 200 or 503 with the same body); each decorator adds one. */
function addSuccess(handler: object, success: Success) {
  const existing = (Reflect.getMetadata(SUCCESS, handler) as Success[] | undefined) ?? [];
  Reflect.defineMetadata(SUCCESS, [...existing, success], handler);
}

function onMethod(apply: (handler: object) => void): MethodDecorator {
  return (_target, _key, descriptor) => {
    apply(descriptor.value as object);
    return descriptor;
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a route's parameters are its own
type Handler<T> = (...args: any[]) => T | Promise<T>;

/**
 * The route's success response: a named zod schema. Typed: the compiler refuses the decorator on a route whose
 * return value does not fit the schema, so the document says what the code returns.
 */
export function Responds<S extends z.ZodType>(schema: S, status?: number) {
  if (!NAMES.has(schema)) throw new Error('Responds(): give the schema a name with named()');
  return <H extends Handler<z.output<S>>>(
    _target: object,
    _key: string | symbol,
    descriptor: TypedPropertyDescriptor<H>,
  ) => {
    addSuccess(descriptor.value as object, { kind: 'json', schema, status });
  };
}

/** The route answers with a file or a rendered document in one of these media types. */
export function RespondsFile(...mediaTypes: string[]): MethodDecorator {
  return onMethod((handler) => addSuccess(handler, { kind: 'file', mediaTypes }));
}

/** The route answers with no body (204 unless told). */
export function RespondsEmpty(status = 204): MethodDecorator {
  return onMethod((handler) => addSuccess(handler, { kind: 'empty', status }));
}

/** Problem statuses the route may answer besides 400/401/404 and the default, which every route gets where they apply. */
export function Problems(...statuses: number[]): MethodDecorator {
  return onMethod((handler) => {
    const existing = (Reflect.getMetadata(PROBLEMS, handler) as number[] | undefined) ?? [];
    Reflect.defineMetadata(PROBLEMS, [...existing, ...statuses], handler);
  });
}

interface RouteArgument {
  index: number;
  data?: string;
  pipes?: unknown[];
}

/** Date values leave the API as ISO-8601 strings (JSON.stringify). */
function override(context: { zodSchema: unknown; jsonSchema: JsonSchema }) {
  const def = (context.zodSchema as { _zod?: { def?: { type?: string } } })._zod?.def;
  if (def?.type === 'date') {
    context.jsonSchema.type = 'string';
    context.jsonSchema.format = 'date-time';
  }
}

function componentsOf(schemas: Map<z.ZodType, string>, io: 'input' | 'output'): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [schema, id] of schemas) registry.add(schema, { id });
  const { schemas: generated } = z.toJSONSchema(registry, {
    io,
    unrepresentable: 'any',
    override,
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, JsonSchema> };
  for (const schema of Object.values(generated)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return generated;
}

function inlineInput(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', override }) as JsonSchema;
  delete json.$schema;
  return json;
}

const pascal = (text: string) =>
  text.replace(/(^|[-_\s])(\w)/g, (_, _sep: string, c: string) => c.toUpperCase());

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function problemResponse(status: number) {
  return {
    description: HttpStatus[status]?.toLowerCase().replace(/_/g, ' ') ?? 'problem',
    content: { 'application/problem+json': { schema: ref('Problem') } },
  };
}

/** Operations the document lists without a success response: for the contract test to name. */
export function undocumentedOperations(document: OpenAPIObject): string[] {
  const missing: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(
      item as Record<string, { responses?: Record<string, unknown> }>,
    )) {
      if (!operation?.responses) continue;
      if (!Object.keys(operation.responses).some((status) => /^2\d\d$/.test(status)))
        missing.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return missing;
}

/**
 * Completes the document @nestjs/swagger built from the routes: request bodies and query parameters from their
 * ZodPipes, responses from @Responds/@RespondsFile/@RespondsEmpty and @Problems, and the named schemas as components.
 */
export function completeContract(app: INestApplication, document: OpenAPIObject): OpenAPIObject {
  document.openapi = '3.1.0';
  const operations = new Map<string, Record<string, unknown>>();
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item as Record<string, Record<string, unknown>>)) {
      if (operation && typeof operation === 'object' && typeof operation.operationId === 'string')
        operations.set(operation.operationId, operation);
    }
  }

  const inputNames = new Map<z.ZodType, string>();
  const usedOutputs = new Set<z.ZodType>();

  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const base = controller.name.replace(/Controller$/, '');
      const classPublic = Reflect.getMetadata(IS_PUBLIC, controller) === true;
      for (const key of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[key];
        if (
          key === 'constructor' ||
          typeof handler !== 'function' ||
          Reflect.getMetadata(PATH_METADATA, handler) === undefined
        )
          continue;
        const operation = operations.get(`${controller.name}_${key}`);
        if (!operation) continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, key) ?? {}) as Record<
          string,
          RouteArgument
        >;
        let takesInput = false;
        const parameters = ((operation.parameters as Record<string, unknown>[] | undefined) ?? []).filter(
          (p) => p.in === 'path' || p.in === 'header',
        );

        for (const [slot, argument] of Object.entries(args)) {
          const type = Number(slot.split(':')[0]);
          const zodPipe = argument.pipes?.find((pipe): pipe is ZodPipe<z.ZodType> => pipe instanceof ZodPipe);
          if (type === RouteParamtypes.BODY && zodPipe) {
            takesInput = true;
            const name =
              NAMES.get(zodPipe.schema) ?? inputNames.get(zodPipe.schema) ?? `${base}${pascal(key)}Body`;
            inputNames.set(zodPipe.schema, name);
            operation.requestBody = {
              required: true,
              content: { 'application/json': { schema: ref(name) } },
            };
          } else if (type === RouteParamtypes.QUERY && zodPipe) {
            takesInput = true;
            const json = inlineInput(zodPipe.schema) as {
              properties?: Record<string, JsonSchema>;
              required?: string[];
            };
            for (const [name, schema] of Object.entries(json.properties ?? {})) {
              const { description, ...rest } = schema;
              parameters.push({
                name,
                in: 'query',
                required: json.required?.includes(name) ?? false,
                schema: rest,
                ...(description ? { description } : {}),
              });
            }
          } else if (type === RouteParamtypes.PARAM) {
            takesInput = true;
            const parameter = parameters.find((p) => p.in === 'path' && p.name === argument.data);
            if (
              parameter &&
              argument.pipes?.some((pipe) => pipe === ParseUUIDPipe || pipe instanceof ParseUUIDPipe)
            ) {
              parameter.schema = { type: 'string', format: 'uuid' };
            } else if (parameter && zodPipe) {
              parameter.schema = inlineInput(zodPipe.schema);
            }
          } else if (type === RouteParamtypes.BODY && operation.requestBody && !zodPipe) {
            takesInput = true;
          }
        }
        operation.parameters = parameters;
        if (
          !operation.requestBody &&
          (method === RequestMethod.POST || method === RequestMethod.PUT || method === RequestMethod.PATCH)
        ) {
          delete operation.requestBody;
        }

        const responses: Record<string, unknown> = {};
        const successes = (Reflect.getMetadata(SUCCESS, handler) as Success[] | undefined) ?? [];
        const defaultStatus =
          (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ??
          (method === RequestMethod.POST ? 201 : 200);
        for (const success of successes) {
          if (success.kind === 'json') {
            usedOutputs.add(success.schema);
            responses[String(success.status ?? defaultStatus)] = {
              description: 'success',
              content: { 'application/json': { schema: ref(NAMES.get(success.schema)!) } },
            };
          } else if (success.kind === 'file') {
            responses[String(success.status ?? defaultStatus)] = {
              description: 'the file',
              content: Object.fromEntries(
                success.mediaTypes.map((type) => [
                  type,
                  { schema: { type: 'string', contentMediaType: type } },
                ]),
              ),
            };
          } else {
            responses[String(success.status)] = { description: 'done; no content' };
          }
        }
        const isPublic = classPublic || Reflect.getMetadata(IS_PUBLIC, handler) === true;
        const problemStatuses = new Set<number>([
          ...(takesInput ? [400] : []),
          ...(isPublic ? [] : [401]),
          ...(parameters.some((p) => p.in === 'path') ? [404] : []),
          ...((Reflect.getMetadata(PROBLEMS, handler) as number[] | undefined) ?? []),
        ]);
        for (const status of [...problemStatuses].sort()) responses[String(status)] ??= problemResponse(status);
        responses.default = {
          description: 'any other problem',
          content: { 'application/problem+json': { schema: ref('Problem') } },
        };
        operation.responses = responses;
      }
    }
  }

  const outputs = new Map<z.ZodType, string>(NAMES);
  const inputs = new Map<z.ZodType, string>();
  for (const [schema, name] of inputNames) if (!NAMES.has(schema)) inputs.set(schema, name);
  // A named schema used as a body is documented as its input form, under its own name.
  const bodiesNamed = [...inputNames.keys()].filter(
    (schema) => NAMES.has(schema) && !usedOutputs.has(schema),
  );
  for (const schema of bodiesNamed) {
    outputs.delete(schema);
    inputs.set(schema, NAMES.get(schema)!);
  }
  document.components = {
    ...document.components,
    schemas: { ...componentsOf(outputs, 'output'), ...componentsOf(inputs, 'input') },
  };
  return document;
}
