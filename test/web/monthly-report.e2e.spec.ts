import type { Browser } from 'playwright-core';
import { login, waitFor } from '../support/harness.js';
import {
  launchBrowser,
  newContext,
  reloadUntil,
  screenshot,
  seriousViolations,
  signIn,
  webUrl,
} from './browser.js';

/** A department submits its monthly report (月报) from its inbox: the month's figures shown, progress and problems written. */
describe('web app: the monthly report', () => {
  let browser: Browser;
  // A month of its own: the monthly-report suite of the same run opens the current one.
  const month = `${new Date().getFullYear() - 1}-07`;

  beforeAll(async () => {
    const opened = await (await login('xinxiban.staff')).post('/monthly-reports/rounds', { month });
    expect(opened.status).toBe(201);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('市公安局 submits its report', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${webUrl}/tasks?kind=monthly_report`);
    await signIn(page, 'gongan.staff');
    const title = `报送${month}月度信息资源共享工作进展：市公安局`;
    await reloadUntil(page, title);
    await page.getByRole('link', { name: title }).click();
    await page.frameLocator('iframe[title="月度报告"]').getByText(month).first().waitFor();
    await page.getByLabel('本月工作进展').fill('完成户籍数据接口改造，按时答复全部共享申请');
    await page.getByLabel('存在问题').fill('部分历史数据字段不完整，正在补录');
    await screenshot(page, 'monthly-report-task');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '提交处理结果' }).click();
    await page.getByText('已办结').waitFor({ timeout: 60_000 });

    const gongan = await login('gongan.staff');
    await waitFor('the report to be submitted', async () => {
      const [report] = (await gongan.get(`/monthly-reports?month=${month}`)).body.items;
      return (
        report?.status === 'submitted' && report.progress === '完成户籍数据接口改造，按时答复全部共享申请'
      );
    });
    await context.close();
  });
});
