import SwaggerParser from '@apidevtools/swagger-parser';
import openapiTS, { astToString } from 'openapi-typescript';
import { contract, type OpenApiDocument } from './support/contract.js';
import { adminPassword, createDepartmentWithPeople, environment, login, requestAcknowledgement, type ApiClient } from './support/harness.js';

const PROBLEMS = 'https://gov-data-sharing.example/problems/';

/**
 * Routes still without a success response, by name: the calendar's are being rewritten on their own branch and will
 * declare theirs with @Responds (apps/api/src/common/contract.ts). The list must be exactly what is missing, so a
 * route added without a schema fails here, and so does one that gained a schema but was left on the list.
 */
/**
 * Routes still to be described (the filing campaigns and theme libraries, which landed beside the contract work):
 * each is to get its `@Responds`/`@Problems` and leave this list, which the test holds exactly.
 */
const AWAITING_SCHEMAS: string[] = [
  'POST /api/v1/campaigns',
  'GET /api/v1/campaigns/presets',
  'POST /api/v1/campaigns/presets/{key}/start',
  'GET /api/v1/campaigns/filings/{id}',
  'GET /api/v1/campaigns/filings/{id}/verify',
  'GET /api/v1/campaigns/filings/{id}/attachments/{sha256}',
  'GET /api/v1/campaigns/{id}',
  'GET /api/v1/campaigns/{id}/roll',
  'GET /api/v1/campaigns/{id}/phases/{phase}/prefill',
  'POST /api/v1/campaigns/{id}/phases/{phase}/filings',
  'POST /api/v1/themes',
  'GET /api/v1/themes',
  'GET /api/v1/themes/{id}',
  'POST /api/v1/themes/{id}/resources',
  'POST /api/v1/themes/{id}/resources/{resourceId}/decision',
];

type Operation = { operationId: string; responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> };

function operations(document: OpenApiDocument): [string, Operation][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(([method, operation]): [string, Operation] => [`${method.toUpperCase()} ${path}`, operation]),
  );
}

describe('the API contract (OpenAPI 3.1 at /api/docs-json)', () => {
  let document: OpenApiDocument;
  let admin: ApiClient;

  beforeAll(async () => {
    document = (await contract(environment.apiUrl)).document;
    admin = await login('admin', adminPassword());
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(document.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('describes the success response of every operation with a named component schema', () => {
    const all = operations(document);
    const missing = all.filter(([, op]) => !Object.keys(op.responses).some((status) => /^2\d\d$/.test(status))).map(([name]) => name);
    expect(missing.sort()).toEqual([...AWAITING_SCHEMAS].sort());

    const schemas = document.components?.schemas ?? {};
    for (const [name, operation] of all) {
      for (const [status, response] of Object.entries(operation.responses)) {
        for (const [mediaType, content] of Object.entries(response.content ?? {})) {
          if (!mediaType.includes('json')) continue;
          const ref = content.schema?.$ref;
          expect({ name, status, ref }).toEqual({ name, status, ref: expect.stringMatching(/^#\/components\/schemas\/\w+$/) });
          expect(schemas[ref!.split('/').pop()!]).toBeDefined();
        }
      }
    }
    // Every problem status documents problem+json.
    const tasksComplete = document.paths['/api/v1/tasks/{id}/complete']!.post!.responses!;
    expect(Object.keys(tasksComplete)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '409', '422', 'default']));
    expect(tasksComplete['409']!.content!['application/problem+json']!.schema).toEqual({ $ref: '#/components/schemas/Problem' });
  });

  it('generates client types (openapi-typescript) with no unknown body for a documented route', async () => {
    const types = astToString(await openapiTS(structuredClone(document) as never));
    expect(types).toContain('"application/json": components["schemas"]["TaskView"]');
    expect(types).not.toMatch(/"application\/(problem\+)?json": unknown/);
    // Each documented JSON body names its component, never an inline `unknown`/`Record<string, never>`.
    const bodies = [...types.matchAll(/"application\/(?:problem\+)?json": ([^;]+);/g)].map((match) => match[1]!);
    expect(bodies.length).toBeGreaterThan(100);
    expect(bodies.filter((body) => !/^components\["schemas"\]\["\w+"\]$/.test(body))).toEqual([]);
  });

  it('publishes what each task kind offers, and every task carries its outcomes and display names', async () => {
    const kinds = await admin.get('/task-kinds');
    expect(kinds.status).toBe(200);
    const review = kinds.body.items.find((kind: { kind: string }) => kind.kind === 'collection_review');
    expect(review).toMatchObject({ label: '采集登记审核', assigneeRoles: ['statistics_bureau', 'info_office'] });
    expect(review.outcomes).toEqual([
      { outcome: 'approve', label: '通过', commentRequired: false, payloadSchema: null },
      { outcome: 'reject', label: '不予通过', commentRequired: true, payloadSchema: null },
      {
        outcome: 'duplicate',
        label: '重复采集',
        commentRequired: false,
        payloadSchema: expect.objectContaining({ type: 'object', required: ['of'] }),
      },
    ]);

    const department = await createDepartmentWithPeople(admin, 'CONTRACT');
    const { taskId } = await requestAcknowledgement(admin, department.id);
    const staff = await department.staff();
    const task = await staff.get(`/tasks/${taskId}`);
    expect(task.body).toMatchObject({
      kind: 'acknowledgement',
      kindLabel: '通知确认',
      assigneeDepartmentId: department.id,
      assigneeDepartment: { id: department.id, name: expect.stringContaining(department.code) },
      outcomes: [
        { outcome: 'acknowledge', label: '确认', commentRequired: false, payloadSchema: null },
        { outcome: 'decline', label: '拒绝', commentRequired: true, payloadSchema: null },
      ],
    });
    const inbox = await staff.get('/tasks?kind=acknowledgement');
    expect(inbox.body.items.find((item: { id: string }) => item.id === taskId)).toEqual(task.body);
  });

  it('answers each kind of problem with its own stable type and the fields at fault', async () => {
    const department = await createDepartmentWithPeople(admin, 'PROBLEMS');
    const { taskId } = await requestAcknowledgement(admin, department.id);
    const staff = await department.staff();

    const invalid = await admin.post('/departments', { code: '', name: 'x', level: 'nowhere' });
    expect(invalid.body).toMatchObject({ type: `${PROBLEMS}validation`, status: 400 });
    expect(invalid.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'code', path: ['code'], message: expect.any(String) },
        { field: 'level', path: ['level'], message: expect.any(String) },
      ]),
    );

    expect((await staff.get('/tasks/00000000-0000-4000-8000-000000000000')).body).toMatchObject({ type: `${PROBLEMS}not-found`, status: 404 });
    const outsider = await login('minzheng.staff');
    // Another department's task is not theirs to see: 404, as for an unknown id (no existence oracle).
    expect((await outsider.post(`/tasks/${taskId}/complete`, { outcome: 'acknowledge' })).body).toMatchObject({ type: `${PROBLEMS}not-found`, status: 404 });
    expect((await outsider.put('/calendar/days/2026-12-28', { isWorkingDay: false, note: '' })).body).toMatchObject({ type: `${PROBLEMS}forbidden`, status: 403 });
    expect((await staff.post(`/tasks/${taskId}/complete`, { outcome: 'decline' })).body).toMatchObject({
      type: `${PROBLEMS}reasons-required`,
      status: 422,
      errors: [{ field: 'comment', message: "outcome 'decline' requires a comment giving the reasons" }],
    });
    expect((await staff.post(`/tasks/${taskId}/complete`, { outcome: 'approve' })).body).toMatchObject({
      type: `${PROBLEMS}outcome-not-allowed`,
      status: 422,
      errors: [{ field: 'outcome', message: expect.stringContaining('expected one of: acknowledge, decline') }],
    });
    expect((await staff.post(`/tasks/${taskId}/complete`, { outcome: 'acknowledge' })).status).toBe(200);
    expect((await staff.post(`/tasks/${taskId}/complete`, { outcome: 'acknowledge' })).body).toMatchObject({
      type: `${PROBLEMS}task-not-open`,
      status: 409,
    });
    expect((await staff.get('/tasks')).status).toBe(200);
  });

  it('fails a response that does not match its schema', async () => {
    const { Contract } = await import('./support/contract.js');
    const checked = new Contract(document);
    const url = new URL(`${environment.apiUrl}/task-kinds`);
    expect(checked.problem('GET', url, 200, 'application/json', { items: [], total: 0 })).toBeUndefined();
    expect(checked.problem('GET', url, 200, 'application/json', { items: [{ kind: 'no_such_kind' }], total: 0 })).toMatch(/does not match its schema/);
    expect(checked.problem('GET', url, 418, 'application/json', {})).toMatch(/application\/json, documented application\/problem\+json/);
    expect(checked.problem('GET', url, 200, 'text/html', '<p>')).toMatch(/answered text\/html/);
  });
});
