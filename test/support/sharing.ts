import { waitFor, type ApiClient } from './harness.js';

/** A valid application for items of the fixtures' resource (test/support/catalog.ts). */
export function sharingApplication(resourceId: string, overrides: Record<string, unknown> = {}) {
  return {
    resourceId,
    dataItems: ['公民身份号码', '姓名'],
    purpose: 'data_verification',
    purposeDetail: '办理低保申请时核验申请人身份',
    scope: '本部门低保审核科室',
    method: 'api',
    ...overrides,
  };
}

/** Waits for an open task of `kind` on the subject in the client's inbox, other than those in `except`. */
export function openTaskOn(client: ApiClient, subjectId: string, kind: string, except: string[] = []) {
  return waitFor(`a ${kind} task`, async () => {
    const items = (await client.get(`/tasks?status=open&kind=${kind}&limit=200`)).body.items as { id: string; subjectId: string }[];
    return items.find((task) => task.subjectId === subjectId && !except.includes(task.id));
  });
}

/** Waits until the request shows `status`, and returns its view. */
export function requestInStatus(client: ApiClient, requestId: string, status: string) {
  return waitFor(`request ${requestId} to be ${status}`, async () => {
    const view = (await client.get(`/sharing-requests/${requestId}`)).body;
    return view.status === status ? view : undefined;
  });
}

/**
 * An objection the provider lets pass its deadline: the verification task stays open, overdue.
 * Grants `requester` the resource (unconditional) first; returns the request id.
 */
export async function overdueObjection(admin: ApiClient, requesterStaff: ApiClient, providerStaff: ApiClient, unconditionalResourceId: string) {
  const previous = (await admin.get('/policies')).body.find((p: { key: string }) => p.key === 'objection.verification').value;
  try {
    await admin.put('/policies/objection.verification', { value: 'PT2S' });
    const granted = await requesterStaff.post('/sharing-requests', sharingApplication(unconditionalResourceId));
    if (granted.body.status !== 'granted') throw new Error(`expected a grant: ${JSON.stringify(granted.body)}`);
    const raised = await requesterStaff.post(`/sharing-requests/${granted.body.id}/objections`, { items: ['姓名'], description: '姓名有误' });
    if (raised.status !== 201) throw new Error(`raising the objection: ${JSON.stringify(raised.body)}`);
    const task = await openTaskOn(providerStaff, granted.body.id, 'objection_verification');
    await waitFor('the objection verification to be overdue', async () => (await providerStaff.get(`/tasks/${task.id}`)).body.overdue === true);
    return { requestId: granted.body.id as string, taskId: task.id };
  } finally {
    await admin.put('/policies/objection.verification', { value: previous });
  }
}
