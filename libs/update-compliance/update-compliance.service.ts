import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { updateLapseWorkflow, updateRecordedSignal, type RecordedUpdate } from '../../workflows/update-lapse.workflow.js';
import { CalendarService, parseDuration } from '../calendar/calendar.service.js';
import type { PolicyDuration } from '../calendar/policy-duration.js';
import { PolicyService } from '../calendar/policy.service.js';
import { addDaysIso, shanghaiDate } from '../calendar/working-days.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ResourceUpdate, UpdateLapse } from '../database/entities/index.js';
import type { UpdateFrequency } from '../domain/catalog.js';
import {
  INTERVAL_FREQUENCIES,
  latestPassedFloorWindow,
  missedUpdates,
  UPDATE_INTERVAL_POLICIES,
  type IntervalFrequency,
  type UpdateRule,
  type UpdateRuleOptions,
} from '../domain/update-obligation.js';
import { NotificationOutbox } from '../notifications/notification-outbox.service.js';
import { workflowIds } from '../temporal/workflow-ids.js';

/** What a lapse's workflow needs to know about it. */
export interface LapseSubject {
  lapseId: string;
  resourceId: string;
  resourceName: string;
  resourceIdentifier: string;
  providerDepartmentId: string;
  frequency: UpdateFrequency;
  rule: UpdateRule;
  dueAt: string;
  detectedAt: string;
  /** The first update recorded after the due time, when one already was. */
  updateSinceDue: RecordedUpdate | null;
}

export interface LapseFilter {
  departmentId?: string;
  status?: 'open' | 'resolved';
  resourceId?: string;
  limit: number;
  offset: number;
}

interface ObligationRow {
  resource_id: string;
  provider_department_id: string;
  frequency: UpdateFrequency;
  published_at: Date;
  last_update: Date | null;
  window_update: Date | null;
  open_rules: UpdateRule[];
}

/** Starting lapse workflows this many at a time keeps a first sweep over thousands of lapses quick but polite. */
const START_CONCURRENCY = 20;

/**
 * The update-compliance sweep and the lapses it records. Detection is one read of every published
 * resource with the two update times the rule needs, the rule applied in memory, and one insert.
 */
@Injectable()
export class UpdateCompliance {
  private readonly logger = new Logger(UpdateCompliance.name);

  constructor(
    private readonly em: EntityManager,
    private readonly policies: PolicyService,
    private readonly calendar: CalendarService,
    private readonly notifications: NotificationOutbox,
    private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Records each missed update once (the unique key makes a repeated or concurrent sweep a no-op). */
  async detectLapses(now = new Date()): Promise<{ checked: number; detected: number }> {
    const window = latestPassedFloorWindow(now);
    // The rule looks only at the latest update and at whether one fell inside the floor window, so those two suffice.
    const rows = await this.em.execute<ObligationRow[]>(
      `select r.id as resource_id, r.provider_department_id, v.update_frequency as frequency,
              coalesce(first.decided_at, r.published_at) as published_at,
              (select max(u.recorded_at) from resource_update u where u.resource_id = r.id) as last_update,
              (select max(u.recorded_at) from resource_update u
                where u.resource_id = r.id and u.recorded_at >= ? and u.recorded_at <= ?) as window_update,
              coalesce(open.rules, '{}') as open_rules
       from catalog_resource r
       join catalog_resource_version v on v.resource_id = r.id and v.version = r.published_version
       left join catalog_resource_version first on first.resource_id = r.id and first.version = 1
       left join (select resource_id, array_agg(distinct rule) as rules from update_lapse
                  where resolved_at is null group by resource_id) open on open.resource_id = r.id
       where r.status = 'published'`,
      [window.opensAt, window.dueAt],
    );
    const options = await this.ruleOptions(rows, now);
    const lapses = rows.flatMap((row) => {
      const updates = [row.last_update, row.window_update].filter((at): at is Date => at !== null).map((at) => new Date(at));
      const obligation = { frequency: row.frequency, publishedAt: new Date(row.published_at), updates };
      return missedUpdates(obligation, now, options)
        // One open lapse per resource and rule: a provider already behind is not counted again until it catches up.
        .filter((due) => !openRules(row).includes(due.rule))
        .map((due) => ({
          id: randomUUID(),
          resource_id: row.resource_id,
          provider_department_id: row.provider_department_id,
          frequency: row.frequency,
          rule: due.rule,
          due_at: due.dueAt.toISOString(),
          detected_at: now.toISOString(),
        }));
    });
    if (lapses.length === 0) return { checked: rows.length, detected: 0 };
    const inserted = await this.em.execute<{ id: string }[]>(
      `insert into update_lapse (id, resource_id, provider_department_id, frequency, rule, due_at, detected_at)
       select id, resource_id, provider_department_id, frequency, rule, due_at, detected_at
       from jsonb_to_recordset(?::jsonb) as l(id uuid, resource_id uuid, provider_department_id uuid, frequency text,
                                               rule text, due_at timestamptz, detected_at timestamptz)
       on conflict (resource_id, due_at) do nothing
       returning id`,
      [JSON.stringify(lapses)],
    );
    return { checked: rows.length, detected: inserted.length };
  }

  /**
   * Starts the workflow of every lapse whose start is still owed, this sweep's and any a crash left
   * behind. The workflow id is the lapse's, so a start repeated by a retry finds the one running.
   */
  async startLapseProcesses(): Promise<number> {
    const pending = await this.em.find(UpdateLapse, { processStartedAt: null }, { fields: ['id'], orderBy: { detectedAt: 'asc' } });
    let next = 0;
    const startNext = async (): Promise<void> => {
      for (let lapse = pending[next++]; lapse; lapse = pending[next++]) {
        await this.temporal.workflow.start(updateLapseWorkflow, {
          workflowId: workflowIds.updateLapse(lapse.id),
          taskQueue: this.config.temporal.taskQueue,
          args: [{ lapseId: lapse.id }],
          workflowIdConflictPolicy: 'USE_EXISTING',
        });
        await this.em.nativeUpdate(UpdateLapse, { id: lapse.id }, { processStartedAt: new Date() });
      }
    };
    await Promise.all(Array.from({ length: START_CONCURRENCY }, startNext));
    return pending.length;
  }

  /** Open lapses whose resource has been updated since they fell due: their workflows are told again (a signal may have been lost). */
  async remindResolvableLapses(): Promise<number> {
    const rows = await this.em.execute<(RecordedUpdateRow & { lapse_id: string })[]>(
      `select l.id as lapse_id, u.id, u.recorded_at, u.recorded_by, u.note
       from update_lapse l
       join lateral (select * from resource_update u where u.resource_id = l.resource_id and u.recorded_at > l.due_at
                     order by u.recorded_at limit 1) u on true
       where l.resolved_at is null and l.process_started_at is not null`,
    );
    for (const row of rows) {
      await this.signalLapse(row.lapse_id, recordedUpdate(row));
    }
    return rows.length;
  }

  /** Tells the workflows of the resource's open lapses that an update was recorded. */
  async signalOpenLapses(resourceId: string, update: RecordedUpdate): Promise<void> {
    const open = await this.em.find(UpdateLapse, { resourceId, resolvedAt: null, processStartedAt: { $ne: null } }, { fields: ['id'] });
    for (const lapse of open) await this.signalLapse(lapse.id, update);
  }

  private async signalLapse(lapseId: string, update: RecordedUpdate): Promise<void> {
    try {
      await this.temporal.workflow.getHandle(workflowIds.updateLapse(lapseId)).signal(updateRecordedSignal, update);
    } catch (error) {
      // A workflow not started yet finds the update itself when it starts; the next sweep retries the rest.
      if (!(error instanceof WorkflowNotFoundError)) this.logger.warn(`telling lapse ${lapseId} of an update failed: ${String(error)}`);
    }
  }

  async subject(lapseId: string): Promise<LapseSubject> {
    const [row] = await this.em.execute<(LapseRow & { update_id: string | null; update_recorded_at: Date | null; update_recorded_by: string | null; update_note: string | null })[]>(
      `select l.*, v.name as resource_name, r.identifier as resource_identifier,
              u.id as update_id, u.recorded_at as update_recorded_at, u.recorded_by as update_recorded_by, u.note as update_note
       from ${LAPSES_WITH_RESOURCE_NAMES}
       left join lateral (select * from resource_update u where u.resource_id = l.resource_id and u.recorded_at > l.due_at
                          order by u.recorded_at limit 1) u on true
       where l.id = ?`,
      [lapseId],
    );
    if (!row) throw new Error(`no update lapse ${lapseId}`);
    return {
      lapseId: row.id,
      ...lapseFacts(row),
      updateSinceDue: row.update_id
        ? recordedUpdate({ id: row.update_id, recorded_at: row.update_recorded_at!, recorded_by: row.update_recorded_by!, note: row.update_note! })
        : null,
    };
  }

  async linkTask(lapseId: string, taskId: string): Promise<void> {
    await this.em.nativeUpdate(UpdateLapse, { id: lapseId }, { taskId });
  }

  /** Marks the lapse resolved by an update (or by none, when the resource left the catalog) and tells the provider, once. */
  async resolve(lapseId: string, updateId: string | null): Promise<{ resolvedAt: string }> {
    const { resolvedAt, notificationIds } = await this.em.transactional(async (tx) => {
      const lapse = await tx.findOneOrFail(UpdateLapse, { id: lapseId });
      if (lapse.resolvedAt) return { resolvedAt: lapse.resolvedAt, notificationIds: [] };
      const update = updateId ? await tx.findOneOrFail(ResourceUpdate, { id: updateId }) : null;
      lapse.resolvedAt = update?.recordedAt ?? new Date();
      lapse.resolvedByUpdateId = update?.id ?? null;
      const subject = await this.subjectNames(tx, lapse.resourceId);
      const notificationIds = await this.notifications.record(tx, {
        recipients: { role: 'staff', departmentId: lapse.providerDepartmentId },
        template: 'update-lapse-resolved',
        subject: `数据更新逾期事项已办结：${subject.name}`,
        data: { resourceName: subject.name, identifier: subject.identifier, dueAt: lapse.dueAt.toISOString(), rule: lapse.rule, updated: Boolean(update) },
        path: `/catalog/resources/${lapse.resourceId}/updates`,
        dedupeKey: `update-lapse:${lapse.id}:resolved`,
      });
      return { resolvedAt: lapse.resolvedAt, notificationIds };
    });
    await this.notifications.dispatch(notificationIds);
    return { resolvedAt: resolvedAt.toISOString() };
  }

  async lapses(filter: LapseFilter) {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.departmentId) {
      where.push('l.provider_department_id = ?');
      params.push(filter.departmentId);
    }
    if (filter.resourceId) {
      where.push('l.resource_id = ?');
      params.push(filter.resourceId);
    }
    if (filter.status) where.push(filter.status === 'open' ? 'l.resolved_at is null' : 'l.resolved_at is not null');
    const rows = await this.em.execute<
      (LapseRow & { total: string; provider_name: string | null; task_status: string | null; task_due_at: Date | null; task_overdue_at: Date | null })[]
    >(
      `select l.*, v.name as resource_name, r.identifier as resource_identifier, count(*) over () as total,
              d.name as provider_name, t.status as task_status, t.due_at as task_due_at, t.overdue_at as task_overdue_at
       from ${LAPSES_WITH_RESOURCE_NAMES}
       left join department d on d.id = l.provider_department_id
       left join task t on t.id = l.task_id
       ${where.length ? `where ${where.join(' and ')}` : ''}
       order by l.detected_at desc, l.id
       limit ? offset ?`,
      [...params, filter.limit, filter.offset],
    );
    return {
      items: rows.map((row) => ({
        id: row.id,
        ...lapseFacts(row),
        provider: row.provider_name === null ? undefined : { id: row.provider_department_id, name: row.provider_name },
        status: row.resolved_at ? ('resolved' as const) : ('open' as const),
        resolvedAt: row.resolved_at ? new Date(row.resolved_at).toISOString() : undefined,
        resolvedByUpdateId: row.resolved_by_update_id ?? undefined,
        task: row.task_id
          ? { id: row.task_id, status: row.task_status, dueAt: row.task_due_at && new Date(row.task_due_at).toISOString(), overdue: Boolean(row.task_overdue_at) }
          : undefined,
      })),
      total: Number(rows[0]?.total ?? 0),
    };
  }

  private async subjectNames(em: EntityManager, resourceId: string): Promise<{ name: string; identifier: string }> {
    const [row] = await em.execute<{ name: string; identifier: string }[]>(
      `select v.name, r.identifier from catalog_resource r
       join catalog_resource_version v on v.resource_id = r.id and v.version = coalesce(r.published_version, r.working_version)
       where r.id = ?`,
      [resourceId],
    );
    return row!;
  }

  /** The update-interval policies in force, and the working-day calendar when an interval is given in working days. */
  private async ruleOptions(rows: ObligationRow[], now: Date): Promise<UpdateRuleOptions> {
    const entries = await Promise.all(
      INTERVAL_FREQUENCIES.map(async (frequency) => [frequency, parseDuration(await this.policies.value(UPDATE_INTERVAL_POLICIES[frequency]))] as const),
    );
    const intervals = Object.fromEntries(entries) as Record<IntervalFrequency, PolicyDuration>;
    if (!entries.some(([, interval]) => interval.kind === 'working_days') || rows.length === 0) return { intervals };
    const earliest = rows.reduce((min, row) => Math.min(min, new Date(row.last_update ?? row.published_at).getTime()), now.getTime());
    const calendar = await this.calendar.calendarBetween(shanghaiDate(new Date(earliest)), addDaysIso(shanghaiDate(now), 400));
    return { intervals, isWorkingDay: calendar.isWorkingDay };
  }
}

/** Lapses `l` with their resource `r` and its version `v` as shown: the published one, or the working one before publication. */
const LAPSES_WITH_RESOURCE_NAMES = `update_lapse l
       join catalog_resource r on r.id = l.resource_id
       join catalog_resource_version v on v.resource_id = r.id and v.version = coalesce(r.published_version, r.working_version)`;

interface LapseRow {
  id: string;
  resource_id: string;
  resource_name: string;
  resource_identifier: string;
  provider_department_id: string;
  frequency: UpdateFrequency;
  rule: UpdateRule;
  due_at: Date;
  detected_at: Date;
  resolved_at: Date | null;
  resolved_by_update_id: string | null;
  task_id: string | null;
}

function lapseFacts(row: LapseRow) {
  return {
    resourceId: row.resource_id,
    resourceName: row.resource_name,
    resourceIdentifier: row.resource_identifier,
    providerDepartmentId: row.provider_department_id,
    frequency: row.frequency,
    rule: row.rule,
    dueAt: new Date(row.due_at).toISOString(),
    detectedAt: new Date(row.detected_at).toISOString(),
  };
}

interface RecordedUpdateRow {
  id: string;
  recorded_at: Date;
  recorded_by: string;
  note: string;
}

function recordedUpdate(row: RecordedUpdateRow): RecordedUpdate {
  return { updateId: row.id, recordedAt: new Date(row.recorded_at).toISOString(), recordedBy: row.recorded_by, note: row.note };
}

/** Postgres hands back `text[]` from array_agg as a JS array; be lenient with its literal form all the same. */
function openRules(row: ObligationRow): string[] {
  const rules = row.open_rules as unknown;
  return Array.isArray(rules) ? rules : String(rules).replace(/[{}]/g, '').split(',').filter(Boolean);
}
