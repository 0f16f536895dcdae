import { unique, waitFor, type ApiClient } from './harness.js';

/** A valid catalog resource declaration; each call names a new resource. */
export function resourceBody(overrides: Record<string, unknown> = {}) {
  return {
    name: unique('常住人口基本信息'),
    abstract: '本市常住人口的户籍、居住与身份核验信息，供各部门办理业务时核验使用。',
    catalog: 'base',
    classification: '人口/基本信息',
    sharingType: 'conditional',
    sharingMethods: ['api', 'file'],
    openScope: 'internal',
    updateFrequency: 'daily',
    confidential: false,
    dataItems: [
      { name: '公民身份号码', description: '18位身份证号', dataType: 'string', length: 18, openScope: 'not_public' },
      { name: '姓名', description: '户籍登记姓名', dataType: 'string', length: 50, openScope: 'internal' },
      { name: '户籍所在地行政区划代码', description: 'GB/T 2260', dataType: 'string', length: 12, openScope: 'public' },
    ],
    ...overrides,
  };
}

/** The open catalog_review task of a resource, once it is there. */
export async function reviewTask(infoOffice: ApiClient, resourceId: string) {
  return waitFor('the catalog review task', async () => {
    const items = (await infoOffice.get('/tasks?kind=catalog_review&limit=200')).body.items as { id: string; subjectId: string }[];
    return items.find((task) => task.subjectId === resourceId);
  });
}

/** Drafts (with `resourceBody(overrides)`), submits and has the info office approve a resource. */
export async function publishResource(providerStaff: ApiClient, infoOffice: ApiClient, overrides: Record<string, unknown> = {}) {
  const { status, body: created } = await providerStaff.post('/catalog/resources', resourceBody(overrides));
  if (status !== 201) throw new Error(`creating a resource: ${status} ${JSON.stringify(created)}`);
  await providerStaff.post(`/catalog/resources/${created.id}/submit`);
  const task = await reviewTask(infoOffice, created.id);
  const approved = await infoOffice.post(`/tasks/${task.id}/complete`, { outcome: 'approve' });
  if (approved.status !== 200) throw new Error(`publishing ${created.id}: ${approved.status} ${JSON.stringify(approved.body)}`);
  return created as { id: string; identifier: string; name: string; dataItems: { name: string }[] };
}
