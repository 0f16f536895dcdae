import { Queue } from 'bullmq';
import { adminPassword, createDepartmentWithPeople, environment, login, mailSink, requestAcknowledgement, sql, waitFor } from './support/harness.js';

interface NotificationRow {
  id: string;
  recipient_user_id: string;
  status: string;
  attempts: number;
}

describe('notifications', () => {
  it('delivers each e-mail once over SMTP, through a failed attempt and a duplicated job', async () => {
    const admin = await login('admin', adminPassword());
    const department = await createDepartmentWithPeople(admin, 'MAIL', { email: true });
    await mailSink.failNext(1);
    const { taskId } = await requestAcknowledgement(admin, department.id);

    const emails = await waitFor('both e-mails to be delivered', async () => {
      const rows = await sql<NotificationRow>(
        "select id, recipient_user_id, status, attempts from notification where channel = 'email' and link like $1 order by attempts",
        [`%/tasks/${taskId}`],
      );
      return rows.length === 2 && rows.every((row) => row.status === 'delivered') ? rows : undefined;
    });
    expect(emails.map((row) => row.attempts)).toEqual([1, 2]);

    const received = () => mailSink.messages().then((all) => all.filter((m) => emails.some((e) => m.messageId === `<${e.id}@govshare.notifications>`)));
    const messages = await received();
    expect(messages).toHaveLength(2);
    expect(messages.flatMap((m) => m.to).sort()).toEqual([department.people.head.email, department.people.staff.email].sort());
    expect(messages[0]!.subject).toMatch(/^新的待办：/);
    expect(messages[0]!.raw).toContain(`/tasks/${taskId}`);

    // A second job for an already delivered notification (a retry after a lost acknowledgement, say) sends nothing.
    const queue = new Queue('notifications', {
      connection: { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null },
      prefix: environment.env.QUEUE_PREFIX,
    });
    try {
      const duplicate = await queue.add('deliver', { notificationId: emails[0]!.id }, { jobId: `duplicate-${emails[0]!.id}` });
      const outcome = await waitFor('the duplicate job to finish', async () => {
        if (!(await (await queue.getJob(duplicate.id!))?.isCompleted())) return undefined;
        // Read again: the job fetched before it completed still holds no return value.
        return (await queue.getJob(duplicate.id!))!.returnvalue;
      });
      expect(outcome).toBe('already_delivered');
    } finally {
      await queue.close();
    }
    expect(await received()).toHaveLength(2);
  });

  it('lists in-app notifications with a link to the subject and marks them read', async () => {
    const admin = await login('admin', adminPassword());
    const department = await createDepartmentWithPeople(admin, 'INAPP');
    const { taskId } = await requestAcknowledgement(admin, department.id);
    const staff = await department.staff();
    const notice = await waitFor('the in-app notification', async () => {
      const items = (await staff.get('/notifications?unread=true')).body.items as { id: string; link: string; subject: string }[];
      return items.find((item) => item.link.endsWith(`/tasks/${taskId}`));
    });
    expect(notice.subject).toMatch(/^新的待办：/);
    expect((await staff.post(`/notifications/${notice.id}/read`)).status).toBe(200);
    expect((await staff.get('/notifications?unread=true')).body.items.map((n: { id: string }) => n.id)).not.toContain(notice.id);
    const outsider = await login('minzheng.staff');
    expect((await outsider.post(`/notifications/${notice.id}/read`)).status).toBe(404);
  });
});
