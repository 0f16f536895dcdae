/**
 * Year-end scoring benchmark: in a database of its own, generates departments with a year of
 * events (tasks of every counted kind with due and closing times, published and retired resources
 * with versions and reviews, sharing requests, grants and feedback, escalation decisions, update
 * lapses), then times the batch that measures and stores every department's scorecard.
 *   node dist/bench/assessment-scoring.bench.js [departments=1000]
 */
import { AssessmentScoring } from '../libs/assessment/assessment-scoring.service.js';
import { CalendarService } from '../libs/calendar/calendar.service.js';
import { PolicyService } from '../libs/calendar/policy.service.js';
import { Assessment } from '../libs/database/entities/index.js';
import { defaultSchedule } from '../libs/domain/assessment.js';
import { DEFAULT_INDICATOR_WEIGHTS } from '../libs/domain/indicators.js';
import { FilingLedger } from '../libs/filings/filing-ledger.service.js';
import type { NotificationOutbox } from '../libs/notifications/notification-outbox.service.js';
import { IndicatorMeasurements } from '../libs/supervision/indicator-measurements.js';
import { runBenchmark, withScratchDatabase } from './scratch-database.js';

const [departments = 1000] = process.argv.slice(2).map(Number);
const YEAR = 2025;
const RESOURCES_PER_DEPARTMENT = 20;
const REQUESTS_PER_DEPARTMENT = 30;

/**
 * Everything is generated in SQL from generate_series with modular arithmetic on the department's
 * and the event's numbers: reproducible, and fast enough that generation does not dwarf the run.
 * `$1` is the year's start, `$2` the bench user.
 */
const GENERATION: [label: string, sql: string][] = [
  [
    'departments',
    `insert into department (id, code, name, level, created_at)
     select gen_random_uuid(), 'G' || lpad(g::text, 5, '0'), '基准部门' || g, case when g % 10 = 0 then 'district' else 'city' end, now()
     from generate_series(1, ${departments}) g`,
  ],
  ['numbering', `create table bench_department as select id, row_number() over (order by code)::int as n from department where code like 'G0%'`],
  [
    'resources',
    `insert into catalog_resource (id, identifier, provider_department_id, status, published_version, working_version, created_at, updated_at, published_at, retired_at)
     select gen_random_uuid(), 'JC-G' || d.n || '/' || r, d.id, case when r % 10 = 0 then 'retired' else 'published' end, 1, 1, t, t, t,
            case when r % 10 = 0 then t + interval '60 days' end
     from bench_department d cross join generate_series(1, ${RESOURCES_PER_DEPARTMENT}) r
     cross join lateral (select $1::timestamptz + ((d.n * 37 + r * 101) % 300) * interval '1 day' as t) x`,
  ],
  [
    'resource versions',
    `insert into catalog_resource_version (resource_id, version, metadata_identifier, state, change, name, abstract, catalog, classification,
       sharing_type, sharing_methods, open_scope, update_frequency, confidential, data_items, created_by, created_at, updated_at)
     select c.id, 1, c.identifier || '-v1', 'approved', 'publish', '资源' || c.identifier, '基准测试生成的政务信息资源摘要内容', 'base', '基准/分类',
            'conditional', '{api}', 'internal', 'monthly', false,
            case when abs(hashtext(c.identifier)) % 4 = 0
              then '[{"name":"编号","description":"唯一编号"},{"name":"名称","description":""}]'
              else '[{"name":"编号","description":"唯一编号"},{"name":"名称","description":"登记名称"}]' end::jsonb,
            $2::uuid, c.created_at, c.created_at
     from catalog_resource c where c.identifier like 'JC-G%'`,
  ],
  [
    'catalog reviews',
    `insert into task (id, kind, title, subject_type, subject_id, assignee_role, workflow_id, task_key, status, created_at, deadline_policy, due_at, outcome, closed_at)
     select gen_random_uuid(), 'catalog_review', '审核', 'catalog_resource', c.id::text, 'info_office', 'catalog-review-' || c.id || '-v1', 'review-' || k, 'done',
            c.published_at - interval '6 days', '5wd', c.published_at + interval '1 day', case when k = 1 then 'approve' else 'return' end,
            c.published_at - (k - 1) * interval '3 days'
     from catalog_resource c cross join generate_series(1, 2) k
     where c.identifier like 'JC-G%' and (k = 1 or abs(hashtext(c.identifier)) % 3 = 0)`,
  ],
  [
    'sharing requests',
    `create table bench_request as
     select gen_random_uuid() as id, d.id as requester, p.id as provider, res.id as resource_id, j, d.n,
            $1::timestamptz + ((d.n * 13 + j * 29) % 340) * interval '1 day' as at
     from bench_department d cross join generate_series(1, ${REQUESTS_PER_DEPARTMENT}) j
     join bench_department p on p.n = (d.n + j * 7) % ${departments} + 1
     join catalog_resource res on res.identifier = 'JC-G' || p.n || '/' || (j % ${RESOURCES_PER_DEPARTMENT} + 1)`,
  ],
  [
    'sharing request rows',
    `insert into sharing_request (id, requester_department_id, provider_department_id, resource_id, resource_version, data_items, purpose, purpose_detail,
       scope, method, status, created_by, created_at, updated_at)
     select id, requester, provider, resource_id, 1, '{编号}', 'data_verification', '核验', '本部门', 'api',
            case when j % 5 = 0 then 'refused' else 'granted' end, $2::uuid, at, at
     from bench_request`,
  ],
  [
    'provider reviews',
    `insert into task (id, kind, title, subject_type, subject_id, assignee_role, assignee_department_id, workflow_id, task_key, status, created_at,
       deadline_policy, due_at, outcome, closed_at)
     select gen_random_uuid(), 'provider_review', '答复', 'sharing_request', id::text, 'staff', provider, 'sharing-request-' || id, 'provider-review',
            case when j % 11 = 0 then 'expired' else 'done' end, at, '10wd', at + interval '14 days',
            case when j % 11 = 0 then null when j % 5 = 0 then 'refuse' else 'approve' end,
            at + case when j % 11 = 0 then interval '14 days' when j % 6 = 0 then interval '20 days' else interval '3 days' end
     from bench_request`,
  ],
  [
    'grants',
    `insert into sharing_grant (id, request_id, data_items, purpose, scope, method, status, granted_at, ended_at)
     select gen_random_uuid(), id, '{编号}', 'data_verification', '本部门', 'api', case when j % 9 = 0 then 'expired' else 'active' end,
            at + interval '3 days', case when j % 9 = 0 then at + interval '90 days' end
     from bench_request where j % 5 <> 0`,
  ],
  [
    'feedback',
    `insert into sharing_feedback (id, request_id, requester_department_id, provider_department_id, rating, effect, given_by, created_at)
     select gen_random_uuid(), id, requester, provider, 4, '效果良好', $2::uuid, at + interval '30 days' from bench_request where j % 5 <> 0 and j % 2 = 0`,
  ],
  [
    'escalation decisions',
    `insert into filing (seq, at, kind, authority, subject_type, subject_id, department_ids, payload, idempotency_key, prev_hash, hash)
     select row_number() over (order by id), at + interval '20 days', 'sharing.escalation_decided', 'info_office', 'sharing_request', id::text,
            array[requester, provider], jsonb_build_object('decision', case when j % 10 = 0 then 'order_provide' else 'uphold_refusal' end),
            'bench-escalation-' || id, 'bench', 'bench'
     from bench_request where j % 5 = 0`,
  ],
  [
    'other tasks',
    `insert into task (id, kind, title, subject_type, subject_id, assignee_role, assignee_department_id, workflow_id, task_key, status, created_at,
       deadline_policy, due_at, outcome, closed_at)
     select gen_random_uuid(), k.kind, '待办', 'bench', d.id::text, 'staff', d.id, 'bench-' || k.kind || '-' || d.n, 'task-' || i,
            case when (d.n + i) % 13 = 0 then 'expired' else 'done' end, due - interval '10 days', '10wd', due, 'done',
            due + case when (d.n + i) % 13 = 0 then interval '0 days' when (d.n + i) % 4 = 0 then interval '2 days' else interval '-1 day' end
     from bench_department d
     cross join (values ('monthly_report', 12), ('demand_response', 5), ('objection_verification', 2), ('agreement_signature', 2),
                        ('usage_report', 4), ('acknowledgement', 10)) k(kind, count)
     cross join generate_series(1, k.count) i
     cross join lateral (select $1::timestamptz + ((d.n * 7 + i * 30) % 350 + 5) * interval '1 day' as due) x`,
  ],
  [
    'update lapses',
    `insert into update_lapse (id, resource_id, provider_department_id, frequency, due_at, detected_at)
     select gen_random_uuid(), c.id, c.provider_department_id, 'monthly', c.published_at + interval '40 days', c.published_at + interval '41 days'
     from catalog_resource c where c.identifier like 'JC-G%' and abs(hashtext(c.identifier)) % 4 = 1`,
  ],
];

async function main() {
  await withScratchDatabase('assessment', 'supervisor', async ({ orm, em, user }) => {

    const schedule = defaultSchedule(YEAR);
    const generationStarted = performance.now();
    for (const [label, sql] of GENERATION) {
      const t0 = performance.now();
      await em.execute(sql.replaceAll('$1', '?').replaceAll('$2', '?'), paramsFor(sql, schedule.periodFrom, user.id));
      console.log(`  generated ${label.padEnd(22)} ${ms(performance.now() - t0)}`);
    }
    await em.execute('analyze');
    const counts = await em.execute<{ tasks: number; resources: number; requests: number; grants: number; feedback: number; filings: number; lapses: number }[]>(
      `select (select count(*) from task)::int as tasks, (select count(*) from catalog_resource)::int as resources,
              (select count(*) from sharing_request)::int as requests, (select count(*) from sharing_grant)::int as grants,
              (select count(*) from sharing_feedback)::int as feedback, (select count(*) from filing)::int as filings,
              (select count(*) from update_lapse)::int as lapses`,
    );
    console.log(`generated a year for ${departments} departments in ${ms(performance.now() - generationStarted)}: ${JSON.stringify(counts[0])}`);

    const assessment = em.create(Assessment, {
      year: YEAR,
      ...schedule,
      appealWindow: '10wd',
      weights: DEFAULT_INDICATOR_WEIGHTS,
      workflowId: 'bench',
      startedBy: user.id,
    });
    await em.flush();
    await em.execute(
      `insert into assessment_department (id, assessment_id, department_id) select gen_random_uuid(), ?, id from department where code like 'G0%'`,
      [assessment.id],
    );

    const scoringEm = orm.em.fork();
    const measurements = new IndicatorMeasurements(scoringEm);
    const scoring = new AssessmentScoring(
      scoringEm,
      measurements,
      new CalendarService(scoringEm),
      new PolicyService(scoringEm),
      new FilingLedger(scoringEm),
      undefined as unknown as NotificationOutbox, // publication is not timed here
    );

    const snapshotStarted = performance.now();
    await scoring.takeMidYearSnapshots(assessment.id);
    console.log(`mid-year snapshot (measure + store, ${departments} departments): ${ms(performance.now() - snapshotStarted)}`);

    const started = performance.now();
    const { timings } = await scoring.scoreYearEnd(assessment.id);
    const total = performance.now() - started;
    const stored = await scoringEm.execute<{ scorecards: number; refs: number; bytes: number }[]>(
      `select count(*)::int as scorecards,
              sum((select sum(jsonb_array_length(i->'evidence')) from jsonb_array_elements(indicators) i))::int as refs,
              sum(pg_column_size(indicators))::int as bytes
       from assessment_scorecard where assessment_id = ?`,
      [assessment.id],
    );
    console.log(`year-end scoring of ${timings.departments} departments: total ${ms(total)}`);
    console.log(`  measure (8 set-based queries over the year) ${ms(timings.measureMs)}`);
    console.log(`  score and store the scorecards             ${ms(timings.storeMs)}`);
    console.log(`  other (reads, appeal window)               ${ms(total - timings.measureMs - timings.storeMs)}`);
    console.log(`  stored ${stored[0]!.scorecards} scorecards with ${stored[0]!.refs} evidence refs (${(stored[0]!.bytes / 1e6).toFixed(1)} MB of indicators)`);

    const again = performance.now();
    await scoring.scoreYearEnd(assessment.id);
    console.log(`run again (idempotent: finds the scorecards stored): ${ms(performance.now() - again)}`);
  });
}

function paramsFor(sql: string, yearStart: Date, userId: string): unknown[] {
  // Positional `?` in order of appearance of $1/$2.
  return [...sql.matchAll(/\$([12])/g)].map((match) => (match[1] === '1' ? yearStart : userId));
}

const ms = (value: number) => `${value.toFixed(0)} ms`;

runBenchmark(main);
