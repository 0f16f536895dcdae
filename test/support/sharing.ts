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
