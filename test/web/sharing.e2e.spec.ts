import type { Browser, BrowserContext, Page } from 'playwright-core';
import { publishResource } from '../support/catalog.js';
import { login, sql, unique, waitFor, type ApiClient } from '../support/harness.js';
import { requestInStatus } from '../support/sharing.js';
import {
  choose,
  launchBrowser,
  newContext,
  reloadUntil,
  screenshot,
  seriousViolations,
  signIn,
  webUrl,
  settled,
  SCREENSHOTS,
} from './browser.js';

/**
 * The sharing process in a real browser against the real API, worker, Temporal, PostgreSQL and Redis: 市民政局
 * finds 市公安局's resource by a Chinese substring and applies; 市公安局 counter-offers from its inbox; 市民政局
 * accepts; the grant and its documents show on the request page. Screenshots go to test-results/web/.
 */
describe('web app: applying for data, negotiating, the grant', () => {
  let browser: Browser;
  let requesterContext: BrowserContext;
  let providerContext: BrowserContext;
  let requester: Page;
  let provider: Page;
  let resource: { id: string; name: string };
  let requestId: string;
  let requesterApi: ApiClient;
  const axeFindings: string[] = [];

  const checkAccessibility = async (page: Page, name: string) => {
    const violations = await seriousViolations(page);
    axeFindings.push(...violations.map((violation) => `${name}: ${violation}`));
  };

  beforeAll(async () => {
    const index = await fetch(`${webUrl}/`);
    const html = await index.text();
    if (!html.includes('<div id="root">'))
      throw new Error('the API does not serve the web app: run `npm run build:web` before the e2e suites');
    const providerStaff = await login('gongan.staff');
    requesterApi = await login('minzheng.staff');
    // A name of its own (the run's database is shared by the suites) that still reads as a resource's name.
    resource = await publishResource(providerStaff, await login('xinxiban.staff'), {
      name: `流动人口居住登记信息 ${unique('W').slice(-5)}`,
      abstract: '本市流动人口的居住登记、居住证办理与核验信息，供社会救助、就业服务等业务核验使用。',
      sharingType: 'conditional',
    });
    browser = await launchBrowser();
    requesterContext = await newContext(browser);
    providerContext = await newContext(browser);
    requester = await requesterContext.newPage();
    provider = await providerContext.newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('serves the app with its security headers and long-lived hashed assets', async () => {
    const page = await fetch(`${webUrl}/sharing-requests/anything`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('same-origin');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const script = (await page.text()).match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
    const asset = await fetch(`${webUrl}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${webUrl}/assets/gone-1234.js`)).status).toBe(404);
    expect((await fetch(`${webUrl}/api/v1/no-such-route`)).headers.get('content-type')).toContain(
      'application/problem+json',
    );
  });

  it('a requester signs in, finds the resource by a Chinese substring and applies', async () => {
    await requester.goto(`${webUrl}/catalog`);
    await requester.waitForURL(/\/login\?next=%2Fcatalog/);
    await requester.getByLabel('用户名').waitFor();
    expect(await requester.getByText('登录已过期').count()).toBe(0); // a first visit, not an ended session
    await screenshot(requester, 'login');
    await checkAccessibility(requester, 'login');
    await signIn(requester, 'minzheng.staff');
    expect(new URL(requester.url()).pathname).toBe('/catalog');

    const cookies = await requesterContext.cookies();
    const session = cookies.find((cookie) => cookie.name === 'govshare_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: false });
    expect(cookies.find((cookie) => cookie.name === 'govshare_csrf')).toMatchObject({
      httpOnly: false,
      sameSite: 'Strict',
    });

    await requester.getByLabel('搜索资源').fill('人口居住登记');
    await requester.getByRole('button', { name: '搜索' }).click();
    const hit = requester.getByRole('link', { name: resource.name });
    await hit.waitFor();
    // The catalog lists every resource before the search answers: wait for the answer's highlighted match.
    await requester.locator('mark', { hasText: '人口居住登记' }).first().waitFor();
    expect(await requester.locator('mark', { hasText: '人口居住登记' }).count()).toBeGreaterThan(0);
    await screenshot(requester, 'catalog-search');
    await checkAccessibility(requester, 'catalog');

    await hit.click();
    await requester.getByRole('heading', { name: resource.name }).waitFor();
    await requester.getByText('公民身份号码').first().waitFor();
    await screenshot(requester, 'resource');
    await requester.getByRole('button', { name: '申请共享' }).click();

    await requester.getByRole('checkbox', { name: '公民身份号码', exact: true }).check();
    await requester.getByRole('checkbox', { name: '姓名', exact: true }).check();
    await choose(requester, '申请用途', '数据校核');
    await requester.getByLabel('用途说明').fill('办理最低生活保障申请时核验申请人的居住登记情况');
    await requester.getByLabel('使用范围').fill('市民政局社会救助处');
    await screenshot(requester, 'apply-form');
    await checkAccessibility(requester, 'apply');
    await requester.getByRole('button', { name: '预览申请表' }).click();
    const preview = requester.getByRole('dialog');
    await preview.getByText('办理最低生活保障申请时核验申请人的居住登记情况').waitFor();
    await settled(requester, '.ant-modal');
    await screenshot(requester, 'apply-preview', false);
    await preview.getByRole('button', { name: '确认提交' }).click();

    await requester.waitForURL(/\/sharing-requests\/[0-9a-f-]{36}$/);
    requestId = new URL(requester.url()).pathname.split('/').pop()!;
    await requester.getByTestId('request-status').getByText('待提供方审核').waitFor();
    // The provider's task opens a moment after the answer; the page refreshes itself while the request is under way.
    await requester.getByText('共享申请审核').first().waitFor({ timeout: 20_000 });
    await requester.getByText(/剩余\d+个工作日/).waitFor();
    await requester.waitForLoadState('networkidle');
    await screenshot(requester, 'request-submitted');
  });

  it('the provider counter-offers from its inbox', async () => {
    await provider.goto(`${webUrl}/`);
    await signIn(provider, 'gongan.staff');
    await reloadUntil(provider, `答复共享申请：${resource.name}`);
    await screenshot(provider, 'home-provider');
    await checkAccessibility(provider, 'home');

    await provider
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: '待办', exact: true })
      .click();
    await provider.waitForURL(/\/tasks$/);
    // The home page lists the same task: wait for the inbox itself before looking for its row.
    await provider.getByRole('heading', { name: '待办', level: 2 }).waitFor();
    const row = provider.getByRole('link', { name: `答复共享申请：${resource.name}`, exact: true });
    await row.waitFor();
    await provider
      .getByText(/剩余\d+个工作日|今日到期/)
      .first()
      .waitFor();
    await screenshot(provider, 'inbox');
    await checkAccessibility(provider, 'inbox');
    await row.click();

    await provider.getByText('申请内容').waitFor();
    await provider.getByText('提出协商方案').click();
    // The counter-offer narrows the application: only 姓名, by file.
    await provider.getByRole('checkbox', { name: '公民身份号码', exact: true }).uncheck();
    await choose(provider, '共享方式', '文件');
    await screenshot(provider, 'task-counter-offer');
    await checkAccessibility(provider, 'task');
    await provider.getByRole('button', { name: '提交处理结果' }).click();
    await provider.getByText('已办结').waitFor({ timeout: 60_000 });
    await screenshot(provider, 'task-done');
    await provider.getByText('申请状态：协商中').waitFor({ timeout: 1_000 });
  });

  it('the requester accepts the counter-offer; the grant shows on the request page with its documents', async () => {
    await requester.goto(`${webUrl}/tasks`);
    await reloadUntil(requester, `答复协商方案：${resource.name}`);
    await requester.getByRole('link', { name: `答复协商方案：${resource.name}`, exact: true }).click();
    await requester.getByText('接受方案').click();
    await requester.getByRole('button', { name: '提交处理结果' }).click();
    await requester.getByText('已办结').waitFor();
    await requestInStatus(requesterApi, requestId, 'granted');

    await requester.goto(`${webUrl}/sharing-requests/${requestId}`);
    await requester.getByTestId('request-status').getByText('已共享').waitFor();
    const grant = requester.getByTestId('grant');
    await grant.waitFor();
    expect(await grant.textContent()).toContain('姓名');
    expect(await grant.textContent()).not.toContain('公民身份号码');
    expect(await grant.textContent()).toContain('文件');
    await requester.getByRole('tab', { name: '共享申请表' }).waitFor();
    const frame = requester.frameLocator('iframe[title="共享申请表"]');
    await frame.getByText('姓名').first().waitFor();
    await requester
      .locator('iframe[title="共享申请表"]')
      .screenshot({ path: `${SCREENSHOTS}/request-document.png` });
    const download = requester.waitForEvent('download');
    await requester.getByRole('button', { name: '下载 PDF' }).first().click();
    expect((await download).suggestedFilename()).toMatch(/^application-.*\.pdf$/);
    await requester.getByText('申请方接受协商方案').waitFor();
    await requester.waitForLoadState('networkidle');
    await screenshot(requester, 'request-granted');
    await checkAccessibility(requester, 'request');
  });

  it('the bell counts unread notifications; reading one opens its subject and lowers the count', async () => {
    await requester.goto(`${webUrl}/`);
    const bell = requester.getByTestId('bell');
    const unread = async () => Number((await bell.getAttribute('aria-label'))!.match(/(\d+) 条未读/)![1]);
    await waitFor('unread notifications', async () => (await unread()) > 0);
    const before = await unread();
    await bell.click();
    await requester.waitForURL(/\/notifications$/);
    const first = requester.getByRole('link', { name: /共享申请进展/ }).first();
    await first.waitFor();
    await screenshot(requester, 'notifications');
    await checkAccessibility(requester, 'notifications');
    await first.click();
    await requester.waitForURL(/\/sharing-requests\/[0-9a-f-]{36}$/);
    await waitFor('the bell to count one fewer', async () => (await unread()) === before - 1);
  });

  it('refuses a change made with the session cookie but without the CSRF token', async () => {
    const answers = await requester.evaluate(async (resourceId) => {
      const csrf = ((globalThis as any).document.cookie as string)
        .split('; ')
        .find((part) => part.startsWith('govshare_csrf='))!
        .slice('govshare_csrf='.length);
      const post = (headers: Record<string, string>) =>
        fetch(`/api/v1/catalog/resources/${resourceId}/subscription`, {
          method: 'POST',
          headers,
          credentials: 'same-origin',
        }).then(async (response) => ({
          status: response.status,
          type: response.headers.get('content-type'),
          body: await response.text(),
        }));
      return {
        read: (await fetch('/api/v1/auth/me', { credentials: 'same-origin' })).status,
        without: await post({}),
        wrong: await post({ 'X-CSRF-Token': 'not-the-token' }),
        with: await post({ 'X-CSRF-Token': decodeURIComponent(csrf) }),
      };
    }, resource.id);
    expect(answers.read).toBe(200);
    expect(answers.without.status).toBe(403);
    expect(answers.without.type).toContain('application/problem+json');
    expect(JSON.parse(answers.without.body)).toMatchObject({ status: 403 });
    expect(answers.wrong.status).toBe(403);
    expect(answers.with.status).toBe(201);
    const [row] = await sql<{ count: string }>(
      `select count(*) from catalog_subscription s join department d on d.id = s.department_id where s.resource_id = $1 and d.name = '市民政局'`,
      [resource.id],
    );
    expect(Number(row!.count)).toBe(1);
  });

  it('an ended session sends the user to the login page and back to where they were', async () => {
    // The session ends while the page is open: the next page's request answers 401.
    await requester.goto(`${webUrl}/sharing-requests/${requestId}`);
    await requester.getByTestId('request-status').waitFor();
    await requesterContext.clearCookies({ name: 'govshare_session' });
    await requester
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: '收到的申请', exact: true })
      .click();
    await requester.waitForURL(/\/login\?/);
    expect(new URL(requester.url()).searchParams.get('next')).toBe('/sharing-requests/received');
    await requester.getByText('登录已过期，请重新登录，登录后将返回原页面。').waitFor();
    await screenshot(requester, 'login-expired');
    await signIn(requester, 'minzheng.staff');
    expect(new URL(requester.url()).pathname).toBe('/sharing-requests/received');

    // A fresh visit to a page without a session comes back to it too.
    await requesterContext.clearCookies({ name: 'govshare_session' });
    await requester.goto(`${webUrl}/sharing-requests/${requestId}`);
    await requester.waitForURL(/\/login\?/);
    expect(new URL(requester.url()).searchParams.get('next')).toBe(`/sharing-requests/${requestId}`);
    await signIn(requester, 'minzheng.staff');
    expect(new URL(requester.url()).pathname).toBe(`/sharing-requests/${requestId}`);

    await requester.getByTestId('account-menu').click();
    await requester.getByText('退出登录').click();
    await requester.waitForURL(/\/login/);
    expect((await requesterContext.cookies()).some((cookie) => cookie.name === 'govshare_session')).toBe(
      false,
    );
  });

  it('reads on a 390-pixel-wide phone screen', async () => {
    const phone = await newContext(browser, { width: 390, height: 844 });
    const page = await phone.newPage();
    await page.goto(`${webUrl}/sharing-requests/${requestId}`);
    await signIn(page, 'minzheng.staff');
    await page.getByTestId('request-status').waitFor();
    await page.getByRole('heading', { name: new RegExp(resource.name) }).waitFor();
    await page.getByRole('tab', { name: '共享申请表' }).waitFor();
    await screenshot(page, 'phone-request');
    expect(
      await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number),
    ).toBeLessThanOrEqual(390);
    await page.goto(`${webUrl}/`);
    await page.getByText('我的待办').waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'phone-home');
    await page.goto(`${webUrl}/catalog?q=${encodeURIComponent('人口居住登记')}`);
    await page.getByRole('link', { name: resource.name }).waitFor();
    await screenshot(page, 'phone-catalog');
    expect(
      await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number),
    ).toBeLessThanOrEqual(390);
    await page.getByRole('button', { name: '打开导航菜单' }).click();
    await page.getByRole('dialog').getByRole('link', { name: '待办', exact: true }).waitFor();
    await settled(page, '.ant-drawer-content-wrapper');
    await screenshot(page, 'phone-menu', false);
    await phone.close();
  });

  it('has no serious or critical axe-core violations on the pages it visited', () => {
    expect(axeFindings).toEqual([]);
  });
});
