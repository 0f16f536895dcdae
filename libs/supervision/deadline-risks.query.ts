import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { CalendarService } from '../calendar/calendar.service.js';
import { PolicyService } from '../calendar/policy.service.js';
import { rolesSatisfying, type Role } from '../domain/roles.js';

export interface DeadlineRisk {
  taskId: string;
  kind: string;
  title: string;
  subjectType: string;
  subjectId: string;
  dueAt: string;
  /** The due date counts days of a year whose official arrangement is not published yet. */
  provisional: boolean;
  provisionalReason?: string;
  risk: 'overdue' | 'due_soon';
  assigneeRole: Role;
  department: { id: string; name: string } | null;
  /** The people who can act on the task and have not: whoever holds the role in the department. */
  blockedBy: { userId: string; displayName: string }[];
}

export interface DeadlineRiskFilter {
  departmentId?: string;
  kind?: string;
  /** A duration ("2wd", "P3D"); defaults to the policy `supervision.riskHorizon`. */
  within?: string;
  limit: number;
  offset: number;
}

/**
 * Open tasks likely to be missed: past due, or due within the horizon. One query for the list and
 * one for the people behind it, never a workflow query.
 */
@Injectable()
export class DeadlineRisks {
  constructor(
    private readonly em: EntityManager,
    private readonly calendar: CalendarService,
    private readonly policies: PolicyService,
  ) {}

  async list(filter: DeadlineRiskFilter): Promise<{ horizonEnd: string; items: DeadlineRisk[]; total: number }> {
    const now = new Date();
    const horizonEnd = await this.calendar.deadline(now, filter.within ?? (await this.policies.value('supervision.riskHorizon')));
    const where = `t.status = 'open' and t.due_at <= ?::timestamptz
      and (?::uuid is null or t.assignee_department_id = ?::uuid) and (?::text is null or t.kind = ?::text)`;
    const params = [horizonEnd.toISOString(), filter.departmentId ?? null, filter.departmentId ?? null, filter.kind ?? null, filter.kind ?? null];
    const [{ total }] = (await this.em.execute<{ total: number }[]>(`select count(*)::int as total from task t where ${where}`, params)) as [{ total: number }];
    const rows = await this.em.execute<
      { id: string; kind: string; title: string; subject_type: string; subject_id: string; due_at: Date; created_at: Date; deadline_policy: string; assignee_role: Role; department_id: string | null; department_name: string | null }[]
    >(
      `select t.id, t.kind, t.title, t.subject_type, t.subject_id, t.due_at, t.created_at, t.deadline_policy, t.assignee_role,
              d.id as department_id, d.name as department_name
       from task t left join department d on d.id = t.assignee_department_id
       where ${where} order by t.due_at, t.id limit ? offset ?`,
      [...params, filter.limit, filter.offset],
    );
    const provisional = await this.calendar.provisionalMarker();
    const people = await this.peopleFor(rows.map((row) => ({ role: row.assignee_role, departmentId: row.department_id })));
    return {
      horizonEnd: horizonEnd.toISOString(),
      total,
      items: rows.map((row) => ({
        taskId: row.id,
        kind: row.kind,
        title: row.title,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        dueAt: new Date(row.due_at).toISOString(),
        ...provisional({ from: new Date(row.created_at), dueAt: new Date(row.due_at), deadlinePolicy: row.deadline_policy }),
        risk: new Date(row.due_at) < now ? 'overdue' : 'due_soon',
        assigneeRole: row.assignee_role,
        department: row.department_id ? { id: row.department_id, name: row.department_name! } : null,
        blockedBy: people.get(assigneeKey(row.assignee_role, row.department_id)) ?? [],
      })),
    };
  }

  private async peopleFor(assignees: { role: Role; departmentId: string | null }[]) {
    const people = new Map<string, { userId: string; displayName: string }[]>();
    const distinct = [...new Map(assignees.map((a) => [assigneeKey(a.role, a.departmentId), a])).values()];
    for (const { role, departmentId } of distinct) {
      const users = await this.em.execute<{ id: string; display_name: string }[]>(
        `select id, display_name from app_user where active and roles && ?::text[] and (?::uuid is null or department_id = ?::uuid) order by username`,
        [`{${rolesSatisfying(role).join(',')}}`, departmentId, departmentId],
      );
      people.set(assigneeKey(role, departmentId), users.map((u) => ({ userId: u.id, displayName: u.display_name })));
    }
    return people;
  }
}

function assigneeKey(role: Role, departmentId: string | null) {
  return `${role}:${departmentId ?? ''}`;
}
