import { adminPassword, anonymous, environment, ApiClient, createDepartmentWithPeople, login, requestAcknowledgement, sql } from './support/harness.js';

describe('health, documentation and errors', () => {
  it('reports every dependency healthy', async () => {
    const health = await anonymous.get('/health');
    expect(health).toMatchObject({ status: 200, body: { status: 'ok', checks: { database: 'ok', redis: 'ok', temporal: 'ok' } } });
  });

  it('serves the OpenAPI description', async () => {
    const response = await fetch(new URL('/api/docs-json', environment.apiUrl));
    expect(response.status).toBe(200);
    const document = (await response.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/tasks/{id}/complete', '/api/v1/auth/login']));
  });

  it('answers unknown routes and malformed JSON with problem+json', async () => {
    const admin = await login('admin', adminPassword());
    const unknown = await admin.get('/no-such-route');
    expect(unknown.status).toBe(404);
    expect(unknown.contentType).toContain('application/problem+json');
    expect(unknown.body).toMatchObject({ status: 404, title: expect.any(String), detail: expect.any(String) });

    const malformed = await admin.request('POST', '/departments', '{"code": ');
    expect(malformed.status).toBe(400);
    expect(malformed.contentType).toContain('application/problem+json');
  });
});

describe('authentication', () => {
  it('logs in, returns the user, and rejects bad credentials and tokens', async () => {
    const ok = await anonymous.post('/auth/login', { username: 'admin', password: adminPassword() });
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ username: 'admin', roles: ['admin'] });
    expect(ok.body.user.passwordHash).toBeUndefined();

    const me = await new ApiClient(ok.body.accessToken).get('/auth/me');
    expect(me.body).toMatchObject({ id: ok.body.user.id, username: 'admin', departmentId: expect.any(String), roles: ['admin'] });

    expect((await anonymous.post('/auth/login', { username: 'admin', password: 'wrong-password' })).status).toBe(401);
    expect((await anonymous.post('/auth/login', { username: 'nobody', password: 'whatever-1' })).status).toBe(401);
    expect((await anonymous.get('/auth/me')).status).toBe(401);
    expect((await new ApiClient('not-a-token').get('/auth/me')).status).toBe(401);
  });

  it('validates input with field errors and changes nothing', async () => {
    const admin = await login('admin', adminPassword());
    const before = await sql('select count(*)::int as n from department');
    const invalid = await admin.post('/departments', { code: '', name: 'x', level: 'province' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'code' }), expect.objectContaining({ field: 'level' })]),
    );
    const orphan = await admin.post('/departments', { code: 'ORPHAN-STREET', name: '无上级街道', level: 'street' });
    expect(orphan.status).toBe(422);
    expect(await sql('select count(*)::int as n from department')).toEqual(before);
  });
});

describe('roles and department scoping', () => {
  it('lets only administrators manage departments and users', async () => {
    const staff = await login('gongan.staff');
    expect((await staff.post('/departments', { code: 'X-1', name: '未授权', level: 'city' })).status).toBe(403);
    expect((await staff.get('/users')).status).toBe(403);
    expect((await staff.get('/departments')).status).toBe(200);
  });

  it('keeps one department out of another department’s tasks, filings and processes', async () => {
    const admin = await login('admin', adminPassword());
    const a = await createDepartmentWithPeople(admin, 'A');
    const b = await createDepartmentWithPeople(admin, 'B');
    const forB = await requestAcknowledgement(admin, b.id);
    const userA = await a.staff();
    const userB = await b.staff();

    expect((await userA.get('/tasks')).body.items.map((t: { id: string }) => t.id)).not.toContain(forB.taskId);
    expect((await userB.get('/tasks')).body.items.map((t: { id: string }) => t.id)).toContain(forB.taskId);
    expect((await userA.get(`/tasks/${forB.taskId}`)).status).toBe(404);
    expect((await userA.get(`/acknowledgements/${forB.acknowledgementId}`)).status).toBe(404);
    expect((await userA.post(`/tasks/${forB.taskId}/complete`, { outcome: 'acknowledge' })).status).toBe(403);

    expect((await userB.post(`/tasks/${forB.taskId}/complete`, { outcome: 'acknowledge' })).status).toBe(200);
    const filingsOfB = await userB.get(`/filings?subjectId=${forB.acknowledgementId}`);
    expect(filingsOfB.body.items).toHaveLength(1);
    expect((await userA.get(`/filings?subjectId=${forB.acknowledgementId}`)).body.items).toHaveLength(0);
    expect((await userA.get('/filings/verify')).status).toBe(403);
  });
});
