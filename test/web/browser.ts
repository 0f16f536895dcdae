import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from '../support/environment.js';
import { environment, waitFor } from '../support/harness.js';

/** The site under test: the e2e API serves the built web app (npm run build:web) at its root. */
export const webUrl = new URL(environment.apiUrl).origin;
export const SCREENSHOTS = join(ROOT, 'test-results', 'web');

/** Debian's Chromium, driven by playwright-core (no browser download; scripts/test.sh installs it with apt when missing). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function newContext(
  browser: Browser,
  viewport = { width: 1366, height: 768 },
): Promise<BrowserContext> {
  return browser.newContext({
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
}

export async function screenshot(page: Page, name: string, fullPage = true) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // From the top, so the sticky header sits where it belongs in a full-page picture.
  await page.evaluate(() => (globalThis as any).scrollTo(0, 0));
  // Transitions finished (a menu's selection, a dialog's zoom), as people see the page a moment later.
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage, animations: 'disabled' });
}

/** Signs in on the login page (where the app sent the user) and waits to leave it. */
export async function signIn(page: Page, username: string, password = 'demo-pass-123') {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Reloads until the text shows: the page reads state the workflow writes a moment later. */
export async function reloadUntil(page: Page, text: string, timeoutMs = 30_000) {
  await waitFor(
    `"${text}" on ${page.url()}`,
    async () => {
      if ((await page.getByText(text, { exact: false }).count()) > 0) return true;
      await page.reload();
      await page.waitForLoadState('networkidle');
      return (await page.getByText(text, { exact: false }).count()) > 0;
    },
    { timeoutMs, intervalMs: 500 },
  );
}

/** Picks an option of an Ant Design select by its label text. */
export async function choose(page: Page, label: string, option: string) {
  await page.getByLabel(label).click();
  await page.locator('.ant-select-item-option', { hasText: option }).first().click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
}

/** axe-core's serious and critical violations on the page (WCAG 2.x A/AA rules). */
export async function seriousViolations(page: Page) {
  // Judged at rest: no pointer over a control, no focus ring, no colour halfway through a transition.
  await page.mouse.move(0, 0);
  await page.evaluate(async () => {
    const document = (globalThis as any).document;
    document.activeElement?.blur?.();
    const finite = document
      .getAnimations()
      .filter((animation: any) => Number.isFinite(animation.effect?.getComputedTiming().endTime));
    await Promise.all(finite.map((animation: any) => animation.finished.catch(() => undefined)));
  });
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
          .map((node) => node.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    );
}

/** Waits for the element's animations (a dialog zooming in) to finish, so a screenshot shows it as people see it. */
export async function settled(page: Page, selector: string) {
  await page
    .locator(selector)
    .first()
    .evaluate((element: any) =>
      Promise.all(element.getAnimations({ subtree: true }).map((animation: any) => animation.finished)),
    );
}
