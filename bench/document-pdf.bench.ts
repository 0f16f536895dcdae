/**
 * PDF rendering benchmark: prints the confidentiality agreement (HTML from its Handlebars template, then the
 * PDF) once cold, then `runs` times warm, and prints the figures.
 *   node dist/bench/document-pdf.bench.js [runs=50]
 */
import { DocumentRenderer } from '../libs/documents/document-renderer.service.js';
import { PdfRenderer } from '../libs/documents/pdf-renderer.service.js';

const [runs = 50] = process.argv.slice(2).map(Number);

const agreement = {
  agreement: {
    version: 2,
    status: 'acknowledged',
    requestId: '7d3c5a9e-0000-4000-8000-000000000001',
    resourceName: '常住人口基本信息',
    requesterDepartmentName: '市民政局',
    providerDepartmentName: '市公安局',
    dataItems: ['公民身份号码', '姓名', '性别', '出生日期', '户籍所在地行政区划代码', '户籍地址'],
    purposeLabel: '数据校核',
    purposeDetail: '核验城乡最低生活保障申请人及其家庭成员的身份与户籍信息',
    scope: '本部门低保审核科室',
    methodLabel: '接口服务',
    validUntil: '2027-12-31T15:59:59.999Z',
    corrects: { version: 1, reasons: '请写明数据销毁要求' },
    signatures: [
      { party: 'provider', partyLabel: '提供方', signerName: '王局长', signedAt: '2026-03-02T02:00:00Z' },
      { party: 'requester', partyLabel: '需求方', signerName: '李局长', signedAt: '2026-03-03T02:00:00Z' },
    ],
    acknowledged: true,
    filedAt: '2026-03-05T02:00:00Z',
    filedByName: '市保密局备案员',
    draftedAt: '2026-03-01T02:00:00Z',
  },
};

async function main() {
  const html = new DocumentRenderer();
  const pdf = new PdfRenderer();
  const render = async () => pdf.render(await html.render('sharing/agreement', agreement));
  let started = performance.now();
  const first = await render();
  console.log(
    `agreement, cold (faces parsed)  ${(performance.now() - started).toFixed(0)} ms, ${first.length} bytes`,
  );
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    started = performance.now();
    await render();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!.toFixed(1);
  console.log(
    `agreement, warm x${runs}            median ${at(0.5)} ms  p95 ${at(0.95)} ms  max ${at(1)} ms`,
  );
}

await main();
