import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  INDICATOR_KEYS,
  measurement,
  type EvidenceRef,
  type IndicatorKey,
  type IndicatorMeasurement,
} from '../domain/indicators.js';
import type { TaskKind } from '../domain/task-kinds.js';

export interface Period {
  from: Date;
  /** Exclusive. */
  to: Date;
}

interface CountRow {
  department_id: string;
  numerator: number;
  denominator: number;
  evidence: string[];
  exceptions: string[] | null;
}

/** Task kinds whose timeliness each timeliness indicator counts. */
export const TIMELINESS_KINDS = {
  on_time_answers: ['provider_review', 'renewal_review', 'demand_response', 'objection_verification'],
  agreements_on_time: ['agreement_signature'],
  monthly_reports_on_time: ['monthly_report'],
  /** Each round's filing task: the first due at the phase's deadline, a correction within its own time. */
  campaign_filings_on_time: ['campaign_filing'],
} as const satisfies Partial<Record<IndicatorKey, readonly (TaskKind | 'monthly_report')[]>>;

/**
 * Measures every indicator for many departments at once: one set-based query per indicator over
 * the period, grouped by department, so a year-end run for a thousand departments costs a handful
 * of queries, not thousands.
 */
@Injectable()
export class IndicatorMeasurements {
  constructor(private readonly em: EntityManager) {}

  /** Measurements per department id; departments without any record get empty (null-valued) measurements. */
  async measure(period: Period, departmentIds?: string[]): Promise<Map<string, IndicatorMeasurement[]>> {
    const scope = departmentIds ? `{${departmentIds.join(',')}}` : null;
    const rowsByKey = new Map<IndicatorKey, CountRow[]>();
    for (const key of INDICATOR_KEYS) rowsByKey.set(key, await this.count(key, period, scope));

    const ids =
      departmentIds ??
      (await this.em.execute<{ id: string }[]>('select id from department order by code')).map((row) => row.id);
    const result = new Map<string, IndicatorMeasurement[]>(ids.map((id) => [id, []]));
    for (const key of INDICATOR_KEYS) {
      const byDepartment = new Map(rowsByKey.get(key)!.map((row) => [row.department_id, row]));
      for (const id of ids) {
        const row = byDepartment.get(id);
        const type = EVIDENCE_TYPE[key];
        result
          .get(id)!
          .push(
            row
              ? measurement(key, row.numerator, row.denominator, refs(type, row.evidence), refs(type, row.exceptions ?? []))
              : measurement(key, 0, 0),
          );
      }
    }
    return result;
  }

  private count(key: IndicatorKey, period: Period, scope: string | null): Promise<CountRow[]> {
    const from = period.from.toISOString();
    const to = period.to.toISOString();
    switch (key) {
      case 'on_time_answers':
      case 'agreements_on_time':
      case 'monthly_reports_on_time':
        return this.taskTimeliness(TIMELINESS_KINDS[key], from, to, scope);
      case 'campaign_filings_on_time':
        // A campaign withdraws the tasks still open when it closes: one withdrawn after its deadline was missed.
        return this.taskTimeliness(TIMELINESS_KINDS[key], from, to, scope, { withdrawnOverdueCount: true });
      case 'catalog_completeness':
        return this.rows(
          `${PUBLISHED_RESOURCES}
           select r.provider_department_id as department_id,
                  count(*) filter (where r.complete)::int as numerator, count(*)::int as denominator,
                  array_agg(r.id::text order by r.identifier) as evidence,
                  array_agg(r.id::text order by r.identifier) filter (where not r.complete) as exceptions
           from published r group by 1`,
          [to, from, scope, scope],
        );
      case 'update_compliance':
        return this.rows(
          `${PUBLISHED_RESOURCES},
           lapsed as (select distinct resource_id from update_lapse where due_at >= ?::timestamptz and due_at < ?::timestamptz)
           select r.provider_department_id as department_id,
                  count(*) filter (where l.resource_id is null)::int as numerator, count(*)::int as denominator,
                  array_agg(r.id::text order by r.identifier) as evidence,
                  array_agg(r.id::text order by r.identifier) filter (where l.resource_id is not null) as exceptions
           from published r left join lapsed l on l.resource_id = r.id group by 1`,
          [to, from, scope, scope, from, to],
        );
      case 'catalog_quality':
        return this.rows(
          `select c.provider_department_id as department_id,
                  count(*) filter (where t.outcome = 'approve')::int as numerator, count(*)::int as denominator,
                  array_agg(t.id::text order by t.closed_at) as evidence,
                  array_agg(t.id::text order by t.closed_at) filter (where t.outcome <> 'approve') as exceptions
           from task t join catalog_resource c on c.id::text = t.subject_id
           where t.kind = 'catalog_review' and t.status = 'done'
             and t.closed_at >= ?::timestamptz and t.closed_at < ?::timestamptz
             and (?::uuid[] is null or c.provider_department_id = any(?::uuid[]))
           group by 1`,
          [from, to, scope, scope],
        );
      case 'refusals_overturned':
        return this.rows(
          `select r.provider_department_id as department_id,
                  count(*) filter (where f.payload->>'decision' = 'order_provide')::int as numerator,
                  count(*)::int as denominator,
                  array_agg(r.id::text order by f.seq) as evidence,
                  array_agg(r.id::text order by f.seq) filter (where f.payload->>'decision' = 'order_provide') as exceptions
           from filing f join sharing_request r on r.id::text = f.subject_id
           where f.kind = 'sharing.escalation_decided' and f.subject_type = 'sharing_request'
             and f.at >= ?::timestamptz and f.at < ?::timestamptz
             and (?::uuid[] is null or r.provider_department_id = any(?::uuid[]))
           group by 1`,
          [from, to, scope, scope],
        );
      case 'feedback_given':
        return this.rows(
          `select r.requester_department_id as department_id,
                  count(*) filter (where fb.given)::int as numerator, count(*)::int as denominator,
                  array_agg(r.id::text order by g.granted_at) as evidence,
                  array_agg(r.id::text order by g.granted_at) filter (where not fb.given) as exceptions
           from sharing_grant g
           join sharing_request r on r.id = g.request_id
           cross join lateral (
             select exists (select 1 from sharing_feedback f where f.request_id = r.id
                            and f.created_at >= ?::timestamptz and f.created_at < ?::timestamptz) as given
           ) fb
           where g.granted_at < ?::timestamptz and (g.ended_at is null or g.ended_at >= ?::timestamptz)
             and (?::uuid[] is null or r.requester_department_id = any(?::uuid[]))
           group by 1`,
          [from, to, to, from, scope, scope],
        );
    }
  }

  /**
   * A task counts in the period in which its timeliness became known: when it was done if done by
   * its due time (on time), else at its due time (late, expired, or still open past due, against the
   * assignee department). So each task counts once, and an answer given in December before a
   * January due date counts in December's year. Open tasks not yet due are left out, and so are
   * cancelled ones (the subject was withdrawn) — unless `withdrawnOverdueCount`, where a task withdrawn
   * after passing its deadline open counts as missed (a campaign withdraws what is still open when it closes).
   */
  private taskTimeliness(kinds: readonly string[], from: string, to: string, scope: string | null, options: { withdrawnOverdueCount?: boolean } = {}) {
    const counted = options.withdrawnOverdueCount ? "(status <> 'cancelled' or overdue_at is not null)" : "status <> 'cancelled'";
    return this.rows(
      `select t.assignee_department_id as department_id,
              count(*) filter (where t.on_time)::int as numerator, count(*)::int as denominator,
              array_agg(t.id::text order by t.due_at) as evidence,
              array_agg(t.id::text order by t.due_at) filter (where not t.on_time) as exceptions
       from (select id, assignee_department_id, due_at, (status = 'done' and closed_at <= due_at) as on_time
             from task
             where kind = any(?::text[]) and ${counted} and assignee_department_id is not null
               and least(coalesce(closed_at, due_at), due_at) >= ?::timestamptz
               and least(coalesce(closed_at, due_at), due_at) < ?::timestamptz and (status <> 'open' or due_at <= now())
               and (?::uuid[] is null or assignee_department_id = any(?::uuid[]))) t
       group by 1`,
      [`{${kinds.join(',')}}`, from, to, scope, scope],
    );
  }

  private rows(sql: string, params: unknown[]): Promise<CountRow[]> {
    return this.em.execute<CountRow[]>(sql, params);
  }
}

/** Resources published at the end of the period (or retired during it), with the completeness of their metadata. */
const PUBLISHED_RESOURCES = `
  with published as (
    select c.id, c.identifier, c.provider_department_id,
           (length(trim(v.abstract)) >= 10 and trim(v.classification) <> ''
            and jsonb_array_length(v.data_items) > 0
            and not exists (select 1 from jsonb_array_elements(v.data_items) item
                            where coalesce(trim(item->>'description'), '') = '')) as complete
    from catalog_resource c
    join catalog_resource_version v on v.resource_id = c.id and v.version = c.published_version
    where c.published_at < ?::timestamptz and (c.retired_at is null or c.retired_at >= ?::timestamptz)
      and (?::uuid[] is null or c.provider_department_id = any(?::uuid[]))
  )`;

const EVIDENCE_TYPE: Record<IndicatorKey, EvidenceRef['type']> = {
  catalog_completeness: 'catalog_resource',
  catalog_quality: 'task',
  on_time_answers: 'task',
  refusals_overturned: 'sharing_request',
  agreements_on_time: 'task',
  update_compliance: 'catalog_resource',
  monthly_reports_on_time: 'task',
  feedback_given: 'sharing_request',
  campaign_filings_on_time: 'task',
};

function refs(type: EvidenceRef['type'], ids: string[]): EvidenceRef[] {
  return ids.map((id) => ({ type, id }));
}
