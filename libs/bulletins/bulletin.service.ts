import { createHash } from 'node:crypto';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Bulletin } from '../database/entities/index.js';
import { DocumentRenderer } from '../documents/document-renderer.service.js';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import { monthOf, monthPeriod, periodLabel, previousMonth, startOfShanghaiDay } from '../domain/reporting-periods.js';
import { NotificationOutbox } from '../notifications/notification-outbox.service.js';
import { DepartmentStandings, type DepartmentStanding } from '../supervision/department-standings.js';
import type { Period } from '../supervision/indicator-measurements.js';
import { LateObligations } from './late-obligations.query.js';

export interface BulletinPeriod extends Period {
  label: string;
}

/** What the filing of a bulletin records: enough to prove later what was published. */
export interface BulletinSummary {
  label: string;
  from: string;
  to: string;
  ranking: Pick<DepartmentStanding, 'rank' | 'code' | 'name' | 'score'>[];
  lateCount: number;
  htmlSha256: string;
}

const WHAT_LABELS = { overdue_task: '逾期未办', update_lapse: '数据未按时更新', late_monthly_report: '月报逾期报送', late_campaign_filing: '报送活动逾期报送' } as const;

/**
 * Bulletins (通报, seed 003 三(三): 定期通报): compiled from the standings and the late list,
 * rendered once, filed, then published to every department. Steps called from activities are idempotent.
 */
@Injectable()
export class BulletinService {
  constructor(
    private readonly em: EntityManager,
    private readonly standings: DepartmentStandings,
    private readonly lateObligations: LateObligations,
    private readonly renderer: DocumentRenderer,
    private readonly notifications: NotificationOutbox,
  ) {}

  /** Claims the period: one bulletin per period. `existing` returns the one already claimed instead of refusing. */
  async reserve(period: BulletinPeriod, requestedBy: string | null, ifClaimed: 'existing' | 'conflict'): Promise<Bulletin> {
    try {
      const bulletin = this.em.create(Bulletin, { label: period.label, periodFrom: period.from, periodTo: period.to, requestedBy });
      await this.em.flush();
      return bulletin;
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      this.em.clear();
      if (ifClaimed === 'conflict') throw new ConflictError(`a bulletin for ${period.label} has already been issued`);
      return this.em.findOneOrFail(Bulletin, { periodFrom: period.from, periodTo: period.to });
    }
  }

  /**
   * The scheduled bulletin claims the time since the previous bulletin (the month before, for the
   * first) up to the start of today; null when there is nothing new to cover.
   */
  async reserveNext(now: Date): Promise<Bulletin | null> {
    const [previous] = await this.em.find(Bulletin, {}, { orderBy: { periodTo: 'desc' }, limit: 1, fields: ['periodTo'] });
    const to = startOfShanghaiDay(now);
    const from = previous?.periodTo ?? monthPeriod(previousMonth(monthOf(to))).from;
    if (from >= to) return null;
    return this.reserve({ from, to, label: periodLabel({ from, to }) }, null, 'existing');
  }

  async compile(bulletinId: string): Promise<BulletinSummary> {
    const bulletin = await this.em.findOneOrFail(Bulletin, { id: bulletinId });
    if (!bulletin.html) {
      const period = { from: bulletin.periodFrom, to: bulletin.periodTo };
      const standings = await this.standings.rank(period);
      const late = await this.lateObligations.list(period, new Date());
      bulletin.standings = standings;
      bulletin.late = late;
      bulletin.compiledAt = new Date();
      bulletin.html = await this.renderer.render('supervision/bulletin', {
        label: bulletin.label,
        from: bulletin.periodFrom.toISOString(),
        to: new Date(bulletin.periodTo.getTime() - 1).toISOString(),
        compiledAt: bulletin.compiledAt.toISOString(),
        standings,
        late: late.map((item) => ({ ...item, whatLabel: WHAT_LABELS[item.what] })),
      });
      await this.em.flush();
    }
    return summaryOf(bulletin);
  }

  /** Marks the bulletin published under its filing and tells every department. */
  async publish(bulletinId: string, filingSeq: number): Promise<void> {
    const notificationIds = await this.em.transactional(async (tx) => {
      const bulletin = await tx.findOneOrFail(Bulletin, { id: bulletinId });
      if (bulletin.status === 'published') return [];
      Object.assign(bulletin, { status: 'published', filingSeq, publishedAt: new Date() });
      return this.notifications.record(tx, {
        recipients: { role: 'staff' },
        template: 'bulletin-published',
        subject: `政务信息资源共享工作通报（${bulletin.label}）`,
        data: { label: bulletin.label },
        path: `/bulletins/${bulletin.id}`,
        dedupeKey: `bulletin:${bulletin.id}:published`,
      });
    });
    await this.notifications.dispatch(notificationIds);
  }

  async list(limit: number, offset: number): Promise<{ items: Bulletin[]; total: number }> {
    const [items, total] = await this.em.findAndCount(
      Bulletin,
      { status: 'published' },
      { orderBy: { periodFrom: 'desc', periodTo: 'desc' }, limit, offset, exclude: ['html', 'standings', 'late'] },
    );
    return { items, total };
  }

  async published(id: string): Promise<Bulletin> {
    const bulletin = await this.em.findOne(Bulletin, { id, status: 'published' });
    if (!bulletin) throw new NotFoundError(`no published bulletin ${id}`);
    return bulletin;
  }
}

function summaryOf(bulletin: Bulletin): BulletinSummary {
  const standings = (bulletin.standings ?? []) as DepartmentStanding[];
  return {
    label: bulletin.label,
    from: bulletin.periodFrom.toISOString(),
    to: bulletin.periodTo.toISOString(),
    ranking: standings.map(({ rank, code, name, score }) => ({ rank, code, name, score })),
    lateCount: bulletin.late?.length ?? 0,
    htmlSha256: createHash('sha256').update(bulletin.html ?? '').digest('hex'),
  };
}
