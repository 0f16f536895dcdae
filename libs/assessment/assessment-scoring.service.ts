import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { CalendarService } from '../calendar/calendar.service.js';
import { PolicyService } from '../calendar/policy.service.js';
import { executeBound } from '../database/bound-query.js';
import { Assessment, type StoredIndicator } from '../database/entities/index.js';
import { finalScore, rankScores, type IndicatorWeights } from '../domain/assessment.js';
import { indicatorPoints, type IndicatorKey, type IndicatorMeasurement } from '../domain/indicators.js';
import { FilingLedger } from '../filings/filing-ledger.service.js';
import { NotificationOutbox } from '../notifications/notification-outbox.service.js';
import { IndicatorMeasurements, type Period } from '../supervision/indicator-measurements.js';
import { scoreChanges } from './assessment.service.js';

/** Rows per insert statement: keeps each statement's JSON parameter well below the protocol's limits. */
const INSERT_BATCH = 250;

export interface ScoringTimings {
  measureMs: number;
  storeMs: number;
  departments: number;
}

/**
 * The set-based steps of the cycle, each run once for all departments of a year: the mid-year
 * snapshot, the year-end scorecards and publication. Each is idempotent: run again, it finds its
 * work done and answers as the first run did.
 */
@Injectable()
export class AssessmentScoring {
  constructor(
    private readonly em: EntityManager,
    private readonly measurements: IndicatorMeasurements,
    private readonly calendar: CalendarService,
    private readonly policies: PolicyService,
    private readonly filings: FilingLedger,
    private readonly notifications: NotificationOutbox,
  ) {}

  /** Measures [year start, mid-year) for every participant and stores it beside the targets then filed. */
  async takeMidYearSnapshots(assessmentId: string): Promise<void> {
    const assessment = await this.em.findOneOrFail(Assessment, { id: assessmentId }, { refresh: true });
    if (assessment.snapshotTakenAt) return;
    const period = { from: assessment.periodFrom, to: assessment.midYearAt };
    const measured = await this.measurements.measure(period, await this.participantIds(assessmentId));
    await this.em.transactional(async (tx) => {
      const rows = [...measured].map(([departmentId, indicators]) => ({
        department_id: departmentId,
        indicators: storedIndicators(indicators, assessment.weights),
      }));
      for (let i = 0; i < rows.length; i += INSERT_BATCH) {
        await executeBound(
          tx,
          `insert into assessment_snapshot (id, assessment_id, department_id, period_from, period_to, indicators, targets, taken_at)
           select gen_random_uuid(), $1, r.department_id, $2, $3, r.indicators,
                  (select jsonb_build_object('round', t.round, 'areas', t.areas, 'reviewOutcome', t.review_outcome)
                   from assessment_target t where t.assessment_id = $1 and t.department_id = r.department_id
                   order by t.round desc limit 1),
                  now()
           from jsonb_to_recordset($4::jsonb) as r(department_id uuid, indicators jsonb)
           on conflict (assessment_id, department_id) do nothing`,
          [assessmentId, period.from, period.to, JSON.stringify(rows.slice(i, i + INSERT_BATCH))],
        );
      }
      await tx.execute(`update assessment set phase = 'midyear', snapshot_taken_at = now() where id = ? and snapshot_taken_at is null`, [assessmentId]);
    });
  }

  /**
   * The year-end batch: measures [year start, year end) for every participant at once, scores each
   * indicator with the year's weights and stores every scorecard with its evidence; then the appeal
   * window opens. Weights are read under the row lock that also closes them to changes.
   */
  async scoreYearEnd(assessmentId: string): Promise<{ appealClosesAt: string; timings: ScoringTimings }> {
    const existing = await this.em.findOneOrFail(Assessment, { id: assessmentId }, { refresh: true });
    if (existing.scoredAt && existing.appealClosesAt) {
      return { appealClosesAt: existing.appealClosesAt.toISOString(), timings: { measureMs: 0, storeMs: 0, departments: 0 } };
    }
    const period: Period = { from: existing.periodFrom, to: existing.yearEndAt };
    const startedAt = performance.now();
    const measured = await this.measurements.measure(period, await this.participantIds(assessmentId));
    const measuredAt = performance.now();
    const appealClosesAt = await this.em.transactional(async (tx) => {
      const [locked] = await tx.execute<{ weights: IndicatorWeights; scored_at: Date | null; appeal_closes_at: Date | null; appeal_window: string | null }[]>(
        'select weights, scored_at, appeal_closes_at, appeal_window from assessment where id = ? for update',
        [assessmentId],
      );
      if (locked!.scored_at && locked!.appeal_closes_at) return new Date(locked!.appeal_closes_at);
      const rows = [...measured].map(([departmentId, indicators]) => {
        const stored = storedIndicators(indicators, locked!.weights);
        return { department_id: departmentId, indicators: stored, total: finalScore(stored, []) };
      });
      for (let i = 0; i < rows.length; i += INSERT_BATCH) {
        await executeBound(
          tx,
          `insert into assessment_scorecard (id, assessment_id, department_id, period_from, period_to, indicators, total, computed_at)
           select gen_random_uuid(), $1, r.department_id, $2, $3, r.indicators, r.total, now()
           from jsonb_to_recordset($4::jsonb) as r(department_id uuid, indicators jsonb, total double precision)
           on conflict (assessment_id, department_id) do nothing`,
          [assessmentId, period.from, period.to, JSON.stringify(rows.slice(i, i + INSERT_BATCH))],
        );
      }
      const scoredAt = new Date();
      const window = await this.appealWindow(locked!.appeal_window);
      const closesAt = await this.calendar.deadline(scoredAt, window);
      await tx.execute(`update assessment set phase = 'appeals', scored_at = ?, appeal_closes_at = ? where id = ?`, [scoredAt, closesAt, assessmentId]);
      return closesAt;
    });
    const storedAt = performance.now();
    return {
      appealClosesAt: appealClosesAt.toISOString(),
      timings: { measureMs: measuredAt - startedAt, storeMs: storedAt - measuredAt, departments: measured.size },
    };
  }

  /**
   * Final scores (adjustments and appeals applied), the ranking, the notice to every participating
   * department and the filing of the results with the supervision office.
   */
  async publish(assessmentId: string): Promise<{ filingSeq: number }> {
    const { assessment, notificationIds } = await this.em.transactional(async (tx) => {
      const [locked] = await tx.execute<{ phase: string }[]>('select phase from assessment where id = ? for update', [assessmentId]);
      const assessment = await tx.findOneOrFail(Assessment, { id: assessmentId }, { refresh: true });
      if (locked!.phase === 'published') return { assessment, notificationIds: [] as string[] };
      const scored = await tx.execute<{ department_id: string; code: string; indicators: StoredIndicator[] | null }[]>(
        `select p.department_id, d.code, s.indicators from assessment_department p
         join department d on d.id = p.department_id
         left join assessment_scorecard s on s.assessment_id = p.assessment_id and s.department_id = p.department_id
         where p.assessment_id = ?`,
        [assessmentId],
      );
      const adjustments = await tx.execute<{ department_id: string; indicator: IndicatorKey | null; points: number; created_at: Date }[]>(
        'select department_id, indicator, points, created_at from assessment_adjustment where assessment_id = ?',
        [assessmentId],
      );
      const appeals = await tx.execute<{ department_id: string; status: 'pending' | 'upheld' | 'amended'; amended_points: number | null; decided_at: Date | null }[]>(
        'select department_id, status, amended_points, decided_at from assessment_appeal where assessment_id = ?',
        [assessmentId],
      );
      const adjustmentsOf = groupBy(adjustments, (a) => a.department_id);
      const appealOf = new Map(appeals.map((a) => [a.department_id, a]));
      const codes = new Map(scored.map((row) => [row.department_id, row.code]));
      const ranking = rankScores(
        scored.map((row) => {
          const appeal = appealOf.get(row.department_id);
          const changes = scoreChanges(
            (adjustmentsOf.get(row.department_id) ?? []).map((a) => ({ indicator: a.indicator, points: a.points, createdAt: new Date(a.created_at) })),
            appeal ? { status: appeal.status, amendedPoints: appeal.amended_points, decidedAt: appeal.decided_at ? new Date(appeal.decided_at) : null } : null,
          );
          return { departmentId: row.department_id, score: row.indicators ? finalScore(row.indicators, changes) : null };
        }),
        (id) => codes.get(id) ?? id,
      );
      await tx.execute(
        `update assessment_department p set final_score = r.score, rank = r.rank
         from jsonb_to_recordset(?::jsonb) as r(department_id uuid, score double precision, rank int)
         where p.assessment_id = ? and p.department_id = r.department_id`,
        [JSON.stringify(ranking.map((r) => ({ department_id: r.departmentId, score: r.score, rank: r.rank }))), assessmentId],
      );
      await tx.execute(`update assessment set phase = 'published', published_at = now() where id = ?`, [assessmentId]);
      const recipients = await tx.execute<{ id: string }[]>(
        `select u.id from app_user u join assessment_department p on p.department_id = u.department_id
         where p.assessment_id = ? and u.active and u.roles && array['staff', 'head']::text[]`,
        [assessmentId],
      );
      const notificationIds = await this.notifications.record(tx, {
        recipients: { userIds: recipients.map((r) => r.id) },
        template: 'assessment-published',
        subject: `${assessment.year}年度信息化水平考核结果已公布`,
        data: { year: assessment.year },
        path: `/assessments/${assessment.year}/results`,
        dedupeKey: `assessment:${assessmentId}:published`,
      });
      return { assessment, notificationIds };
    });
    const filing = await this.filings.append({
      kind: 'assessment.results_published',
      authority: 'supervision_office',
      subjectType: 'assessment',
      subjectId: assessmentId,
      departmentIds: await this.participantIds(assessmentId),
      payload: await this.resultsRecord(assessmentId, assessment.year),
      idempotencyKey: `assessment:${assessmentId}:results`,
    });
    await this.em.execute('update assessment set results_filing_seq = ? where id = ?', [filing.seq, assessmentId]);
    await this.notifications.dispatch(notificationIds);
    return { filingSeq: filing.seq };
  }

  /** What the supervision office receives: the ranking, and every change made to a measured score with its reasons. */
  private async resultsRecord(assessmentId: string, year: number): Promise<Record<string, unknown>> {
    const ranking = await this.em.execute<{ department_id: string; final_score: number | null; rank: number | null }[]>(
      'select department_id, final_score, rank from assessment_department where assessment_id = ? order by rank nulls last, department_id',
      [assessmentId],
    );
    const adjustments = await this.em.execute<{ department_id: string; indicator: string | null; previous_points: number | null; points: number; reason: string; adjusted_by: string }[]>(
      'select department_id, indicator, previous_points, points, reason, adjusted_by from assessment_adjustment where assessment_id = ? order by created_at, id',
      [assessmentId],
    );
    const appeals = await this.em.execute<{ department_id: string; status: string; amended_points: number | null; decision_comment: string | null; decided_by: string | null }[]>(
      'select department_id, status, amended_points, decision_comment, decided_by from assessment_appeal where assessment_id = ? order by filed_at, id',
      [assessmentId],
    );
    return {
      year,
      ranking: ranking.map((row) => ({ departmentId: row.department_id, finalScore: row.final_score, rank: row.rank })),
      adjustments: adjustments.map((a) => ({
        departmentId: a.department_id,
        indicator: a.indicator ?? 'total',
        previousPoints: a.previous_points,
        points: a.points,
        reason: a.reason,
        adjustedBy: a.adjusted_by,
      })),
      appeals: appeals.map((a) => ({
        departmentId: a.department_id,
        outcome: a.status,
        amendedPoints: a.amended_points,
        comment: a.decision_comment,
        decidedBy: a.decided_by,
      })),
    };
  }

  private async participantIds(assessmentId: string): Promise<string[]> {
    const rows = await this.em.execute<{ department_id: string }[]>(
      'select department_id from assessment_department where assessment_id = ? order by department_id',
      [assessmentId],
    );
    return rows.map((row) => row.department_id);
  }

  /** The year's own window when the supervisor gave one, else the policy in force. */
  private appealWindow(configured: string | null): Promise<string> {
    return configured ? Promise.resolve(configured) : this.policies.value('assessment.appealWindow');
  }
}

export function storedIndicators(indicators: IndicatorMeasurement[], weights: Partial<IndicatorWeights>): StoredIndicator[] {
  return indicators.map((m) => ({ ...m, points: indicatorPoints(m), weight: weights[m.key] ?? 0 }));
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
