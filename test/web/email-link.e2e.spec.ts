import {
  adminPassword,
  createDepartmentWithPeople,
  login,
  mailSink,
  requestAcknowledgement,
  waitFor,
} from '../support/harness.js';
import { launchBrowser, newContext, screenshot, signIn, webUrl } from './browser.js';

/** The link an e-mail carries (PUBLIC_BASE_URL/tasks/<id>) opens the task in the web app, after signing in. */
describe('web app: a link from an e-mail', () => {
  it('opens the task after login, where it can be done', async () => {
    const admin = await login('admin', adminPassword());
    const department = await createDepartmentWithPeople(admin, 'WEBMAIL', { email: true });
    const { taskId } = await requestAcknowledgement(admin, department.id);
    const message = await waitFor('the task e-mail in the mail sink', async () =>
      (await mailSink.messages()).find(
        (m) => m.to.includes(department.people.staff.email!) && m.raw.includes(`/tasks/${taskId}`),
      ),
    );
    // Quoted-printable may fold the link; unfolded, it is the address the person clicks.
    const raw = message.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    const link = raw.match(new RegExp(`https?://[^\\s"'<>]+/tasks/${taskId}`))?.[0];
    expect(link).toBe(`${webUrl}/tasks/${taskId}`);

    const browser = await launchBrowser();
    try {
      const page = await (await newContext(browser)).newPage();
      await page.goto(link!);
      await page.waitForURL(/\/login\?next=/);
      await signIn(page, department.people.staff.username, 'e2e-password');
      expect(new URL(page.url()).pathname).toBe(`/tasks/${taskId}`);
      await page.getByText('确认', { exact: true }).click();
      await screenshot(page, 'email-link-task');
      await page.getByRole('button', { name: '提交处理结果' }).click();
      await page.getByText('已办结').waitFor({ timeout: 60_000 });
    } finally {
      await browser.close();
    }
  });
});
