import type { GovernmentDatabase, GovernmentDatabaseStep } from '../../../../libs/database/entities/index.js';
import { DocumentRenderer } from '../../../../libs/documents/document-renderer.service.js';
import { catalogEntryView, registrationDocument } from './database-views.js';

const database = {
  id: 'db-1',
  departmentId: 'dept-1',
  name: '社会救助对象信息库',
  description: '低保、特困人员认定与救助发放数据',
  category: 'business',
  businessArea: '社会救助',
  dataScale: { records: 320_000, volumeGb: 12.5 },
  storageLocation: '市政务云 B 区',
  storageSystem: 'MySQL 8.0',
  contact: { name: '李敏', phone: '010-8765 4321' },
  updateFrequency: 'monthly',
  dataSubjects: ['自然人', '家庭'],
  catalogResourceIds: [],
  status: 'registered',
  filedAt: new Date('2026-03-02T01:00:00Z'),
  registeredAt: new Date('2026-03-05T07:30:00Z'),
  operatingSince: null,
  deregisteredAt: null,
  updatedAt: new Date('2026-03-05T07:30:00Z'),
} as GovernmentDatabase;

const round = (fields: Partial<GovernmentDatabaseStep>) =>
  ({ stepNo: 1, step: 'register', round: 1, requestedBy: 'u-staff', requestedAt: new Date('2026-03-02T01:00:00Z'), ...fields }) as GovernmentDatabaseStep;

describe('the database registration form', () => {
  it('renders every round with its outcome, in Asia/Shanghai time', async () => {
    const rounds = [
      round({ status: 'returned', reviewedBy: 'u-office', reviewedAt: new Date('2026-03-03T02:00:00Z'), reviewComment: '请补充存储位置' }),
      round({ round: 2, status: 'approved', reviewedBy: 'u-office', reviewedAt: new Date('2026-03-05T07:30:00Z'), filingSeq: 42 }),
    ];
    const names = new Map([['u-staff', '民政局经办人'], ['u-office', '信息办审核员']]);
    const html = await new DocumentRenderer().render('database-registration', registrationDocument({ database, rounds }, '市民政局', names));
    expect(html).toContain('政务信息数据库备案登记表');
    expect(html).toContain('<td>业务信息库</td><th>业务领域</th><td>社会救助</td>');
    expect(html).toContain('320000 条记录');
    expect(html).toContain('2026/03/05 15:30');
    expect(html).toContain('请补充存储位置');
    expect(html).toContain('<td>42</td>');
    expect(html).toContain('民政局经办人');
    expect(html).not.toContain('电子邮件');
  });

  it('lists the confirmed attributes in the catalog entry, not the bookkeeping', () => {
    const entry = catalogEntryView(database, '市民政局');
    expect(entry).toMatchObject({ id: 'db-1', departmentName: '市民政局', name: '社会救助对象信息库', registeredAt: '2026-03-05T07:30:00.000Z' });
    expect(entry).not.toHaveProperty('filedAt');
  });
});
