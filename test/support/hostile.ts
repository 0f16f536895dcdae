import fc from 'fast-check';

/**
 * Hostile values for the fuzz stage (test/fuzz.e2e.spec.ts), derived from the OpenAPI schema of each body and query:
 * the wrong type for what the schema asks, NUL bytes and lone surrogates, huge and negative numbers, 1 MB strings,
 * deep nesting, invalid dates, missing required fields and fields the schema does not have.
 */
export type Schema = Record<string, any>;

const MEGABYTE = 1 << 20;

/** Strings no field should take in, and a few that look like other things (operators, paths, dates that are not). */
const nastyString = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfffy',
    '\udc00\ud800',
    '',
    '   ',
    '%00',
    '{"$ne":null}',
    "' OR 1=1 --",
    '../../../etc/passwd',
    '<script>alert(1)</script>',
    '2099-02-30',
    '0000-01-01',
    '9999-12-31T00:00:00+08:00',
    '2026-13-01T00:00:00Z',
    '2026-02-29',
    'P14350000W',
    '200000wd',
    '-5wd',
    'NaN',
    'Infinity',
    '1e308',
    '-1',
    '99999999999999999999999999',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    '00000000-0000-0000-0000-000000000000',
    '\u202e\u0000\ufeff',
  ),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.string({ maxLength: 32 }).map((s) => `${s}\u0000${s}`),
  fc.integer({ min: 1, max: 4 }).map((n) => 'x'.repeat(n * (MEGABYTE / 4))),
  fc.integer({ min: 1000, max: 20_000 }).map((n) => '汉'.repeat(n)),
);

const nastyNumber = fc.oneof(
  fc.constantFrom(
    1e308,
    -1e308,
    -1,
    0,
    -0,
    0.5,
    2 ** 53 + 1,
    -(2 ** 53) - 1,
    Number.MAX_SAFE_INTEGER,
    5e-324,
    1e21,
    2 ** 31,
    -(2 ** 31) - 1,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Arrays or objects nested a thousand deep (deeper ones are sent as raw text: the test's own JSON.stringify recurses). */
const deepNesting = fc.tuple(fc.integer({ min: 50, max: 1000 }), fc.boolean()).map(([depth, arrays]) => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = arrays ? [value] : { a: value };
  return value;
});

const nastyKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    '$where',
    '',
    '\u0000',
    'id',
    'status',
    'departmentId',
    'roles',
  ),
  fc.string({ maxLength: 16 }),
);

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  nastyNumber,
  nastyString,
  deepNesting,
  fc.jsonValue({ maxDepth: 4 }),
  fc.array(fc.constant(0), { minLength: 10_000, maxLength: 20_000 }),
  fc.dictionary(nastyKey, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 8 }),
);

/** A value of the wrong kind for the schema, or of the right kind but outside anything it should accept. */
export function hostileFor(schema: Schema): fc.Arbitrary<unknown> {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return fc.oneof(
        nastyString,
        nastyNumber,
        fc.boolean(),
        fc.constant(null),
        deepNesting,
        fc.array(nastyString, { maxLength: 3 }),
        fc.dictionary(nastyKey, nastyString, { maxKeys: 3 }),
      );
    case 'integer':
    case 'number':
      return fc.oneof(
        nastyNumber,
        nastyString,
        fc.boolean(),
        fc.constant(null),
        fc.array(nastyNumber, { maxLength: 3 }),
        deepNesting,
      );
    case 'boolean':
      return fc.oneof(fc.constantFrom('true', 'false', 0, 1, null, '', []), nastyString);
    case 'array':
      return fc.oneof(
        nastyString,
        nastyNumber,
        fc.dictionary(nastyKey, anyValue, { maxKeys: 3 }),
        deepNesting,
        fc.array(schema.items ? hostileFor(schema.items) : anyValue, { minLength: 1, maxLength: 4 }),
        fc.array(fc.constant('x'), { minLength: 5_000, maxLength: 10_000 }),
      );
    case 'object':
      return fc.oneof(
        nastyString,
        nastyNumber,
        fc.array(anyValue, { maxLength: 3 }),
        deepNesting,
        fc.dictionary(nastyKey, anyValue, { maxKeys: 6 }),
      );
    default:
      return anyValue;
  }
}

/** Resolves `#/components/schemas/X` (and the first branch of anyOf/oneOf) against the document's components. */
export function resolver(components: Record<string, Schema>) {
  const resolve = (schema: Schema | undefined): Schema => {
    if (!schema) return {};
    if (typeof schema.$ref === 'string') return resolve(components[schema.$ref.split('/').pop()!]);
    const union = schema.anyOf ?? schema.oneOf;
    if (Array.isArray(union)) return resolve(union.find((s: Schema) => s.type !== 'null') ?? union[0]);
    return schema;
  };
  return resolve;
}

export interface Field {
  path: (string | number)[];
  schema: Schema;
  required: boolean;
}

/** Every field the valid body has, with its schema: where a hostile value may go. */
export function fieldsOf(
  body: unknown,
  schema: Schema,
  resolve: (s: Schema | undefined) => Schema,
  path: (string | number)[] = [],
): Field[] {
  const resolved = resolve(schema);
  if (Array.isArray(body))
    return body.length ? fieldsOf(body[0], resolved.items ?? {}, resolve, [...path, 0]) : [];
  if (!body || typeof body !== 'object') return [];
  return Object.entries(body as Record<string, unknown>).flatMap(([key, value]) => {
    const child = resolve(resolved.properties?.[key] ?? resolved.additionalProperties ?? {});
    const here: Field = {
      path: [...path, key],
      schema: child,
      required: (resolved.required ?? []).includes(key),
    };
    return [here, ...fieldsOf(value, child, resolve, here.path)];
  });
}

function withValue(body: unknown, path: (string | number)[], value: unknown, remove = false): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let at: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (remove) delete at[last];
  else at[last] = value;
  return copy;
}

export type BodyCase = { what: string; text: string };

/** A hostile variant of a valid body: the serialized text sent, and what was done to it. */
export function hostileBodies(
  valid: unknown,
  schema: Schema,
  resolve: (s: Schema | undefined) => Schema,
): fc.Arbitrary<BodyCase> {
  const fields = fieldsOf(valid, schema, resolve);
  const json = (what: string, value: unknown): BodyCase => ({ what, text: JSON.stringify(value) ?? 'null' });
  const options: fc.Arbitrary<BodyCase>[] = [
    anyValue.map((value) => json('the whole body replaced', value)),
    fc
      .tuple(nastyKey, anyValue)
      .map(([key, value]) => ({
        what: `an extra field ${JSON.stringify(key)}`,
        text: JSON.stringify(valid).replace(
          /^\{/,
          `{${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'},`,
        ),
      })),
    fc
      .integer({ min: 10_000, max: 100_000 })
      .map((depth) => ({
        what: `arrays nested ${depth} deep`,
        text: `${'['.repeat(depth)}${']'.repeat(depth)}`,
      })),
    fc
      .constantFrom(
        '{',
        '{"a":',
        '[',
        '"\\u0000"',
        '\u0000',
        '{"a":1,"a":2}',
        '{"__proto__":{"isAdmin":true}}',
        '\ufeff{}',
        '1e999999',
        '{"x":"\\ud800"}',
      )
      .map((text) => ({ what: 'malformed or odd JSON text', text })),
  ];
  if (fields.length) {
    options.push(
      fc
        .constantFrom(...fields)
        .chain((field) =>
          hostileFor(field.schema).map((value) =>
            json(`${field.path.join('.')} = hostile`, withValue(valid, field.path, value)),
          ),
        ),
    );
    const required = fields.filter((f) => f.required);
    if (required.length)
      options.push(
        fc
          .constantFrom(...required)
          .map((field) =>
            json(`${field.path.join('.')} missing`, withValue(valid, field.path, undefined, true)),
          ),
      );
  }
  return fc.oneof(...options);
}

/** A hostile query: the valid one with some parameters given hostile values, repeated, or nested. */
export function hostileQueries(
  valid: Record<string, string>,
  names: string[],
): fc.Arbitrary<{ what: string; query: string }> {
  const queryValue = fc.oneof(
    nastyString.filter((s) => s.length <= 20_000),
    fc.constantFrom(
      '1e308',
      '-1',
      '-99999999999999',
      '2.5',
      'true',
      '[]',
      '{}',
      'null',
      'undefined',
      '2099-02-30',
      '0000-01-01',
      '9999-12-31T00:00:00+08:00',
      'P14350000W',
      '200000wd',
      '%00',
    ),
    fc.integer({ min: 5_000, max: 30_000 }).map((n) => 'q'.repeat(n)),
  );
  return fc
    .tuple(
      fc.subarray(names, { minLength: 1 }),
      fc.array(queryValue, { minLength: 1, maxLength: 4 }),
      fc.constantFrom('plain', 'repeated', 'nested'),
    )
    .map(([chosen, values, shape]) => {
      const params = new URLSearchParams(valid);
      chosen.forEach((name, i) => {
        const value = values[i % values.length]!;
        if (shape === 'repeated') {
          params.delete(name);
          params.append(name, value);
          params.append(name, values[(i + 1) % values.length]!);
        } else if (shape === 'nested') {
          params.delete(name);
          params.append(`${name}[$ne]`, value);
        } else params.set(name, value);
      });
      return { what: `${shape} ${chosen.join(',')}`, query: params.toString() };
    });
}
