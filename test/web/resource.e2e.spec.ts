import type { Browser } from 'playwright-core';
import { reviewTask } from '../support/catalog.js';
import { login, sql, unique, waitFor } from '../support/harness.js';
import {
  choose,
  launchBrowser,
  newContext,
  screenshot,
  seriousViolations,
  signIn,
  webUrl,
} from './browser.js';

/** 本部门资源: a department registers a resource with its data items, submits it, and sees the info office's review. */
describe('web app: registering a resource', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('市公安局 drafts a resource with two data items, submits it for review and sees it published', async () => {
    const name = `机动车驾驶人信息 ${unique('R').slice(-5)}`;
    const page = await (await newContext(browser)).newPage();
    await page.goto(`${webUrl}/my-resources`);
    await signIn(page, 'gongan.staff');
    await page.getByRole('link', { name: '登记资源' }).click();
    await page.getByLabel('信息资源名称').fill(name);
    await page.getByLabel('信息资源分类').fill('交通/驾驶人');
    await page.getByLabel('信息资源摘要').fill('本市机动车驾驶人的准驾车型、记分与证件状态信息。');
    await choose(page, '共享类型', '无条件共享');
    await page.getByLabel('字段名称 1').fill('驾驶证号');
    await page.getByRole('button', { name: '添加数据项' }).click();
    await page.getByLabel('字段名称 2').fill('准驾车型');
    await screenshot(page, 'resource-form');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '保存' }).click();

    await page.waitForURL(/\/catalog\/resources\/[0-9a-f-]{36}$/);
    const id = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByText('尚未提交审核').waitFor();
    const [row] = await sql<{ status: string }>('select status from catalog_resource where id = $1', [id]);
    expect(row!.status).toBe('draft');
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.getByText('正在审核').waitFor();

    const infoOffice = await login('xinxiban.staff');
    const task = await reviewTask(infoOffice, id);
    expect((await infoOffice.post(`/tasks/${task.id}/complete`, { outcome: 'approve' })).status).toBe(200);
    await waitFor(
      'the resource to be published',
      async () =>
        (await sql<{ status: string }>('select status from catalog_resource where id = $1', [id]))[0]!
          .status === 'published',
    );
    await page.reload();
    await page.getByText('已发布').first().waitFor();
    await page.getByRole('cell', { name: '准驾车型', exact: true }).waitFor();
    await page.getByText('审核记录').waitFor();
    await screenshot(page, 'resource-published');
  });
});
