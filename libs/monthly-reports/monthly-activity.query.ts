import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { MonthlyFigures } from '../database/entities/index.js';
import { monthPeriod, type MonthKey } from '../domain/reporting-periods.js';
import { TIMELINESS_KINDS } from '../supervision/indicator-measurements.js';

/**
 * What a department did on the platform in a month, counted from the platform's own records as
 * events of that month (an answer counts in the month it was given): the figures a monthly report
 * is pre-filled with. The answers counted are those of the on-time-answers indicator.
 */
@Injectable()
export class MonthlyActivity {
  constructor(private readonly em: EntityManager) {}

  async figures(departmentId: string, month: MonthKey): Promise<MonthlyFigures> {
    const { from, to } = monthPeriod(month);
    const inMonth = (column: string) => `${column} >= p.from_at and ${column} < p.to_at`;
    const answers = `kind = any(p.answer_kinds) and assignee_department_id = p.department`;
    const [row] = await this.em.execute<Record<string, number>[]>(
      `with p as (select ?::uuid as department, ?::timestamptz as from_at, ?::timestamptz as to_at, ?::text[] as answer_kinds)
       select
         (select count(*) from sharing_request where requester_department_id = p.department and ${inMonth('created_at')})::int as requests_made,
         (select count(*) from sharing_grant g join sharing_request r on r.id = g.request_id
            where r.requester_department_id = p.department and ${inMonth('g.granted_at')})::int as requests_granted,
         (select count(*) from task where ${answers} and status = 'done' and ${inMonth('closed_at')})::int as answers_given,
         (select count(*) from task where ${answers} and status = 'done' and closed_at <= due_at and ${inMonth('closed_at')})::int as answers_on_time,
         (select count(*) from task where ${answers} and ${inMonth('due_at')} and due_at <= now()
            and status in ('expired', 'open'))::int as answers_missed,
         (select count(*) from task where ${answers} and status = 'open')::int as answers_pending,
         (select count(*) from sharing_event e join sharing_request r on r.id = e.request_id
            where e.type = 'escalated' and p.department in (r.requester_department_id, r.provider_department_id) and ${inMonth('e.at')})::int as escalations,
         (select count(*) from catalog_resource where provider_department_id = p.department and ${inMonth('created_at')})::int as resources_registered,
         (select count(*) from catalog_resource_version v join catalog_resource c on c.id = v.resource_id
            where c.provider_department_id = p.department and v.change = 'publish' and v.state in ('approved', 'superseded') and ${inMonth('v.decided_at')})::int as resources_published,
         (select count(*) from catalog_resource_version v join catalog_resource c on c.id = v.resource_id
            where c.provider_department_id = p.department and v.change = 'revise' and v.state in ('approved', 'superseded') and ${inMonth('v.decided_at')})::int as resources_revised,
         (select count(*) from resource_update where provider_department_id = p.department and ${inMonth('recorded_at')})::int as data_updates_recorded,
         (select count(*) from update_lapse where provider_department_id = p.department and ${inMonth('detected_at')})::int as update_lapses,
         (select count(*) from sharing_feedback where requester_department_id = p.department and ${inMonth('created_at')})::int as feedback_given
       from p`,
      [departmentId, from.toISOString(), to.toISOString(), `{${TIMELINESS_KINDS.on_time_answers.join(',')}}`],
    );
    const counts = row!;
    return {
      requestsMade: counts.requests_made!,
      requestsGranted: counts.requests_granted!,
      answersGiven: counts.answers_given!,
      answersOnTime: counts.answers_on_time!,
      answersLate: counts.answers_given! - counts.answers_on_time!,
      answersMissed: counts.answers_missed!,
      answersPending: counts.answers_pending!,
      escalations: counts.escalations!,
      resourcesRegistered: counts.resources_registered!,
      resourcesPublished: counts.resources_published!,
      resourcesRevised: counts.resources_revised!,
      dataUpdatesRecorded: counts.data_updates_recorded!,
      updateLapses: counts.update_lapses!,
      feedbackGiven: counts.feedback_given!,
    };
  }
}
