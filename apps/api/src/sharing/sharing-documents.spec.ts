import { DocumentRenderer } from '../../../../libs/documents/document-renderer.service.js';

describe('sharing documents', () => {
  it('renders the agreement naming both parties, the items and the onward-sharing prohibition, escaped', async () => {
    const html = await new DocumentRenderer().render('sharing/agreement', {
      agreement: {
        version: 2,
        status: 'awaiting_signatures',
        requestId: 'r-1',
        resourceName: '常住人口基本信息',
        requesterDepartmentName: '市民政局',
        providerDepartmentName: '市公安局<b>',
        dataItems: ['公民身份号码', '姓名'],
        purposeLabel: '数据校核',
        purposeDetail: '核验低保申请人身份',
        scope: '低保审核科室',
        methodLabel: '接口服务',
        validUntil: '2027-12-31T15:59:59.999Z',
        corrects: { version: 1, reasons: '请写明数据销毁要求' },
        signatures: [{ party: 'provider', partyLabel: '提供方', signerName: '王局长', signedAt: '2026-03-02T02:00:00Z' }],
        draftedAt: '2026-03-01T02:00:00Z',
      },
    });
    for (const text of ['市民政局', '市公安局&lt;b&gt;', '公民身份号码', '姓名', '低保审核科室', '2027/12/31', '第2版', '请写明数据销毁要求', '王局长']) {
      expect(html).toContain(text);
    }
    expect(html).toContain('未经允许不得向其他任何单位和个人提供');
    expect(html).toContain('尚未备案');
  });

  it('names the source grant and its holder on an onward application', async () => {
    const request = { id: 'r-2', statusLabel: '待提供部门答复', resourceName: '常住人口基本信息', dataItems: ['姓名'], createdAt: '2026-03-01T02:00:00Z' };
    const onward = await new DocumentRenderer().render('sharing/application', {
      request,
      onward: { sourceGrantId: 'g-1', intermediaryDepartmentName: '市民政局<i>' },
      renderedAt: '2026-03-01T02:00:00Z',
    });
    expect(onward).toContain('转授共享');
    expect(onward).toContain('g-1');
    expect(onward).toContain('市民政局&lt;i&gt;');
    const direct = await new DocumentRenderer().render('sharing/application', { request, onward: null, renderedAt: '2026-03-01T02:00:00Z' });
    expect(direct).not.toContain('转授共享');
  });
});
