import { publishResource, resourceBody } from './support/catalog.js';
import { openTaskOn, requestInStatus, sharingApplication } from './support/sharing.js';
import { adminPassword, createDepartmentWithPeople, login, pdfBytes, sql, waitFor, type ApiClient } from './support/harness.js';

type Department = Awaited<ReturnType<typeof createDepartmentWithPeople>>;
type Indicator = { key: string; numerator: number; denominator: number; points: number | null; weight: number; evidence: { type: string; id: string }[]; exceptions: { type: string; id: string }[] };

const AREAS = {
  basicWork: '政务专网接入率达到100%，完成等级保护测评',
  coreBusiness: '低保审批等8项核心业务实现全程网上办理',
  resourceManagement: '完成全部信息资源编目并按时更新',
  applicationEffect: '群众办事材料减少30%',
};
const ids = (refs: { id: string }[]) => refs.map((ref) => ref.id).sort();

/**
 * A full assessment year in compressed time: targets due, mid-year and year end a few seconds apart,
 * for two departments created here, whose every counted record is made by this suite.
 */
describe('annual assessment', () => {
  const year = new Date().getFullYear();
  let admin: ApiClient;
  let infoOffice: ApiClient;
  let supervisor: ApiClient;
  let provider: Department;
  let requester: Department;
  let providerStaff: ApiClient;
  let providerHead: ApiClient;
  let requesterStaff: ApiClient;
  let complete: { id: string };
  let incomplete: { id: string };
  let answeredRequestId: string;
  let expiredRequestId: string;
  let assessmentId: string;
  const subjects: Record<'provider' | 'requester', string> = { provider: '', requester: '' };

  const view = (client: ApiClient, department: Department) => client.get(`/assessments/${year}/departments/${department.id}`);
  const indicator = (indicators: Indicator[], key: string) => indicators.find((i) => i.key === key)!;
  const complete_ = (client: ApiClient, taskId: string, body: Record<string, unknown>) => client.post(`/tasks/${taskId}/complete`, body);

  beforeAll(async () => {
    admin = await login('admin', adminPassword());
    infoOffice = await login('xinxiban.staff');
    supervisor = await login('kaohe.supervisor');
    provider = await createDepartmentWithPeople(admin, 'ASSP');
    requester = await createDepartmentWithPeople(admin, 'ASSR');
    providerStaff = await provider.staff();
    providerHead = await provider.head();
    requesterStaff = await requester.staff();

    // Catalog: one resource with complete metadata, one whose data items have no description.
    complete = await publishResource(providerStaff, infoOffice);
    incomplete = await publishResource(providerStaff, infoOffice, {
      dataItems: resourceBody().dataItems.map((item) => ({ ...item, description: '' })),
    });

    // One request the provider lets expire under a short deadline, one it answers on time; feedback on the grant.
    const previous = (await admin.get('/policies')).body.find((p: { key: string }) => p.key === 'sharing.providerResponse').value;
    await admin.put('/policies/sharing.providerResponse', { value: 'PT2S' });
    try {
      expiredRequestId = (await requesterStaff.post('/sharing-requests', sharingApplication(complete.id))).body.id;
      await waitFor('the provider review to expire', async () => {
        const [task] = await sql<{ status: string }>("select status from task where subject_id = $1 and kind = 'provider_review'", [expiredRequestId]);
        return task?.status === 'expired';
      });
    } finally {
      await admin.put('/policies/sharing.providerResponse', { value: previous });
    }
    answeredRequestId = (await requesterStaff.post('/sharing-requests', sharingApplication(complete.id))).body.id;
    const review = await openTaskOn(providerStaff, answeredRequestId, 'provider_review');
    expect((await complete_(providerStaff, review.id, { outcome: 'approve' })).status).toBe(200);
    await requestInStatus(requesterStaff, answeredRequestId, 'granted');
    expect((await requesterStaff.post(`/sharing-requests/${answeredRequestId}/feedback`, { rating: 5, effect: '核验效率明显提高' })).status).toBe(201);
  });

  it('refuses a start by anyone but the working group, or with bad weights or schedule, and creates nothing', async () => {
    const body = { year, departmentIds: [provider.id, requester.id] };
    expect((await providerStaff.post('/assessments', body)).status).toBe(403);
    expect((await supervisor.post('/assessments', { ...body, weights: { popularity: 5 } })).status).toBe(422);
    expect((await supervisor.post('/assessments', { ...body, weights: { on_time_answers: -1 } })).status).toBe(422);
    const now = Date.now();
    const schedule = { targetsDueAt: new Date(now + 20_000).toISOString(), midYearAt: new Date(now + 10_000).toISOString(), yearEndAt: new Date(now + 30_000).toISOString() };
    expect((await supervisor.post('/assessments', { ...body, schedule })).status).toBe(422);
    expect((await supervisor.post('/assessments', { ...body, schedule: { ...schedule, midYearAt: new Date(now + 25_000).toISOString(), appealWindow: 'soon' } })).status).toBe(422);
    expect((await supervisor.post('/assessments', { ...body, year: 1999 })).status).toBe(400);
    expect((await supervisor.get(`/assessments/${year}`)).status).toBe(404);
  });

  it('starts the year for the departments named, once; weights are the year’s configuration', async () => {
    const now = Date.now();
    const schedule = {
      targetsDueAt: new Date(now + 20_000).toISOString(),
      midYearAt: new Date(now + 30_000).toISOString(),
      yearEndAt: new Date(now + 45_000).toISOString(),
      appealWindow: 'PT20S',
    };
    const started = await supervisor.post('/assessments', { year, departmentIds: [provider.id, requester.id], schedule });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ year, phase: 'targets', departments: 2, schedule: { targetsDueAt: schedule.targetsDueAt, appealWindow: 'PT20S' } });
    expect(started.body.workflowId).toBe(`assessment-cycle-${started.body.id}`);
    assessmentId = started.body.id;
    expect((await supervisor.post('/assessments', { year, departmentIds: [provider.id] })).status).toBe(409);

    expect((await supervisor.put(`/assessments/${year}/weights`, { bogus: 3 })).status).toBe(422);
    expect((await providerStaff.put(`/assessments/${year}/weights`, { on_time_answers: 30 })).status).toBe(403);
    const weighted = await supervisor.put(`/assessments/${year}/weights`, { on_time_answers: 30 });
    expect(weighted.status).toBe(200);
    expect(weighted.body.weights).toMatchObject({ on_time_answers: 30, catalog_completeness: 15 });

    for (const [name, department] of [['provider', provider], ['requester', requester]] as const) {
      subjects[name] = (await view(supervisor, department)).body.subjectId;
    }
    expect((await view(requesterStaff, provider)).status).toBe(403);
    expect((await view(infoOffice, provider)).status).toBe(200);
  });

  it('has the departments file targets in the four areas; a returned round is refiled, confirmed ones are filed', async () => {
    const filing = await openTaskOn(providerStaff, subjects.provider, 'target_filing');
    expect((await complete_(providerStaff, filing.id, { outcome: 'submit', payload: { ...AREAS, applicationEffect: ' ' } })).status).toBe(422);
    expect((await complete_(providerStaff, filing.id, { outcome: 'submit', payload: AREAS })).status).toBe(200);

    const review = await openTaskOn(supervisor, subjects.provider, 'target_review');
    expect((await complete_(supervisor, review.id, { outcome: 'return' })).status).toBe(422);
    expect((await complete_(supervisor, review.id, { outcome: 'return', comment: '应用效果目标需量化到具体事项' })).status).toBe(200);

    const refiling = await openTaskOn(providerHead, subjects.provider, 'target_filing', [filing.id]);
    const refiled = { ...AREAS, applicationEffect: '低保、救助等12项事项群众办事材料减少30%' };
    expect((await complete_(providerHead, refiling.id, { outcome: 'submit', payload: refiled })).status).toBe(200);
    const second = await openTaskOn(supervisor, subjects.provider, 'target_review', [review.id]);
    expect((await complete_(supervisor, second.id, { outcome: 'confirm' })).status).toBe(200);

    const requesterFiling = await openTaskOn(requesterStaff, subjects.requester, 'target_filing');
    const escaped = { ...AREAS, basicWork: '<b>专网</b>全覆盖' };
    expect((await complete_(requesterStaff, requesterFiling.id, { outcome: 'submit', payload: escaped })).status).toBe(200);
    const requesterReview = await openTaskOn(supervisor, subjects.requester, 'target_review');
    expect((await complete_(supervisor, requesterReview.id, { outcome: 'confirm', comment: '同意' })).status).toBe(200);

    const provided = await waitFor('the provider targets to be confirmed', async () => {
      const body = (await view(providerStaff, provider)).body;
      return body.targetsConfirmed ? body : undefined;
    });
    expect(provided.targets).toMatchObject([
      { round: 1, areas: AREAS, reviewOutcome: 'return', reviewComment: '应用效果目标需量化到具体事项' },
      { round: 2, areas: refiled, reviewOutcome: 'confirm', filingSeq: expect.any(Number) },
    ]);
    const filings = (await supervisor.get(`/filings?subjectType=assessment_target&limit=200`)).body.items as { kind: string; authority: string; departmentIds: string[]; payload: { round: number } }[];
    const ours = filings.filter((f) => f.departmentIds.includes(provider.id));
    expect(ours).toEqual([expect.objectContaining({ kind: 'assessment.targets_confirmed', authority: 'supervision_office', payload: expect.objectContaining({ round: 2, year }) })]);

    const document = await waitFor('the requester targets to be confirmed', async () => {
      const response = await requesterStaff.get(`/assessments/${year}/departments/${requester.id}/documents/targets`);
      return response.status === 200 && response.body.includes('督考办备案') ? response : undefined;
    });
    expect(document.contentType).toContain('text/html');
    expect(document.body).toContain('&lt;b&gt;专网&lt;/b&gt;全覆盖');
    expect(document.body).not.toContain('<b>专网</b>');
  });

  it('takes the mid-year snapshot beside the targets, and the working group comments on it', async () => {
    const task = await openTaskOn(supervisor, subjects.provider, 'midyear_review');
    const snapshot = (await view(supervisor, provider)).body.snapshot;
    expect(snapshot).toMatchObject({ targets: { round: 2, reviewOutcome: 'confirm' } });
    expect(snapshot.indicators).toHaveLength(9);
    expect(indicator(snapshot.indicators, 'catalog_completeness')).toMatchObject({ numerator: 1, denominator: 2 });
    expect((await supervisor.get(`/assessments/${year}`)).body.phase).toBe('midyear');

    expect((await complete_(supervisor, task.id, { outcome: 'comment' })).status).toBe(422);
    expect((await complete_(supervisor, task.id, { outcome: 'comment', comment: '按时答复率偏低，请加强' })).status).toBe(200);
    await waitFor('the comment to be recorded', async () => (await view(providerStaff, provider)).body.snapshot.comment === '按时答复率偏低，请加强');
  });

  it('scores the year from the records behind each indicator', async () => {
    const scorecard = await waitFor('the year-end scorecard', async () => (await view(providerStaff, provider)).body.scorecard ?? undefined, { timeoutMs: 60_000 });
    const reviews = await sql<{ id: string; subject_id: string }>(
      "select id, subject_id from task where kind = 'provider_review' and subject_id = any($1::text[])",
      [[answeredRequestId, expiredRequestId]],
    );
    const catalogReviews = await sql<{ id: string }>("select id from task where kind = 'catalog_review' and subject_id = any($1::text[])", [[complete.id, incomplete.id]]);
    const expiredReview = reviews.find((r) => r.subject_id === expiredRequestId)!.id;

    expect(indicator(scorecard.indicators, 'catalog_completeness')).toMatchObject({ numerator: 1, denominator: 2, points: 50, weight: 15 });
    expect(ids(indicator(scorecard.indicators, 'catalog_completeness').evidence)).toEqual([complete.id, incomplete.id].sort());
    expect(indicator(scorecard.indicators, 'catalog_completeness').exceptions).toEqual([{ type: 'catalog_resource', id: incomplete.id }]);
    expect(indicator(scorecard.indicators, 'catalog_quality')).toMatchObject({ numerator: 2, denominator: 2, points: 100 });
    expect(ids(indicator(scorecard.indicators, 'catalog_quality').evidence)).toEqual(ids(catalogReviews));
    expect(indicator(scorecard.indicators, 'on_time_answers')).toMatchObject({ numerator: 1, denominator: 2, points: 50, weight: 30 });
    expect(ids(indicator(scorecard.indicators, 'on_time_answers').evidence)).toEqual(ids(reviews));
    expect(indicator(scorecard.indicators, 'on_time_answers').exceptions).toEqual([{ type: 'task', id: expiredReview }]);
    expect(indicator(scorecard.indicators, 'update_compliance')).toMatchObject({ numerator: 2, denominator: 2, points: 100 });
    for (const key of ['refusals_overturned', 'agreements_on_time', 'monthly_reports_on_time', 'feedback_given']) {
      expect(indicator(scorecard.indicators, key)).toMatchObject({ denominator: 0, points: null, evidence: [] });
    }
    expect(scorecard.total).toBe(Math.round(((50 * 15 + 100 * 10 + 50 * 30 + 100 * 15) / 70) * 100) / 100);

    const requesterCard = (await view(requesterStaff, requester)).body.scorecard;
    expect(indicator(requesterCard.indicators, 'feedback_given')).toMatchObject({
      numerator: 1,
      denominator: 1,
      points: 100,
      evidence: [{ type: 'sharing_request', id: answeredRequestId }],
    });
    expect(requesterCard.indicators.filter((i: Indicator) => i.denominator > 0).map((i: Indicator) => i.key)).toEqual(['feedback_given']);
    expect(requesterCard.total).toBe(100);
    expect((await supervisor.get(`/assessments/${year}`)).body).toMatchObject({ phase: 'appeals', schedule: { appealClosesAt: expect.any(String) } });
    expect((await supervisor.put(`/assessments/${year}/weights`, { on_time_answers: 5 })).status).toBe(409);

    const document = await providerStaff.get(`/assessments/${year}/departments/${provider.id}/documents/scorecard`);
    expect(document.status).toBe(200);
    expect(document.body).toContain('目录完整性');
    expect(document.body).toContain('1/2');
  });

  it('adjusts a score only with a written reason, and only for the working group', async () => {
    const before = (await view(supervisor, provider)).body;
    const path = `/assessments/${year}/departments/${provider.id}/adjustments`;
    expect((await supervisor.post(path, { indicator: 'catalog_completeness', points: 80 })).status).toBe(422);
    expect((await supervisor.post(path, { indicator: 'catalog_completeness', points: 80, reason: '  ' })).status).toBe(422);
    expect((await supervisor.post(path, { indicator: 'catalog_completeness', total: true, points: 80, reason: '有' })).status).toBe(400);
    expect((await providerHead.post(path, { indicator: 'catalog_completeness', points: 100, reason: '自评' })).status).toBe(403);
    const unchanged = (await view(supervisor, provider)).body;
    expect(unchanged.adjustments).toEqual([]);
    expect(unchanged.currentScore).toBe(before.currentScore);

    const adjusted = await supervisor.post(path, { indicator: 'catalog_completeness', points: 80, reason: '数据项说明已于年末补齐，经核实酌情给分' });
    expect(adjusted.status).toBe(201);
    expect(adjusted.body.adjustments).toMatchObject([{ indicator: 'catalog_completeness', previousPoints: 50, points: 80, reason: '数据项说明已于年末补齐，经核实酌情给分' }]);
    expect(adjusted.body.currentScore).toBe(Math.round(((80 * 15 + 100 * 10 + 50 * 30 + 100 * 15) / 70) * 100) / 100);
    const total = await supervisor.post(path, { total: true, points: 78, reason: '综合年中检查情况酌情调整' });
    expect(total.body.adjustments.at(-1)).toMatchObject({ total: true, previousPoints: adjusted.body.currentScore, points: 78 });
    expect(total.body.currentScore).toBe(78);
  });

  it('takes one appeal within the window and has the working group amend the score', async () => {
    const path = `/assessments/${year}/departments/${provider.id}/appeal`;
    expect((await requesterStaff.post(path, { reasons: '代为申诉' })).status).toBe(403);
    expect((await providerHead.post(path, {})).status).toBe(400);
    expect((await providerHead.post(path, { reasons: ' ' })).status).toBe(422);
    const appealed = await providerHead.post(path, { reasons: '逾期的申请系对方撤回后重新提交，不应计入' });
    expect(appealed.status).toBe(201);
    expect(appealed.body).toMatchObject({ state: { appeal: 'pending' }, appeal: { status: 'pending' } });
    expect((await providerStaff.post(path, { reasons: '再次申诉' })).status).toBe(409);

    const task = await openTaskOn(supervisor, subjects.provider, 'appeal_review');
    expect((await complete_(supervisor, task.id, { outcome: 'amend', comment: '经核实予以调整' })).status).toBe(422);
    expect((await complete_(supervisor, task.id, { outcome: 'amend', comment: '经核实予以调整', payload: { points: 85 } })).status).toBe(200);
    const amended = await waitFor('the appeal to be decided', async () => {
      const body = (await view(providerStaff, provider)).body;
      return body.appeal.status === 'amended' ? body : undefined;
    });
    expect(amended).toMatchObject({ appeal: { amendedPoints: 85, decisionComment: '经核实予以调整' }, currentScore: 85 });
  });

  it('publishes the ranking when the window has closed, files it and tells every department', async () => {
    expect((await providerStaff.get(`/assessments/${year}/results`)).status).toBe(409);
    await waitFor('publication', async () => (await supervisor.get(`/assessments/${year}`)).body.phase === 'published', { timeoutMs: 60_000 });
    expect((await requesterStaff.post(`/assessments/${year}/departments/${requester.id}/appeal`, { reasons: '晚了' })).status).toBe(409);
    expect(
      (await supervisor.post(`/assessments/${year}/departments/${provider.id}/adjustments`, { total: true, points: 99, reason: '公布后' })).status,
    ).toBe(409);

    const results = await providerStaff.get(`/assessments/${year}/results`);
    expect(results.status).toBe(200);
    expect(results.body.items).toMatchObject([
      { rank: 1, departmentId: requester.id, finalScore: 100, measuredScore: 100 },
      { rank: 2, departmentId: provider.id, finalScore: 85 },
    ]);
    const secondPage = await providerStaff.get(`/assessments/${year}/results?limit=1&offset=1`);
    expect(secondPage.body).toMatchObject({ items: [{ rank: 2, departmentId: provider.id }], total: results.body.total });
    expect((await view(providerStaff, provider)).body).toMatchObject({ phase: 'published', finalScore: 85, rank: 2 });

    const filed = (await supervisor.get(`/filings?subjectType=assessment&subjectId=${assessmentId}`)).body.items;
    expect(filed).toEqual([
      expect.objectContaining({
        kind: 'assessment.results_published',
        authority: 'supervision_office',
        payload: {
          year,
          ranking: [{ departmentId: requester.id, finalScore: 100, rank: 1 }, { departmentId: provider.id, finalScore: 85, rank: 2 }],
          adjustments: [
            expect.objectContaining({ departmentId: provider.id, indicator: 'catalog_completeness', previousPoints: 50, points: 80 }),
            expect.objectContaining({ departmentId: provider.id, indicator: 'total', points: 78, reason: '综合年中检查情况酌情调整' }),
          ],
          appeals: [expect.objectContaining({ departmentId: provider.id, outcome: 'amended', amendedPoints: 85, comment: '经核实予以调整' })],
        },
      }),
    ]);
    expect((await supervisor.get('/filings/verify')).body.ok).toBe(true);
    await waitFor('the departments to be told', async () =>
      ((await requesterStaff.get('/notifications')).body.items as { template: string }[]).some((n) => n.template === 'assessment-published'),
    );
    const document = await providerStaff.get(`/assessments/${year}/departments/${provider.id}/documents/scorecard`);
    expect(document.body).toContain('最终得分');
    expect(document.body).toContain('改为 85 分');
    expect(document.body).toContain('排名：第2名');
    await pdfBytes(await providerStaff.fetchAs(`/assessments/${year}/departments/${provider.id}/documents/scorecard`, 'application/pdf'));
  });
});
