import { publishResource } from './support/catalog.js';
import { openTaskOn, requestInStatus, sharingApplication } from './support/sharing.js';
import { adminPassword, createDepartmentWithPeople, login, pdfBytes, waitFor, type ApiClient } from './support/harness.js';

type Department = Awaited<ReturnType<typeof createDepartmentWithPeople>>;

describe('confidentiality agreements and sharing documents', () => {
  let admin: ApiClient;
  let infoOffice: ApiClient;
  let secrecyBureau: ApiClient;
  let provider: Department;
  let requester: Department;
  let providerStaff: ApiClient;
  let providerHead: ApiClient;
  let requesterStaff: ApiClient;
  let requesterHead: ApiClient;
  let confidential: { id: string };
  let conditional: { id: string };

  beforeAll(async () => {
    admin = await login('admin', adminPassword());
    infoOffice = await login('xinxiban.staff');
    secrecyBureau = await login('baomi.filer');
    provider = await createDepartmentWithPeople(admin, 'SECPROV');
    requester = await createDepartmentWithPeople(admin, 'SECREQ');
    [providerStaff, providerHead, requesterStaff, requesterHead] = await Promise.all([provider.staff(), provider.head(), requester.staff(), requester.head()]);
    confidential = await publishResource(providerStaff, infoOffice, { confidential: true, sharingType: 'conditional' });
    conditional = await publishResource(providerStaff, infoOffice, { sharingType: 'conditional' });
  });

  const departmentName = (department: Department, label: string) => `${label} 测试部门 ${department.code}`;

  async function apply(resourceId: string) {
    const response = await requesterStaff.post('/sharing-requests', sharingApplication(resourceId));
    expect(response.status).toBe(201);
    return response.body as { id: string; status: string };
  }

  const openTask = openTaskOn;
  const statusOf = (requestId: string, status: string) => requestInStatus(requesterStaff, requestId, status);

  async function complete(client: ApiClient, taskId: string, body: Record<string, unknown>) {
    const response = await client.post(`/tasks/${taskId}/complete`, body);
    expect([response.status, response.body]).toEqual([200, expect.anything()]);
    return response;
  }

  async function approve(requestId: string) {
    await complete(providerStaff, (await openTask(providerStaff, requestId, 'provider_review')).id, { outcome: 'approve' });
  }

  /** Both heads sign the current version, the provider's first; returns the tasks signed. */
  async function signInReverseOrder(requestId: string, except: string[] = []) {
    const providerTask = await openTask(providerHead, requestId, 'agreement_signature', except);
    const requesterTask = await openTask(requesterHead, requestId, 'agreement_signature', except);
    expect(providerTask.id).not.toBe(requesterTask.id);
    expect((await requesterStaff.post(`/tasks/${requesterTask.id}/complete`, { outcome: 'sign' })).status).toBe(404);
    expect((await requesterHead.post(`/tasks/${providerTask.id}/complete`, { outcome: 'sign' })).status).toBe(404);
    await complete(providerHead, providerTask.id, { outcome: 'sign' });
    expect((await requesterStaff.get(`/sharing-requests/${requestId}`)).body.status).toBe('awaiting_agreement');
    await complete(requesterHead, requesterTask.id, { outcome: 'sign' });
    return [providerTask.id, requesterTask.id];
  }

  async function filings(requestId: string) {
    const items = (await infoOffice.get(`/filings?subjectType=sharing_request&subjectId=${requestId}`)).body.items as { kind: string; authority: string }[];
    expect((await infoOffice.get('/filings/verify')).body.ok).toBe(true);
    return items;
  }

  it('grants a confidential resource only once both heads have signed and the secrecy bureau has acknowledged the agreement', async () => {
    const request = await apply(confidential.id);
    await approve(request.id);
    const awaiting = await statusOf(request.id, 'awaiting_agreement');
    expect(awaiting.grant).toBeUndefined();

    // The child workflow draws the agreement up as it starts: the document follows shortly after the status.
    const agreementV1 = await waitFor('the agreement to be drawn up', async () => {
      const document = await requesterStaff.get(`/sharing-requests/${request.id}/documents/agreement`);
      return document.status === 200 ? document : undefined;
    });
    expect(agreementV1.contentType).toContain('text/html');
    for (const text of ['政务信息共享安全保密协议', departmentName(provider, 'SECPROV'), departmentName(requester, 'SECREQ'), '公民身份号码', '姓名', '本部门低保审核科室', '未经允许不得向其他任何单位和个人提供']) {
      expect(agreementV1.body).toContain(text);
    }

    const signedV1 = await signInReverseOrder(request.id);
    const filing = await statusOf(request.id, 'awaiting_filing');
    expect(filing.grant).toBeUndefined();

    const filingV1 = await openTask(secrecyBureau, request.id, 'agreement_filing');
    expect((await secrecyBureau.post(`/tasks/${filingV1.id}/complete`, { outcome: 'return' })).status).toBe(422);
    expect((await providerHead.post(`/tasks/${filingV1.id}/complete`, { outcome: 'acknowledge' })).status).toBe(404);
    await complete(secrecyBureau, filingV1.id, { outcome: 'return', comment: '请写明数据销毁要求' });
    const returned = await statusOf(request.id, 'awaiting_agreement');
    expect(returned.grant).toBeUndefined();

    await signInReverseOrder(request.id, signedV1);
    await statusOf(request.id, 'awaiting_filing');
    const filingV2 = await openTask(secrecyBureau, request.id, 'agreement_filing', [filingV1.id]);
    expect((await requesterStaff.get(`/sharing-requests/${request.id}`)).body.grant).toBeUndefined();
    await complete(secrecyBureau, filingV2.id, { outcome: 'acknowledge' });

    const granted = await statusOf(request.id, 'granted');
    expect(granted.grant).toMatchObject({ status: 'active', dataItems: ['公民身份号码', '姓名'] });
    expect(granted.openTasks).toEqual([]);
    const types = granted.timeline.map((event: { type: string }) => event.type);
    expect(types.filter((type: string) => type === 'agreement_signed')).toHaveLength(4);
    expect(types).toEqual(expect.arrayContaining(['agreement_required', 'agreement_drafted', 'agreement_returned', 'agreement_acknowledged', 'granted']));

    const filed = await filings(request.id);
    const kinds = filed.map((f) => f.kind);
    expect(kinds).toEqual(expect.arrayContaining(['sharing.negotiated', 'agreement.returned', 'agreement.acknowledged', 'sharing.granted']));
    expect(filed.find((f) => f.kind === 'agreement.acknowledged')!.authority).toBe('secrecy_bureau');
    expect(kinds.indexOf('agreement.acknowledged')).toBeLessThan(kinds.indexOf('sharing.granted'));

    const agreementV2 = await providerStaff.get(`/sharing-requests/${request.id}/documents/agreement`);
    expect(agreementV2.status).toBe(200);
    expect(agreementV2.body).toContain('第2版');
    expect(agreementV2.body).toContain('请写明数据销毁要求');
    expect(agreementV2.body).toContain('市保密局已于');
  });

  it('cancels the agreement and its open signature tasks when the requester withdraws', async () => {
    const request = await apply(confidential.id);
    await approve(request.id);
    await statusOf(request.id, 'awaiting_agreement');
    const signature = await openTask(providerHead, request.id, 'agreement_signature');
    const withdrawn = await requesterStaff.post(`/sharing-requests/${request.id}/withdraw`, { reason: '不再需要' });
    expect(withdrawn.status).toBe(200);
    const view = await statusOf(request.id, 'withdrawn');
    expect(view.openTasks).toEqual([]);
    expect(view.grant).toBeUndefined();
    expect((await providerHead.post(`/tasks/${signature.id}/complete`, { outcome: 'sign' })).status).toBe(409);
    expect((await filings(request.id)).map((f) => f.kind)).toContain('sharing.withdrawn');
  });

  it('renders the application form, refusal report and decision, and answers 404 where a document does not apply', async () => {
    const request = await apply(conditional.id);
    const application = await requesterStaff.get(`/sharing-requests/${request.id}/documents/application`);
    expect(application.status).toBe(200);
    expect(application.contentType).toContain('text/html');
    expect(application.body).toContain('政务信息资源共享申请表');
    expect(application.body).toContain(departmentName(requester, 'SECREQ'));
    for (const name of ['agreement', 'refusal-report', 'decision']) {
      const missing = await requesterStaff.get(`/sharing-requests/${request.id}/documents/${name}`);
      expect([name, missing.status, missing.contentType]).toEqual([name, 404, expect.stringContaining('application/problem+json')]);
    }
    expect((await requesterStaff.get(`/sharing-requests/${request.id}/documents/minutes`)).status).toBe(404);

    const fetchAs = (accept: string) => requesterStaff.fetchAs(`/sharing-requests/${request.id}/documents/application`, accept);
    const pdf = await fetchAs('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(`inline; filename="sharing-request-${request.id}-application.pdf"`);
    expect(pdf.headers.get('vary')).toContain('Accept');
    await pdfBytes(pdf);
    const json = await fetchAs('application/json');
    expect([json.status, json.headers.get('content-type')]).toEqual([406, expect.stringContaining('application/problem+json')]);
    expect(((await json.json()) as { detail: string }).detail).toContain('application/pdf');

    const outsider = await createDepartmentWithPeople(admin, 'SECOUT');
    expect((await (await outsider.staff()).get(`/sharing-requests/${request.id}/documents/application`)).status).toBe(404);

    const review = await openTask(providerStaff, request.id, 'provider_review');
    await complete(providerStaff, review.id, { outcome: 'refuse', comment: '该数据涉及个人隐私，暂不具备共享条件' });
    await statusOf(request.id, 'escalated');
    const report = await infoOffice.get(`/sharing-requests/${request.id}/documents/refusal-report`);
    expect(report.status).toBe(200);
    expect(report.body).toContain('该数据涉及个人隐私，暂不具备共享条件');
    expect(report.body).toContain(departmentName(provider, 'SECPROV'));

    await complete(infoOffice, (await openTask(infoOffice, request.id, 'coordination')).id, { outcome: 'uphold_refusal', comment: '理由成立' });
    await statusOf(request.id, 'refused');
    const decision = await providerStaff.get(`/sharing-requests/${request.id}/documents/decision`);
    expect(decision.status).toBe(200);
    expect(decision.body).toContain('维持不予共享');
    expect(decision.body).toContain('理由成立');
    expect(decision.body).toContain('市信息办');
  });
});
