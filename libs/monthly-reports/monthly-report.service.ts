import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/principal.js';
import { Department, MonthlyReport, MonthlyReportRound, Task } from '../database/entities/index.js';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import type { MonthKey } from '../domain/reporting-periods.js';
import type { TaskCompletion } from '../domain/task-kinds.js';
import { MonthlyActivity } from './monthly-activity.query.js';

/** What a report's workflow needs, fixed when the round opens. */
export interface MonthlyReportSubject {
  reportId: string;
  departmentId: string;
  departmentName: string;
  month: string;
  dueAt: string;
}

export interface MonthlyReportFilter {
  month?: string;
  departmentId?: string;
  status?: MonthlyReport['status'];
  late?: boolean;
  limit: number;
  offset: number;
}

/** Levels that report monthly: 各部门、各区(县) (seed 000 六(一)). */
const REPORTING_LEVELS = ['city', 'district'] as const;

/**
 * Monthly reports (seed 000 六(一)(二)2): a round per month opens one report per reporting
 * department; each is pre-filled from the month's records and submitted by the department.
 * Methods called from activities are idempotent.
 */
@Injectable()
export class MonthlyReportService {
  constructor(
    private readonly em: EntityManager,
    private readonly activity: MonthlyActivity,
    private readonly access: AccessPolicy,
  ) {}

  /**
   * Opens the round and its reports in one transaction. `created` is false when the round was
   * already open: the reports are returned again so that their workflows can be (re)started.
   */
  async openRound(month: MonthKey, dueAt: Date, openedBy: string | null): Promise<{ created: boolean; reports: MonthlyReportSubject[] }> {
    const created = await this.em.transactional(async (tx) => {
      const inserted = await tx.execute<{ month: string }[]>(
        'insert into monthly_report_round (month, due_at, opened_by, opened_at) values (?, ?, ?, now()) on conflict do nothing returning month',
        [month, dueAt.toISOString(), openedBy],
      );
      if (inserted.length === 0) return false;
      await tx.execute(
        `insert into monthly_report (id, month, department_id, due_at, status, created_at)
         select gen_random_uuid(), ?, id, ?, 'open', now() from department where level in (?, ?)`,
        [month, dueAt.toISOString(), ...REPORTING_LEVELS],
      );
      return true;
    });
    const reports = await this.em.find(MonthlyReport, { month }, { orderBy: { departmentId: 'asc' } });
    const names = new Map(
      (await this.em.find(Department, { id: { $in: reports.map((r) => r.departmentId) } })).map((d) => [d.id, d.name]),
    );
    return {
      created,
      reports: reports.map((report) => ({
        reportId: report.id,
        departmentId: report.departmentId,
        departmentName: names.get(report.departmentId) ?? '',
        month: report.month,
        dueAt: report.dueAt.toISOString(),
      })),
    };
  }

  /** Records the department's submission once; late when it comes after the due time. */
  async submit(completion: TaskCompletion): Promise<MonthlyReport> {
    return this.em.transactional(async (tx) => {
      const report = await tx.findOneOrFail(MonthlyReport, { id: await this.reportIdOfTask(tx, completion.taskId) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (report.status === 'submitted') return report;
      const submittedAt = new Date();
      Object.assign(report, {
        status: 'submitted',
        figures: await this.activity.figures(report.departmentId, report.month as MonthKey),
        progress: String(completion.payload!.progress).trim(),
        problems: String(completion.payload!.problems).trim(),
        submittedBy: completion.completedBy,
        submittedAt,
        late: submittedAt > report.dueAt,
      });
      return report;
    });
  }

  async list(principal: Principal, filter: MonthlyReportFilter): Promise<{ items: MonthlyReport[]; total: number }> {
    const where = {
      ...(filter.departmentId ? { departmentId: filter.departmentId } : {}),
      ...this.access.departmentScope(principal),
      ...(filter.month ? { month: filter.month } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.late === undefined ? {} : filter.late ? { late: true } : { late: { $ne: true } }),
    };
    const [items, total] = await this.em.findAndCount(MonthlyReport, where, {
      orderBy: { month: 'desc', dueAt: 'asc', id: 'asc' },
      limit: filter.limit,
      offset: filter.offset,
    });
    return { items, total };
  }

  /** One report as its viewer may see it; an open one shows the figures counted up to now (they are frozen at submission). */
  async report(principal: Principal, id: string): Promise<MonthlyReport> {
    const report = await this.visibleReport(principal, id);
    if (report.status === 'open') report.figures = await this.activity.figures(report.departmentId, report.month as MonthKey);
    return report;
  }

  /** The report, without counting its figures; 404 for a department that may not see it. */
  async visibleReport(principal: Principal, id: string): Promise<MonthlyReport> {
    const report = await this.em.findOne(MonthlyReport, { id });
    if (!report || !this.access.canSeeDepartment(principal, report.departmentId)) throw new NotFoundError(`no monthly report ${id}`);
    return report;
  }

  /** The department's report task while the report waits for it. */
  openTask(reportId: string): Promise<Task | null> {
    return this.em.findOne(Task, { subjectType: 'monthly_report', subjectId: reportId, status: 'open' });
  }

  async round(month: string): Promise<MonthlyReportRound | null> {
    return this.em.findOne(MonthlyReportRound, { month });
  }

  private async reportIdOfTask(tx: EntityManager, taskId: string): Promise<string> {
    const [row] = await tx.execute<{ subject_id: string }[]>(`select subject_id from task where id = ? and subject_type = 'monthly_report'`, [taskId]);
    if (!row) throw new ConflictError(`task ${taskId} is not a monthly report task`);
    return row.subject_id;
  }
}
