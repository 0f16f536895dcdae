import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/principal.js';
import { arrangementDays, arrangementHash, assertValidArrangement, type HolidayArrangement } from '../calendar/arrangement.js';
import { noticeTitle } from '../calendar/official-calendar.js';
import { CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR } from '../calendar/statutory-holidays.js';
import { dateColumnText } from '../calendar/working-days.js';
import { CalendarYear, Task } from '../database/entities/index.js';
import { ConflictError, InvalidInputError } from '../domain/errors.js';
import { CALENDAR_EDITORS } from '../domain/roles.js';
import { FilingLedger } from '../filings/filing-ledger.service.js';
import { completeTaskUpdate } from '../../workflows/lib/task-messages.js';
import { CalendarRecomputations, type RecomputationOutcome } from './calendar-recomputations.js';

/** Imports of one year wait for each other: the second sees the first's result. */
const IMPORT_LOCK_ID = 7_240_320;
const ANSWER_WAIT_MS = 20_000;

export interface ImportResult extends Partial<RecomputationOutcome> {
  year: number;
  status: 'official';
  reference: string;
  title: string;
  /** False when the same arrangement was imported before: nothing changed. */
  changed: boolean;
  holidays: number;
  adjustedWorkingDays: number;
  /** Days edited by hand that the official arrangement replaced. */
  replacedManualDays: string[];
  filingSeq?: number;
}

/**
 * The info office imports a year's official holiday arrangement: the year's stored days are replaced by the
 * notice's (manual edits included — the notice is the authority), the year becomes official, the import is
 * filed with the info office, every open deadline whose span touches the year is recomputed, and the year's
 * `calendar_import` task is completed. Importing the same arrangement again changes nothing.
 */
@Injectable()
export class ImportHolidayArrangement {
  private readonly logger = new Logger(ImportHolidayArrangement.name);

  constructor(
    private readonly em: EntityManager,
    private readonly filings: FilingLedger,
    private readonly recomputations: CalendarRecomputations,
    private readonly access: AccessPolicy,
    private readonly temporal: Client,
  ) {}

  async execute(principal: Principal, year: number, arrangement: HolidayArrangement, format: 'json' | 'ics'): Promise<ImportResult> {
    this.access.requireAnyRole(principal, CALENDAR_EDITORS, 'importing a holiday arrangement');
    if (!Number.isInteger(year) || year < CALENDAR_FIRST_YEAR || year > CALENDAR_LAST_YEAR) {
      throw new InvalidInputError(`year must be within ${CALENDAR_FIRST_YEAR}–${CALENDAR_LAST_YEAR}`, [{ field: 'year', message: 'out of range' }]);
    }
    assertValidArrangement(year, arrangement);
    const contentHash = arrangementHash(arrangement);
    const days = arrangementDays(arrangement);
    const title = arrangement.title ?? noticeTitle(year);
    const summary = {
      year,
      status: 'official' as const,
      reference: arrangement.reference,
      title,
      holidays: days.filter((day) => !day.isWorkingDay).length,
      adjustedWorkingDays: days.filter((day) => day.isWorkingDay).length,
    };

    const imported = await this.em.transactional(async (tx) => {
      await tx.execute('select pg_advisory_xact_lock(?)', [IMPORT_LOCK_ID]);
      const existing = await tx.findOne(CalendarYear, { year });
      if (existing?.contentHash === contentHash) return null;
      const replaced = await tx.execute<{ date: string | Date; source: string }[]>(
        `delete from calendar_day where date between ? and ? returning date, source`,
        [`${year}-01-01`, `${year}-12-31`],
      );
      const replacedManualDays = replaced.filter((row) => row.source === 'manual').map((row) => dateColumnText(row.date)).sort();
      await tx.execute(
        `insert into calendar_day (date, is_working_day, note, source, updated_by, updated_at)
         select v.date, v.is_working_day, v.note, 'official', ?, now()
         from jsonb_to_recordset(?::jsonb) as v(date date, is_working_day boolean, note text)`,
        [principal.id, JSON.stringify(days.map((day) => ({ date: day.date, is_working_day: day.isWorkingDay, note: day.note })))],
      );
      const filing = await this.filings.append({
        kind: 'calendar.arrangement_imported',
        authority: 'info_office',
        subjectType: 'calendar_year',
        subjectId: String(year),
        departmentIds: [principal.departmentId],
        payload: {
          year,
          reference: arrangement.reference,
          title,
          format,
          contentHash,
          holidays: arrangement.holidays,
          workdays: arrangement.workdays,
          replacedReference: existing?.reference ?? null,
          replacedManualDays,
          importedBy: principal.id,
        },
        idempotencyKey: `calendar-arrangement:${year}:${contentHash}`,
      });
      await tx.upsert(CalendarYear, {
        year,
        reference: arrangement.reference,
        title,
        contentHash,
        importedBy: principal.id,
        importedAt: new Date(),
        filingSeq: filing.seq,
      });
      const jobId = await this.recomputations.begin(tx, {
        cause: 'arrangement_import',
        fromDate: `${year}-01-01`,
        toDate: `${year}-12-31`,
        requestedBy: principal.id,
      });
      return { replacedManualDays, filingSeq: filing.seq, jobId };
    });

    if (!imported) {
      const existing = await this.em.findOneOrFail(CalendarYear, { year }, { refresh: true });
      return { ...summary, changed: false, replacedManualDays: [], filingSeq: existing.filingSeq ?? undefined };
    }
    await this.completeImportTask(year, principal);
    const outcome = await this.recomputations.outcome(imported.jobId, ANSWER_WAIT_MS);
    return { ...summary, changed: true, replacedManualDays: imported.replacedManualDays, filingSeq: imported.filingSeq, ...outcome };
  }

  /** The reminder's task for the year, if one is open, is done by this import. */
  private async completeImportTask(year: number, principal: Principal): Promise<void> {
    const task = await this.em.findOne(Task, { kind: 'calendar_import', subjectType: 'calendar_year', subjectId: String(year), status: 'open' });
    if (!task) return;
    try {
      await this.temporal.workflow
        .getHandle(task.workflowId)
        .executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, outcome: 'imported', completedBy: principal.id }] });
    } catch (error) {
      // Completed a moment ago by hand, or its process ended: the import stands either way.
      if (error instanceof ConflictError) return;
      this.logger.warn(`calendar_import task ${task.id} not completed: ${String(error)}`);
    }
  }
}
