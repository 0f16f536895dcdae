/**
 * Update-compliance sweep benchmark: generates published resources of every frequency with a history of
 * recorded updates in a database of its own, then times the sweep's detection (one read, one insert)
 * twice: the first run records the lapses, the second finds them recorded already.
 *   node dist/bench/update-compliance.bench.js [resources=10000] [updatesPerResource=40]
 */
import { CalendarService } from '../libs/calendar/calendar.service.js';
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import pg from 'pg';
import { PolicyService } from '../libs/calendar/policy.service.js';
import { Policy } from '../libs/database/entities/index.js';
import { UPDATE_FREQUENCIES } from '../libs/domain/catalog.js';
import { DEFAULT_POLICIES } from '../libs/domain/policies.js';
import type { NotificationOutbox } from '../libs/notifications/notification-outbox.service.js';
import { UpdateCompliance } from '../libs/update-compliance/update-compliance.service.js';
import { runBenchmark, withScratchDatabase } from './scratch-database.js';

const [resources = 10_000, updatesPerResource = 40] = process.argv.slice(2).map(Number);
const DAY = 86_400_000;

async function main() {
  await withScratchDatabase('updates', 'staff', async ({ config, em, url, department, user }) => {
    for (const [key, { value, description }] of Object.entries(DEFAULT_POLICIES)) em.create(Policy, { key, value, description });
    await em.flush();

    const bulk = new pg.Client({ connectionString: url });
    await bulk.connect();
    const started = Date.now();
    const now = Date.now();
    const batch = 500;
    for (let offset = 0; offset < resources; offset += batch) {
      const ids = Array.from({ length: Math.min(batch, resources - offset) }, () => randomUUID());
      const published = new Date(now - 400 * DAY);
      await bulk.query(
        `insert into catalog_resource (id, identifier, provider_department_id, status, published_version, working_version, created_at, updated_at, published_at)
         select id, 'JC-BENCH/' || lpad((n + $3::int)::text, 6, '0'), $2::uuid, 'published', 1, 1, $4, $4, $4
         from unnest($1::uuid[]) with ordinality as t(id, n)`,
        [ids, department.id, offset, published],
      );
      await bulk.query(
        `insert into catalog_resource_version (resource_id, version, metadata_identifier, state, change, name, abstract, catalog, classification,
                                               sharing_type, sharing_methods, open_scope, update_frequency, confidential, data_items, created_by,
                                               created_at, updated_at, decided_at)
         select id, 1, 'JC-BENCH/' || lpad((n + $3::int)::text, 6, '0') || '-v1', 'approved', 'publish', '资源' || n, '摘要', 'base', '基准',
                'conditional', '{api}', 'internal', ($4::text[])[1 + (n + $3::int) % 5], false, '[]', $2::uuid, $5, $5, $5
         from unnest($1::uuid[]) with ordinality as t(id, n)`,
        [ids, user.id, offset, [...UPDATE_FREQUENCIES], published],
      );
      // Every resource has a history of updates; one in four stopped updating 45 days ago.
      await bulk.query(
        `insert into resource_update (id, resource_id, provider_department_id, recorded_at, recorded_by)
         select gen_random_uuid(), id, $2::uuid,
                $4::timestamptz - (case when n % 4 = 0 then interval '45 days' else interval '0' end) - (k * interval '1 day') * (1 + n % 7),
                $3::uuid
         from unnest($1::uuid[]) with ordinality as t(id, n), generate_series(0, $5::int - 1) as k`,
        [ids, department.id, user.id, new Date(now), updatesPerResource],
      );
    }
    await bulk.query('analyze');
    await bulk.end();
    console.log(`generated ${resources} published resources with ${resources * updatesPerResource} recorded updates in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    // Detection touches neither Temporal nor the notification outbox.
    const compliance = new UpdateCompliance(em, new PolicyService(em), new CalendarService(em), null as unknown as NotificationOutbox, null as unknown as Client, config);
    for (const label of ['first sweep (records the lapses)', 'second sweep (nothing new)']) {
      em.clear();
      const t0 = process.hrtime.bigint();
      const result = await compliance.detectLapses(new Date(now));
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      console.log(`${label.padEnd(34)} ${ms.toFixed(0)} ms  checked ${result.checked}, new lapses ${result.detected}`);
    }
  });
}

runBenchmark(main);
