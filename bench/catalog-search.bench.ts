/**
 * Catalog search benchmark: generates resources with ≥100,000 data items in a database of its own,
 * then times searches through the same query code the API uses, and prints the figures.
 *   node dist/bench/catalog-search.bench.js [resources=10000] [itemsPerResource=10] [queries=300]
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { AccessPolicy } from '../libs/auth/access-policy.js';
import { CatalogQueries } from '../libs/catalog/catalog-queries.js';
import { gramIds, normaliseForSearch, searchGrams } from '../libs/catalog/search-grams.js';
import { runBenchmark, withScratchDatabase } from './scratch-database.js';

const [resources = 10_000, itemsPerResource = 10, queries = 300] = process.argv.slice(2).map(Number);
const SUBJECTS = ['人口', '户籍', '婚姻', '企业', '法人', '社保', '医保', '税务', '车辆', '驾驶', '房屋', '土地', '教育', '学籍', '就业', '低保', '残疾', '殡葬', '出生', '疫苗'];
const QUALIFIERS = ['登记', '基本', '变更', '注销', '缴纳', '参保', '许可', '证照', '核验', '统计', '备案', '审批'];
const FIELDS = ['编号', '名称', '日期', '状态', '类型', '金额', '地址', '代码', '人数', '证号', '机构', '期限'];
const pick = <T>(list: T[], seed: number) => list[seed % list.length]!;

async function main() {
  await withScratchDatabase('search', 'staff', async ({ em, url, department, user }) => {

    // Bulk rows go through pg directly: it passes JS arrays as Postgres arrays, which `unnest` wants.
    const bulk = new pg.Client({ connectionString: url });
    await bulk.connect();
    const started = Date.now();
    const batch = 500;
    for (let offset = 0; offset < resources; offset += batch) {
      const rows = Array.from({ length: Math.min(batch, resources - offset) }, (_, i) => generated(offset + i));
      await bulk.query(
        `insert into catalog_resource (id, identifier, provider_department_id, status, published_version, working_version, shown_catalog, shown_sharing_type, shown_open_scope, search_text, search_grams, created_at, updated_at, published_at)
         select id, ident, $3::uuid, 'published', 1, 1, 'base', 'conditional', 'internal', txt, string_to_array(grams, ',')::integer[], at, at, at
         from unnest($1::uuid[], $2::text[], $4::text[], $5::text[], $6::timestamptz[]) as t(id, ident, txt, grams, at)`,
        [rows.map((r) => r.id), rows.map((r) => r.identifier), department.id, rows.map((r) => r.searchText), rows.map((r) => r.grams.join(',')), rows.map((r) => r.at)],
      );
      await bulk.query(
        `insert into catalog_resource_version (resource_id, version, metadata_identifier, state, change, name, abstract, catalog, classification, sharing_type, sharing_methods, open_scope, update_frequency, confidential, data_items, created_by, created_at, updated_at)
         select r, 1, m, 'approved', 'publish', n, a, 'base', '基准', 'conditional', '{api}', 'internal', 'daily', false, d::jsonb, $1::uuid, now(), now()
         from unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[]) as t(r, m, n, a, d)`,
        [user.id, rows.map((r) => r.id), rows.map((r) => `${r.identifier}-v1`), rows.map((r) => r.name), rows.map((r) => r.abstract), rows.map((r) => JSON.stringify(r.items))],
      );
    }
    await bulk.query('analyze catalog_resource; analyze catalog_resource_version');
    await bulk.end();
    console.log(`generated ${resources} resources with ${resources * itemsPerResource} data items in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const search = new CatalogQueries(em, new AccessPolicy());
    const principal = { id: user.id, username: 'bench', displayName: 'bench', departmentId: randomUUID(), roles: ['staff' as const] };
    const terms = {
      'two characters (e.g. 户籍)': (i: number) => pick(SUBJECTS, i * 7),
      'four characters (e.g. 户籍登记)': (i: number) => pick(SUBJECTS, i * 3) + pick(QUALIFIERS, i),
      'a data-item name (e.g. 户籍证号)': (i: number) => pick(SUBJECTS, i * 5) + pick(FIELDS, i * 11),
      'no match (e.g. 量子)': (i: number) => `量子${i % 10}`,
    };
    for (const [label, term] of Object.entries(terms)) {
      const timings: number[] = [];
      let hits = 0;
      for (let i = 0; i < queries; i++) {
        em.clear();
        const t0 = process.hrtime.bigint();
        const result = await search.search(principal, { q: term(i), limit: 20, offset: 0 });
        timings.push(Number(process.hrtime.bigint() - t0) / 1e6);
        hits += result.total;
      }
      timings.sort((a, b) => a - b);
      const at = (p: number) => timings[Math.min(timings.length - 1, Math.floor(p * timings.length))]!.toFixed(2);
      console.log(`${label.padEnd(34)} median ${at(0.5)} ms  p95 ${at(0.95)} ms  max ${at(1)} ms  (mean matches ${(hits / queries).toFixed(0)})`);
    }
  });
}

function generated(n: number) {
  const subject = pick(SUBJECTS, n) + pick(QUALIFIERS, Math.floor(n / SUBJECTS.length));
  const items = Array.from({ length: itemsPerResource }, (_, i) => ({
    name: `${pick(SUBJECTS, n + i * 3)}${pick(FIELDS, n * 7 + i)}${i}`,
    description: '',
    dataType: 'string',
    openScope: 'internal',
  }));
  const name = `${subject}信息${n}`;
  const abstract = `${subject}相关的政务信息资源，第${n}号。`;
  const text = [name, abstract, ...items.map((item) => item.name)].join('\n');
  return { id: randomUUID(), identifier: `JC-BENCH/${String(n).padStart(6, '0')}`, name, abstract, items, searchText: normaliseForSearch(text), grams: gramIds(searchGrams(text)), at: new Date(Date.now() - n * 1000) };
}

runBenchmark(main);
