import type { Browser } from 'playwright-core';
import { publishResource } from '../support/catalog.js';
import { login, unique, type ApiClient } from '../support/harness.js';
import { openTaskOn, requestInStatus, sharingApplication } from '../support/sharing.js';
import {
  launchBrowser,
  newContext,
  reloadUntil,
  screenshot,
  seriousViolations,
  signIn,
  webUrl,
} from './browser.js';

/**
 * A confidential resource: once the provider approves, both departments' heads read the confidentiality agreement
 * and sign it, each in their own browser, from their inbox; the secrecy bureau files it and the grant follows.
 */
describe('web app: the confidentiality agreement signed by both heads', () => {
  let browser: Browser;
  let requestId: string;
  let resourceName: string;
  let requesterStaff: ApiClient;

  beforeAll(async () => {
    const providerStaff = await login('gongan.staff');
    requesterStaff = await login('minzheng.staff');
    const resource = await publishResource(providerStaff, await login('xinxiban.staff'), {
      name: `重点人员管控信息 ${unique('A').slice(-5)}`,
      sharingType: 'conditional',
      confidential: true,
    });
    resourceName = resource.name;
    const applied = await requesterStaff.post('/sharing-requests', sharingApplication(resource.id));
    expect(applied.status).toBe(201);
    requestId = applied.body.id;
    const review = await openTaskOn(providerStaff, requestId, 'provider_review');
    expect((await providerStaff.post(`/tasks/${review.id}/complete`, { outcome: 'approve' })).status).toBe(
      200,
    );
    await requestInStatus(requesterStaff, requestId, 'awaiting_agreement');
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it.each([
    ['gongan.head', '提供方'],
    ['minzheng.head', '需求方'],
  ])('%s reads the agreement and signs it from the inbox', async (head) => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${webUrl}/tasks?kind=agreement_signature`);
    await signIn(page, head);
    const task = page.getByRole('link', {
      name: new RegExp(`签署政务信息共享安全保密协议.*${resourceName}`),
    });
    await reloadUntil(page, resourceName);
    await task.click();
    await page.frameLocator('iframe[title="保密协议"]').getByText(resourceName).first().waitFor();
    await page.getByText('签署', { exact: true }).click();
    await screenshot(page, `agreement-sign-${head}`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '提交处理结果' }).click();
    await page.getByText('已办结').waitFor({ timeout: 60_000 });
    await context.close();
  });

  it('shows both signatures and, once filed, the grant on the request page', async () => {
    const secrecy = await login('baomi.filer');
    const filing = await openTaskOn(secrecy, requestId, 'agreement_filing');
    expect((await secrecy.post(`/tasks/${filing.id}/complete`, { outcome: 'acknowledge' })).status).toBe(200);
    await requestInStatus(requesterStaff, requestId, 'granted');

    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${webUrl}/sharing-requests/${requestId}`);
    await signIn(page, 'minzheng.head');
    await page.getByTestId('request-status').getByText('已共享').waitFor();
    await page.getByText('提供方负责人签署保密协议').waitFor();
    await page.getByText('需求方负责人签署保密协议').waitFor();
    await page.getByText('保密局备案确认').waitFor();
    await page.getByRole('tab', { name: '保密协议' }).click();
    await page.frameLocator('iframe[title="保密协议"]').getByText(resourceName).first().waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'agreement-request-granted');
    await context.close();
  });
});
