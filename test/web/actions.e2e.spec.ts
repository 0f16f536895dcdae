import type { Browser } from 'playwright-core';
import { publishResource } from '../support/catalog.js';
import { login, unique, type ApiClient } from '../support/harness.js';
import { openTaskOn, requestInStatus, sharingApplication } from '../support/sharing.js';
import { launchBrowser, newContext, screenshot, settled, signIn, webUrl } from './browser.js';

/** What each side does on a request in the browser, and a task someone else finished first. */
describe('web app: actions on a request', () => {
  let browser: Browser;
  let requesterStaff: ApiClient;
  let providerStaff: ApiClient;
  let resourceId: string;

  const apply = async () => {
    const applied = await requesterStaff.post('/sharing-requests', sharingApplication(resourceId));
    expect(applied.status).toBe(201);
    return applied.body.id as string;
  };

  beforeAll(async () => {
    providerStaff = await login('gongan.staff');
    requesterStaff = await login('minzheng.staff');
    resourceId = (
      await publishResource(providerStaff, await login('xinxiban.staff'), {
        name: `社区矫正人员信息 ${unique('X').slice(-5)}`,
        sharingType: 'conditional',
      })
    ).id;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('explains a 409 when someone else has already answered the task', async () => {
    const requestId = await apply();
    const task = await openTaskOn(providerStaff, requestId, 'provider_review');
    const staff = await (await newContext(browser)).newPage();
    await staff.goto(`${webUrl}/tasks/${task.id}`);
    await signIn(staff, 'gongan.staff');
    await staff.getByText('不予共享', { exact: true }).click();
    await staff.getByLabel('理由').fill('涉及个人隐私，依法不予共享');

    // Meanwhile the head approves it.
    const head = await (await newContext(browser)).newPage();
    await head.goto(`${webUrl}/tasks/${task.id}`);
    await signIn(head, 'gongan.head');
    await head.getByText('同意共享', { exact: true }).click();
    await head.getByRole('button', { name: '提交处理结果' }).click();
    await head.getByText('已办结').waitFor({ timeout: 60_000 });

    await staff.getByRole('button', { name: '提交处理结果' }).click();
    await staff.getByText('该待办已由他人处理或已结束').waitFor();
    await screenshot(staff, 'task-conflict');
    await requestInStatus(requesterStaff, requestId, 'granted');
  });

  it('the requester withdraws a request from its page', async () => {
    const requestId = await apply();
    await requestInStatus(requesterStaff, requestId, 'awaiting_provider');
    const page = await (await newContext(browser)).newPage();
    await page.goto(`${webUrl}/sharing-requests/${requestId}`);
    await signIn(page, 'minzheng.staff');
    await page.getByRole('button', { name: '撤回申请' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('撤回原因（选填）').fill('业务调整，暂不需要');
    await settled(page, '.ant-modal');
    await screenshot(page, 'request-withdraw', false);
    await dialog.getByRole('button', { name: '确认' }).click();
    await page.getByTestId('request-status').getByText('已撤回').waitFor();
    await page.getByText('申请方撤回').waitFor();
    await screenshot(page, 'request-withdrawn');
    await requestInStatus(requesterStaff, requestId, 'withdrawn');
  });
});
