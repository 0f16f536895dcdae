import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { LateObligation } from '../database/entities/index.js';
import { ROLE_BODY_LABELS, type Role } from '../domain/roles.js';
import type { Period } from '../supervision/indicator-measurements.js';

/**
 * Who is late on what, as a bulletin names them: tasks open past their due time, published
 * resources whose update is overdue and not yet made, and the period's monthly reports and campaign filings
 * that came late (a campaign's missing filings are its tasks open past due).
 */
@Injectable()
export class LateObligations {
  constructor(private readonly em: EntityManager) {}

  async list(period: Period, asOf: Date): Promise<LateObligation[]> {
    const rows = await this.em.execute<
      { department_id: string | null; department_name: string | null; assignee_role: Role | null; what: LateObligation['what']; title: string; due_at: Date; subject_type: string; subject_id: string }[]
    >(
      `select t.assignee_department_id as department_id, d.name as department_name, t.assignee_role,
              'overdue_task' as what, t.title, t.due_at, t.subject_type, t.subject_id
         from task t left join department d on d.id = t.assignee_department_id
        where t.status = 'open' and t.due_at < ?::timestamptz
       union all
       select l.provider_department_id, d.name, null, 'update_lapse', v.name, l.due_at, 'catalog_resource', l.resource_id::text
         from update_lapse l
         join department d on d.id = l.provider_department_id
         join catalog_resource c on c.id = l.resource_id
         join catalog_resource_version v on v.resource_id = c.id and v.version = c.published_version
        where l.resolved_at is null and l.due_at < ?::timestamptz
       union all
       select r.department_id, d.name, null, 'late_monthly_report', r.month || ' 月报', r.due_at, 'monthly_report', r.id::text
         from monthly_report r join department d on d.id = r.department_id
        where r.late and r.submitted_at >= ?::timestamptz and r.submitted_at < ?::timestamptz
       union all
       select f.department_id, d.name, null, 'late_campaign_filing', c.name || '：' || f.phase_key, t.due_at, 'campaign_filing', f.id::text
         from campaign_filing f
         join filing_campaign c on c.id = f.campaign_id
         join department d on d.id = f.department_id
         join task t on t.kind = 'campaign_filing' and t.subject_type = 'campaign_phase' and t.subject_id = f.campaign_id::text || '/' || f.phase_key
                    and t.assignee_department_id = f.department_id and t.task_key = 'filing-1'
        where f.round = 1 and f.submitted_at > t.due_at and f.submitted_at >= ?::timestamptz and f.submitted_at < ?::timestamptz
       order by 2 nulls first, 6, 5`,
      [asOf.toISOString(), asOf.toISOString(), period.from.toISOString(), period.to.toISOString(), period.from.toISOString(), period.to.toISOString()],
    );
    return rows.map((row) => ({
      departmentId: row.department_id,
      holder: row.department_name ?? ROLE_BODY_LABELS[row.assignee_role!],
      what: row.what,
      title: row.title,
      dueAt: new Date(row.due_at).toISOString(),
      subjectType: row.subject_type,
      subjectId: row.subject_id,
    }));
  }
}
