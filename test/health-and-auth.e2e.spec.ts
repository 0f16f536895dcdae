import { createHmac } from 'node:crypto';
import { adminPassword, anonymous, environment, ApiClient, createDepartmentWithPeople, login, requestAcknowledgement, sql, unique } from './support/harness.js';

/** A token signed with the development secret the suite's API runs with, as anyone who read .env.example could. */
function forgeToken(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  const signature = createHmac('sha256', 'dev-only-secret-change-me-in-production').update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
}

let addressCounter = 0;
/** A client address of its own (the API trusts X-Forwarded-For from the loopback), so counts per address start at zero. */
function clientAddress(): string {
  return `198.51.100.${++addressCounter}`;
}

async function loginFrom(address: string, username: string, password: string) {
  const started = performance.now();
  const response = await fetch(`${environment.apiUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ username, password }),
  });
  const body = (await response.json()) as Record<string, any>;
  return { status: response.status, body, contentType: response.headers.get('content-type') ?? '', retryAfter: response.headers.get('retry-after'), ms: performance.now() - started };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

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

  it('refuses a token whose subject is not a UUID string, or that has no expiry, with 401 problem+json', async () => {
    const [admin] = await sql<{ id: string }>(`select id from app_user where username = 'admin'`);
    const exp = Math.floor(Date.now() / 1000) + 600;
    const valid = await new ApiClient(forgeToken({ sub: admin!.id, ver: 0, exp })).get('/auth/me');
    expect(valid).toMatchObject({ status: 200, body: { username: 'admin' } }); // the forgery itself is well made

    for (const claims of [{ sub: { $ne: null }, ver: 0, exp }, { sub: 'not-a-uuid', ver: 0, exp }, { sub: 42, ver: 0, exp }, { sub: admin!.id, ver: 0 }]) {
      const refused = await new ApiClient(forgeToken(claims)).get('/auth/me');
      expect({ claims, status: refused.status, contentType: refused.contentType }).toEqual({ claims, status: 401, contentType: expect.stringContaining('application/problem+json') });
    }
  });

  it('issues tokens that expire after the configured lifetime', async () => {
    const ok = await anonymous.post('/auth/login', { username: 'admin', password: adminPassword() });
    const claims = claimsOf(ok.body.accessToken);
    expect(claims).toMatchObject({ sub: ok.body.user.id, ver: expect.any(Number), exp: expect.any(Number) });
    expect((claims.exp as number) - (claims.iat as number)).toBe(8 * 3600);
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
    expect((await userA.post(`/tasks/${forB.taskId}/complete`, { outcome: 'acknowledge' })).status).toBe(404);

    expect((await userB.post(`/tasks/${forB.taskId}/complete`, { outcome: 'acknowledge' })).status).toBe(200);
    const filingsOfB = await userB.get(`/filings?subjectId=${forB.acknowledgementId}`);
    expect(filingsOfB.body.items).toHaveLength(1);
    expect((await userA.get(`/filings?subjectId=${forB.acknowledgementId}`)).body.items).toHaveLength(0);
    expect((await userA.get('/filings/verify')).status).toBe(403);
  });
});

describe('ending access', () => {
  it('ends every session of a user at once when an administrator disables them, and lets them back when enabled', async () => {
    const admin = await login('admin', adminPassword());
    const department = await createDepartmentWithPeople(admin, 'END');
    const staff = await department.staff();
    expect((await staff.get('/auth/me')).status).toBe(200);

    expect((await admin.post(`/users/${department.people.staff.id}/disable`)).body).toMatchObject({ active: false });
    const refused = await staff.get('/auth/me');
    expect(refused).toMatchObject({ status: 401, contentType: expect.stringContaining('application/problem+json') });
    expect((await anonymous.post('/auth/login', { username: department.people.staff.username, password: 'e2e-password' })).status).toBe(401);
    expect((await staff.post(`/users/${department.people.staff.id}/disable`)).status).toBe(401);

    expect((await admin.post(`/users/${department.people.staff.id}/enable`)).body).toMatchObject({ active: true });
    expect((await staff.get('/auth/me')).status).toBe(401); // the old token stays ended
    expect((await (await department.staff()).get('/auth/me')).status).toBe(200);

    expect((await (await department.staff()).post(`/users/${department.people.head.id}/disable`)).status).toBe(403);
    expect((await admin.post('/users/00000000-0000-4000-8000-000000000000/disable')).status).toBe(404);
  });

  it('ends a user’s sessions when their roles change or their password is reset or changed', async () => {
    const admin = await login('admin', adminPassword());
    const department = await createDepartmentWithPeople(admin, 'ROLE');
    const { head } = department.people;

    const beforeRoles = await department.head();
    expect((await admin.put(`/users/${head.id}/roles`, { roles: ['staff'] })).body).toMatchObject({ roles: ['staff'] });
    expect((await beforeRoles.get('/auth/me')).status).toBe(401);
    expect((await (await department.head()).get('/auth/me')).body.roles).toEqual(['staff']);
    expect((await admin.put(`/users/${head.id}/roles`, { roles: ['emperor'] })).status).toBe(400);

    const beforeReset = await department.head();
    expect((await admin.post(`/users/${head.id}/password`, { password: 'reset-by-admin' })).status).toBe(200);
    expect((await beforeReset.get('/auth/me')).status).toBe(401);
    expect((await anonymous.post('/auth/login', { username: head.username, password: 'e2e-password' })).status).toBe(401);
    const afterReset = await login(head.username, 'reset-by-admin');

    const otherSession = await login(head.username, 'reset-by-admin');
    expect((await afterReset.post('/auth/password', { currentPassword: 'wrong-one', newPassword: 'chosen-by-me' })).status).toBe(403);
    const changed = await afterReset.post('/auth/password', { currentPassword: 'reset-by-admin', newPassword: 'chosen-by-me' });
    expect(changed.status).toBe(200);
    expect((await new ApiClient(changed.body.accessToken).get('/auth/me')).status).toBe(200);
    expect((await otherSession.get('/auth/me')).status).toBe(401);
    expect((await afterReset.get('/auth/me')).status).toBe(401);
    await login(head.username, 'chosen-by-me');

    const infoOffice = await login('xinxiban.staff');
    const audit = await infoOffice.get(`/audit-log?subjectId=${head.id}&limit=50`);
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual(
      expect.arrayContaining(['user_created', 'user_roles_changed', 'user_password_reset', 'password_changed']),
    );
    expect(audit.body.items.find((entry: { action: string }) => entry.action === 'user_roles_changed').details).toEqual({ from: ['head'], to: ['staff'] });
  });
});

describe('login throttling', () => {
  it('locks an account out after five failed logins, with Retry-After, even for the right password, and records it', async () => {
    const admin = await login('admin', adminPassword());
    const { people } = await createDepartmentWithPeople(admin, 'LOCK');
    const address = clientAddress();
    const answers = [];
    for (let attempt = 0; attempt < 5; attempt++) answers.push((await loginFrom(address, people.staff.username, `guess-${attempt}`)).status);
    expect(answers).toEqual([401, 401, 401, 401, 429]);

    for (const from of [address, clientAddress()]) {
      const locked = await loginFrom(from, people.staff.username, 'e2e-password');
      expect(locked).toMatchObject({ status: 429, contentType: expect.stringContaining('application/problem+json'), body: { status: 429 } });
      expect(Number(locked.retryAfter)).toBeGreaterThan(800);
      expect(Number(locked.retryAfter)).toBeLessThanOrEqual(900);
    }
    expect((await loginFrom(clientAddress(), people.head.username, 'e2e-password')).status).toBe(200); // another account is untouched

    const lockouts = await sql<{ address: string; details: { scope: string } }>(
      `select address, details from audit_log where action = 'lockout' and username = $1`,
      [people.staff.username],
    );
    expect(lockouts).toEqual([{ address, details: expect.objectContaining({ scope: 'account' }) }]);
    const secrecyBureau = await login('baomi.filer');
    const listed = await secrecyBureau.get(`/audit-log?action=lockout&username=${people.staff.username}`);
    expect(listed.body).toMatchObject({ total: 1, items: [{ action: 'lockout', username: people.staff.username }] });
    expect((await (await login('gongan.staff')).get('/audit-log')).status).toBe(403);
  });

  it('locks a client address out after thirty failed logins across accounts', async () => {
    const address = clientAddress();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 30; attempt++) statuses.push((await loginFrom(address, unique('nobody'), 'whatever-1')).status);
    expect(statuses.slice(0, 29).every((status) => status === 401)).toBe(true);
    expect(statuses[29]).toBe(429);

    const fromThere = await loginFrom(address, 'gongan.staff', 'demo-pass-123');
    expect(fromThere.status).toBe(429);
    expect(Number(fromThere.retryAfter)).toBeGreaterThan(0);
    expect((await loginFrom(clientAddress(), 'gongan.staff', 'demo-pass-123')).status).toBe(200);
  });

  it('takes as long to refuse an unknown username as a wrong password of a known one', async () => {
    const admin = await login('admin', adminPassword());
    const { people } = await createDepartmentWithPeople(admin, 'TIMING');
    const address = clientAddress();
    const known: number[] = [];
    const unknown: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      known.push((await loginFrom(address, people.staff.username, `wrong-${attempt}`)).ms);
      unknown.push((await loginFrom(address, unique('nobody'), `wrong-${attempt}`)).ms);
    }
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
    expect(median(unknown)).toBeLessThan(median(known) * 2);
  });
});
