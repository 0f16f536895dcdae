import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import {
  ACCESS_RULES,
  AWAITING_RULES,
  allows,
  type Caller,
  type Declaration,
  type Subjects,
} from './support/access-rules.js';
import { createSubjects, type SignedInCaller } from './support/access-subjects.js';
import { contract, type OpenApiDocument } from './support/contract.js';
import { environment } from './support/harness.js';
import {
  concretePath,
  documentOperations,
  rawRequest,
  type DocumentOperation,
} from './support/operations.js';

/**
 * The access-control matrix: every operation of the OpenAPI document × every caller (anonymous, and each role as a
 * member of department A, which owns the subjects, and of department B), judged by the rule declared for the
 * operation in test/support/access-rules.ts. Generated from the document, so a route added without a rule fails here.
 */

const REFUSED = new Set([401, 403, 404]);

interface Cell {
  operation: string;
  caller: string;
  expected: 'allowed' | 'refused';
  status: number;
  problem?: string;
}

describe('the access-control matrix (every operation × every caller)', () => {
  let document: OpenApiDocument;
  let operations: DocumentOperation[];
  /** The operations with a declared rule (the others are AWAITING_RULES). */
  let declared: DocumentOperation[];
  let subjects: Subjects;
  let callers: (SignedInCaller | { caller: 'anonymous'; label: string; client?: undefined })[];

  beforeAll(async () => {
    document = (await contract(environment.apiUrl)).document;
    operations = documentOperations(document);
    declared = operations.filter((op) => !AWAITING_RULES.includes(op.key));
    const created = await createSubjects('MATRIX', 1);
    subjects = created.subjects;
    callers = [{ caller: 'anonymous', label: 'anonymous' }, ...created.callers];
  }, 300_000);

  it('declares a rule for every operation of the document, and none for an operation it does not have', () => {
    const keys = operations.map((op) => op.key);
    expect(keys.filter((key) => !ACCESS_RULES[key]).sort()).toEqual([...AWAITING_RULES].sort());
    expect(Object.keys(ACCESS_RULES).filter((key) => !keys.includes(key))).toEqual([]);
  });

  it('declares bodies the document accepts', () => {
    const ajv = new Ajv2020({ strict: false });
    // ajv-formats is CommonJS; its default export arrives as the module object under Node's ESM (as in support/contract.ts).
    (
      (addFormatsModule as unknown as { default?: (a: Ajv2020) => void }).default ??
      (addFormatsModule as unknown as (a: Ajv2020) => void)
    )(ajv);
    ajv.addSchema({ $id: 'https://matrix.test/openapi.json', components: document.components ?? {} });
    const invalid: string[] = [];
    for (const op of operations) {
      const declaration = ACCESS_RULES[op.key];
      if (!op.bodySchema || !op.bodyMediaType?.includes('json') || !declaration) continue;
      if (!declaration.body) {
        invalid.push(`${op.key}: takes a JSON body, none declared`);
        continue;
      }
      const schema = JSON.parse(
        JSON.stringify(op.bodySchema).replaceAll(
          '"#/components/',
          '"https://matrix.test/openapi.json#/components/',
        ),
      );
      if (!ajv.validate(schema, declaration.body(subjects))) invalid.push(`${op.key}: ${ajv.errorsText()}`);
    }
    expect(invalid).toEqual([]);
  });

  it('refuses exactly the callers the rules refuse, and leaks nothing across departments', async () => {
    const cells: Cell[] = [];
    let skipped = 0;
    for (const op of [...declared].sort((a, b) => a.key.localeCompare(b.key))) {
      const declaration = ACCESS_RULES[op.key]!;
      const path = concretePath(op, declaration, subjects);
      const query = declaration.query ? `?${new URLSearchParams(declaration.query(subjects))}` : '';
      const sendTo = callers.filter((c) => !(declaration.refusalsOnly && allows(declaration.rule, c.caller)));
      skipped += callers.length - sendTo.length;
      const judge = async (c: (typeof callers)[number]) =>
        cells.push(await cell(op, declaration, c, `${path}${query}`, subjects));
      // Reads go to every caller at once; writes one at a time, so one caller's change is never raced by another's.
      if (op.method === 'GET') await Promise.all(sendTo.map(judge));
      else for (const c of sendTo) await judge(c);
    }

    const wrong = cells.filter((c) => c.problem);
    const refusals = cells.filter((c) => c.expected === 'refused' && !c.problem).length;
    const leaks = wrong.filter(
      (c) => c.expected === 'refused' && c.caller.endsWith('@B') && !REFUSED.has(c.status) && c.status < 500,
    );
    console.log(
      `access matrix: ${declared.length} operations × ${callers.length} callers = ${declared.length * callers.length} cells ` +
        `(${AWAITING_RULES.length} awaiting their rules); ` +
        `${cells.length} sent, ${skipped} allowed state-changing calls not sent (refusalsOnly); ${refusals} refusals as declared; ` +
        `${wrong.length} cells off their rule; ${leaks.length} cross-department leaks`,
    );
    expect(wrong.map((c) => `${c.operation} as ${c.caller}: ${c.problem}`)).toEqual([]);
    expect(leaks).toEqual([]);
    expect(cells.length).toBeGreaterThan(declared.length * 10);
  }, 600_000);
});

async function cell(
  op: DocumentOperation,
  declaration: Declaration,
  c: { caller: Caller; label: string; client?: { token?: string } },
  path: string,
  subjects: Subjects,
): Promise<Cell> {
  const expected = allows(declaration.rule, c.caller) ? 'allowed' : 'refused';
  // A write without a declared body (submit, retire…) sends `{}`, as the API's own client does.
  const body = declaration.multipart
    ? notAWorkbook()
    : declaration.body
      ? JSON.stringify(declaration.body(subjects))
      : op.method === 'GET'
        ? undefined
        : '{}';
  const answer = await rawRequest(op.method, path, { token: c.client?.token, body });
  const result: Cell = { operation: op.key, caller: c.label, expected, status: answer.status };
  if (answer.timedOut) result.problem = 'no answer within 30 s';
  else if (answer.status >= 500) result.problem = `answered ${answer.status}: ${answer.text.slice(0, 300)}`;
  else if (expected === 'refused') {
    const wanted = c.caller === 'anonymous' ? [401] : [403, 404];
    if (!wanted.includes(answer.status))
      result.problem = `expected ${wanted.join(' or ')}, answered ${answer.status}: ${answer.text.slice(0, 200)}`;
    else if (!answer.contentType.includes('application/problem+json'))
      result.problem = `a refusal as ${answer.contentType}`;
  } else if (REFUSED.has(answer.status))
    result.problem = `allowed by its rule, answered ${answer.status}: ${answer.text.slice(0, 200)}`;
  return result;
}

/** An upload in the right field that is no workbook: the caller's right to import is judged before its content. */
function notAWorkbook(): FormData {
  const form = new FormData();
  form.append('file', new Blob(['not a workbook']), 'matrix.xlsx');
  return form;
}
