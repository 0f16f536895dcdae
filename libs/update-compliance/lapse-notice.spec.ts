import { DocumentRenderer } from '../documents/document-renderer.service.js';

describe('the notice that a lapse is resolved', () => {
  const renderer = new DocumentRenderer();
  const data = { resourceName: '常住人口<基本>信息', identifier: 'JC-GOV-006/000012', dueAt: '2026-04-10T15:59:59.999Z', link: 'https://example.gov/x' };

  it('names the missed floor and its due time in Asia/Shanghai, escaping the resource name', async () => {
    const html = await renderer.render('notifications/update-lapse-resolved', { ...data, rule: 'quarterly_floor', updated: true });
    expect(html).toContain('常住人口&lt;基本&gt;信息');
    expect(html).toContain('未在本季度第一个月前10日内更新');
    expect(html).toContain('2026/04/10 23:59');
    expect(html).toContain('已登记数据更新');
  });

  it('says when the resource left the catalog instead of being updated', async () => {
    const html = await renderer.render('notifications/update-lapse-resolved', { ...data, rule: 'frequency', updated: false });
    expect(html).toContain('未按承诺的更新周期更新');
    expect(html).toContain('已不在共享目录中发布');
  });
});
