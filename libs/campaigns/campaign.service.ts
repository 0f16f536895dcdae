import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  campaignClosesAt,
  phaseStanding,
  type CampaignAudience,
  type CampaignDefinition,
  type CampaignPhase,
  type FilingReviewStatus,
  type PhaseStanding,
} from '../domain/campaigns.js';
import { ConflictError } from '../domain/errors.js';
import { FilingLedger } from '../filings/filing-ledger.service.js';
import { sha256Hex, type InspectedAttachment } from './attachment-inspection.js';
import { postgresAttachmentStore, type AttachmentStore } from './attachment-store.js';

export interface CampaignRecord {
  id: string;
  presetKey: string | null;
  year: number;
  name: string;
  definition: CampaignDefinition;
  workflowId: string;
  openedBy: string | null;
  openedAt: string;
  departmentIds: string[];
}

export interface AttachmentRef {
  sha256: string;
  filename: string;
  type: string;
  mediaType: string;
  size: number;
}

export interface CampaignFilingRecord {
  id: string;
  campaignId: string;
  phaseKey: string;
  departmentId: string;
  round: number;
  fields: Record<string, unknown>;
  attachments: AttachmentRef[];
  status: FilingReviewStatus;
  submittedBy: string;
  submittedAt: string;
  reviewOpinion: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  filingSeq: number | null;
}

/** What the campaign workflow needs to run: its phases and whom to ask. */
export interface CampaignPlan {
  campaignId: string;
  name: string;
  year: number;
  phases: CampaignPhase[];
  review: boolean;
  reminder: string;
  /** The filings still open then are withdrawn. */
  closesAt: string;
  departments: { departmentId: string; name: string }[];
}

export interface RollEntry {
  departmentId: string;
  code: string;
  name: string;
  standing: PhaseStanding;
  dueAt: string | null;
  firstSubmittedAt: string | null;
  rounds: number;
  latestFilingId: string | null;
  latestStatus: FilingReviewStatus | null;
  /** The department's task passed its deadline open (it may have filed since). */
  overdue: boolean;
}

export interface AttachmentVerification {
  sha256: string;
  filename: string;
  stored: boolean;
  /** The sha-256 of the bytes stored now: differs from `sha256` when they were changed. */
  actualSha256: string | null;
  ok: boolean;
}

const STANDINGS: PhaseStanding[] = ['on_time', 'late', 'not_yet', 'missing', 'returned'];

const phaseSubject = (campaignId: string, phaseKey: string) => `${campaignId}/${phaseKey}`;

interface CampaignRow {
  id: string;
  preset_key: string | null;
  year: number;
  name: string;
  definition: CampaignDefinition;
  workflow_id: string;
  opened_by: string | null;
  opened_at: Date;
  department_ids: string[] | null;
}

interface FilingRow {
  id: string;
  campaign_id: string;
  phase_key: string;
  department_id: string;
  round: number;
  fields: Record<string, unknown>;
  attachments: AttachmentRef[];
  status: FilingReviewStatus;
  submitted_by: string;
  submitted_at: Date;
  review_opinion: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  filing_seq: number | null;
}

/** A Postgres array literal; its items are checked keys and uuids, never free text. */
const pgArray = (items: readonly string[]) => `{${items.join(',')}}`;

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** Filing campaigns: their definitions, who must file, the filings and their attachments, and the roll. */
@Injectable()
export class CampaignService {
  static readonly phaseSubject = phaseSubject;
  private readonly store: AttachmentStore = postgresAttachmentStore;

  constructor(
    private readonly em: EntityManager,
    private readonly filings: FilingLedger,
  ) {}

  /**
   * The departments an audience names, with someone who can file for them (an active staff member or head).
   * Holders: of a government database not deregistered, or of a published catalog resource.
   */
  async audienceDepartments(audience: CampaignAudience): Promise<string[]> {
    const filer = `exists (select 1 from app_user u where u.department_id = d.id and u.active and u.roles && array['staff', 'head'])`;
    const where =
      audience.kind === 'levels'
        ? ['d.level = any(?::text[])', [pgArray(audience.levels)]]
        : audience.kind === 'departments'
          ? ['d.id = any(?::uuid[])', [pgArray(audience.departmentIds)]]
          : audience.resource === 'government_database'
            ? [`exists (select 1 from government_database g where g.department_id = d.id and g.status <> 'deregistered')`, []]
            : [`exists (select 1 from catalog_resource r where r.provider_department_id = d.id and r.status = 'published')`, []];
    const rows = await this.em.execute<{ id: string }[]>(
      `select d.id from department d where ${where[0] as string} and ${filer} order by d.code`,
      where[1] as unknown[],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Records the campaign and who must file; `start` (the workflow) runs inside the transaction, so a failed
   * start records nothing. A preset opened twice for a year is a conflict.
   */
  async open(
    input: { presetKey: string | null; year: number; definition: CampaignDefinition; openedBy: string | null; departmentIds: string[] },
    workflowIdOf: (campaignId: string) => string,
    start: (campaignId: string, workflowId: string) => Promise<void>,
  ): Promise<CampaignRecord> {
    const id = randomUUID();
    const workflowId = workflowIdOf(id);
    try {
      await this.em.transactional(async (tx) => {
        await tx.execute(
          `insert into filing_campaign (id, preset_key, year, name, definition, workflow_id, opened_by, opened_at)
           values (?, ?, ?, ?, ?::jsonb, ?, ?, now())`,
          [id, input.presetKey, input.year, input.definition.name, JSON.stringify(input.definition), workflowId, input.openedBy],
        );
        if (input.departmentIds.length > 0)
          await tx.execute(
            `insert into filing_campaign_participant (campaign_id, department_id) select ?, unnest(?::uuid[])`,
            [id, pgArray(input.departmentIds)],
          );
        await start(id, workflowId);
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        throw new ConflictError(`the ${input.presetKey} campaign of ${input.year} has already been opened`);
      throw error;
    }
    return (await this.campaign(id))!;
  }

  async presetOpened(presetKey: string, year: number): Promise<boolean> {
    const rows = await this.em.execute('select 1 from filing_campaign where preset_key = ? and year = ?', [presetKey, year]);
    return rows.length > 0;
  }

  async campaign(id: string): Promise<CampaignRecord | null> {
    const [row] = await this.em.execute<CampaignRow[]>(
      `select c.*, (select array_agg(p.department_id order by p.department_id) from filing_campaign_participant p where p.campaign_id = c.id) as department_ids
       from filing_campaign c where c.id = ?`,
      [id],
    );
    if (!row) return null;
    return {
      id: row.id,
      presetKey: row.preset_key,
      year: row.year,
      name: row.name,
      definition: row.definition,
      workflowId: row.workflow_id,
      openedBy: row.opened_by,
      openedAt: iso(row.opened_at)!,
      departmentIds: row.department_ids ?? [],
    };
  }

  async plan(campaignId: string): Promise<CampaignPlan> {
    const campaign = (await this.campaign(campaignId))!;
    const departments = await this.em.execute<{ id: string; name: string }[]>(
      `select d.id, d.name from filing_campaign_participant p join department d on d.id = p.department_id where p.campaign_id = ? order by d.code`,
      [campaignId],
    );
    return {
      campaignId,
      name: campaign.name,
      year: campaign.year,
      phases: campaign.definition.phases,
      review: campaign.definition.review,
      reminder: campaign.definition.reminder,
      closesAt: campaignClosesAt(campaign.year, campaign.definition.phases),
      departments: departments.map((row) => ({ departmentId: row.id, name: row.name })),
    };
  }

  /**
   * Stores the attachments (once per content) and the filing as the next round. Refused while the latest
   * filing awaits review or was accepted: only a returned filing is followed by a corrected one.
   */
  async recordFiling(input: {
    campaignId: string;
    phaseKey: string;
    departmentId: string;
    fields: Record<string, unknown>;
    attachments: InspectedAttachment[];
    submittedBy: string;
  }): Promise<CampaignFilingRecord> {
    const id = randomUUID();
    try {
      await this.em.transactional(async (tx) => {
        const [latest] = await tx.execute<{ round: number; status: FilingReviewStatus }[]>(
          `select round, status from campaign_filing where campaign_id = ? and phase_key = ? and department_id = ? order by round desc limit 1`,
          [input.campaignId, input.phaseKey, input.departmentId],
        );
        if (latest && latest.status !== 'returned')
          throw new ConflictError(
            latest.status === 'accepted' ? 'the filing of this phase has been accepted' : 'the filing of this phase awaits review',
          );
        for (const attachment of input.attachments) {
          await this.store.put(tx, attachment);
        }
        const refs: AttachmentRef[] = input.attachments.map(({ sha256, filename, type, mediaType, size }) => ({ sha256, filename, type, mediaType, size }));
        await tx.execute(
          `insert into campaign_filing (id, campaign_id, phase_key, department_id, round, fields, attachments, status, submitted_by, submitted_at)
           values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, 'submitted', ?, now())`,
          [id, input.campaignId, input.phaseKey, input.departmentId, (latest?.round ?? 0) + 1, JSON.stringify(input.fields), JSON.stringify(refs), input.submittedBy],
        );
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new ConflictError('another filing of this phase was submitted at the same time');
      throw error;
    }
    return (await this.filing(id))!;
  }

  async filing(id: string): Promise<CampaignFilingRecord | null> {
    const [row] = await this.em.execute<FilingRow[]>('select * from campaign_filing where id = ?', [id]);
    return row ? filingRecord(row) : null;
  }

  async latestFiling(campaignId: string, phaseKey: string, departmentId: string): Promise<CampaignFilingRecord | null> {
    const [row] = await this.em.execute<FilingRow[]>(
      'select * from campaign_filing where campaign_id = ? and phase_key = ? and department_id = ? order by round desc limit 1',
      [campaignId, phaseKey, departmentId],
    );
    return row ? filingRecord(row) : null;
  }

  /**
   * The info office's decision on a submitted filing (or the campaign's own, when it does not review): returned
   * with opinions, or accepted and filed (备案) with the info office. Idempotent: a retried activity changes nothing.
   */
  async review(filingId: string, decision: { outcome: 'accept' | 'return'; opinion: string | null; reviewedBy: string | null }): Promise<void> {
    await this.em.execute(
      `update campaign_filing set status = ?, review_opinion = ?, reviewed_by = ?, reviewed_at = now() where id = ? and status = 'submitted'`,
      [decision.outcome === 'accept' ? 'accepted' : 'returned', decision.opinion, decision.reviewedBy, filingId],
    );
    const filing = (await this.filing(filingId))!;
    if (filing.status !== 'accepted' || filing.filingSeq !== null) return;
    const campaign = (await this.campaign(filing.campaignId))!;
    const filed = await this.filings.append({
      kind: 'campaign.filed',
      authority: 'info_office',
      subjectType: 'campaign_filing',
      subjectId: filing.id,
      departmentIds: [filing.departmentId],
      payload: {
        campaignId: campaign.id,
        campaign: campaign.name,
        legalSource: campaign.definition.legalSource,
        phaseKey: filing.phaseKey,
        round: filing.round,
        fields: filing.fields,
        attachments: filing.attachments,
        submittedBy: filing.submittedBy,
        submittedAt: filing.submittedAt,
        reviewedBy: filing.reviewedBy,
      },
      idempotencyKey: `campaign-filing:${filing.id}`,
    });
    await this.em.execute('update campaign_filing set filing_seq = ? where id = ?', [filed.seq, filing.id]);
  }

  /** Each attachment's stored bytes hashed again against the hash the filing recorded. */
  async verifyAttachments(filing: CampaignFilingRecord): Promise<AttachmentVerification[]> {
    const results: AttachmentVerification[] = [];
    for (const ref of filing.attachments) {
      const content = await this.store.get(this.em, ref.sha256);
      const actualSha256 = content ? sha256Hex(content) : null;
      results.push({ sha256: ref.sha256, filename: ref.filename, stored: content !== null, actualSha256, ok: actualSha256 === ref.sha256 });
    }
    return results;
  }

  /** The 备案's payload, for comparing with the filing row: a changed filing no longer matches what was filed. */
  async filedPayload(filingSeq: number): Promise<Record<string, unknown> | null> {
    const [row] = await this.em.execute<{ payload: Record<string, unknown> }[]>('select payload from filing where seq = ?', [filingSeq]);
    return row?.payload ?? null;
  }

  attachmentContent(sha256: string): Promise<Buffer | null> {
    return this.store.get(this.em, sha256);
  }

  /** The department's registered databases, the database survey's pre-filled values. */
  async databaseRegistryPrefill(departmentId: string): Promise<Record<string, unknown>> {
    const rows = await this.em.execute<{ name: string }[]>(
      `select name from government_database where department_id = ? and status <> 'deregistered' order by name`,
      [departmentId],
    );
    return { databaseCount: rows.length, databases: rows.map((row) => row.name).join('\n') };
  }

  /** Per phase, every department asked: on time, late, not yet, missing, returned and not corrected. */
  async roll(campaign: CampaignRecord, now = new Date()) {
    const phases = [];
    for (const phase of campaign.definition.phases) {
      const rows = await this.em.execute<
        {
          department_id: string;
          code: string;
          name: string;
          first_submitted_at: Date | null;
          latest_status: FilingReviewStatus | null;
          latest_filing_id: string | null;
          rounds: number;
          task_due_at: Date | null;
          overdue: boolean;
        }[]
      >(
        `select p.department_id, d.code, d.name,
           (select min(f.submitted_at) from campaign_filing f where f.campaign_id = p.campaign_id and f.phase_key = ? and f.department_id = p.department_id) as first_submitted_at,
           (select f.status from campaign_filing f where f.campaign_id = p.campaign_id and f.phase_key = ? and f.department_id = p.department_id order by f.round desc limit 1) as latest_status,
           (select f.id from campaign_filing f where f.campaign_id = p.campaign_id and f.phase_key = ? and f.department_id = p.department_id order by f.round desc limit 1) as latest_filing_id,
           (select count(*)::int from campaign_filing f where f.campaign_id = p.campaign_id and f.phase_key = ? and f.department_id = p.department_id) as rounds,
           (select t.due_at from task t where t.kind = 'campaign_filing' and t.subject_type = 'campaign_phase' and t.subject_id = ? and t.assignee_department_id = p.department_id order by t.created_at limit 1) as task_due_at,
           exists (select 1 from task t where t.kind = 'campaign_filing' and t.subject_type = 'campaign_phase' and t.subject_id = ? and t.assignee_department_id = p.department_id and t.overdue_at is not null) as overdue
         from filing_campaign_participant p join department d on d.id = p.department_id
         where p.campaign_id = ? order by d.code`,
        [phase.key, phase.key, phase.key, phase.key, phaseSubject(campaign.id, phase.key), phaseSubject(campaign.id, phase.key), campaign.id],
      );
      const fixedDueAt = 'at' in phase.deadline ? new Date(phase.deadline.at) : null;
      const departments: RollEntry[] = rows.map((row) => {
        const dueAt = fixedDueAt ?? (row.task_due_at ? new Date(row.task_due_at) : null);
        const firstSubmittedAt = row.first_submitted_at ? new Date(row.first_submitted_at) : null;
        // A working-day phase whose task has not opened yet has no deadline: nothing is late or missing yet.
        const standing = phaseStanding(firstSubmittedAt, row.latest_status, dueAt ?? new Date(8.64e15), now);
        return {
          departmentId: row.department_id,
          code: row.code,
          name: row.name,
          standing,
          dueAt: dueAt?.toISOString() ?? null,
          firstSubmittedAt: firstSubmittedAt?.toISOString() ?? null,
          rounds: row.rounds,
          latestFilingId: row.latest_filing_id,
          latestStatus: row.latest_status,
          overdue: row.overdue,
        };
      });
      const summary = Object.fromEntries(STANDINGS.map((standing) => [standing, departments.filter((entry) => entry.standing === standing).length]));
      phases.push({ key: phase.key, name: phase.name, dueAt: fixedDueAt?.toISOString() ?? null, summary, departments });
    }
    return { campaignId: campaign.id, name: campaign.name, year: campaign.year, phases };
  }
}

function filingRecord(row: FilingRow): CampaignFilingRecord {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    phaseKey: row.phase_key,
    departmentId: row.department_id,
    round: row.round,
    fields: row.fields,
    attachments: row.attachments,
    status: row.status,
    submittedBy: row.submitted_by,
    submittedAt: iso(row.submitted_at)!,
    reviewOpinion: row.review_opinion,
    reviewedBy: row.reviewed_by,
    reviewedAt: iso(row.reviewed_at),
    filingSeq: row.filing_seq,
  };
}
