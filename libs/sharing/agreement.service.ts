import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  Department,
  SharingAgreement,
  SharingRequest,
  type AgreementContent,
  type AgreementParty,
  type AgreementStatus,
} from '../database/entities/index.js';
import type { SharingTerms } from '../domain/sharing.js';

export interface DraftAgreement {
  requestId: string;
  version: number;
  terms: SharingTerms;
  resourceName: string;
  validUntil: string | null;
  corrects?: { version: number; reasons: string } | null;
}

export interface AgreementSigning {
  requestId: string;
  version: number;
  party: AgreementParty;
  departmentId: string;
  userId: string;
}

export interface AgreementFiling {
  requestId: string;
  version: number;
  status: Extract<AgreementStatus, 'awaiting_filing' | 'returned' | 'acknowledged' | 'cancelled'>;
  comment?: string | null;
  by?: string | null;
}

/**
 * The confidentiality agreements (政务信息共享安全保密协议, seed 001 §三(五)) of sharing requests:
 * each version as drawn up, who signed it, and how the secrecy bureau filed it. Every method is
 * idempotent: the agreement workflow calls them from activities that may be retried.
 */
@Injectable()
export class AgreementService {
  constructor(private readonly em: EntityManager) {}

  async draft(draft: DraftAgreement): Promise<{ agreementId: string; version: number }> {
    const em = this.em.fork();
    const existing = await em.findOne(SharingAgreement, { requestId: draft.requestId, version: draft.version });
    if (existing) return { agreementId: existing.id, version: existing.version };
    const request = await em.findOneOrFail(SharingRequest, { id: draft.requestId });
    const departments = await em.find(Department, { id: { $in: [request.requesterDepartmentId, request.providerDepartmentId] } });
    const nameOf = (id: string) => departments.find((department) => department.id === id)?.name ?? id;
    const content: AgreementContent = {
      requestId: request.id,
      resourceName: draft.resourceName,
      requesterDepartmentId: request.requesterDepartmentId,
      requesterDepartmentName: nameOf(request.requesterDepartmentId),
      providerDepartmentId: request.providerDepartmentId,
      providerDepartmentName: nameOf(request.providerDepartmentId),
      dataItems: draft.terms.dataItems,
      purpose: request.purpose,
      purposeDetail: request.purposeDetail,
      scope: draft.terms.scope,
      method: draft.terms.method,
      validUntil: draft.validUntil,
      corrects: draft.corrects ?? null,
      draftedAt: new Date().toISOString(),
    };
    const id = crypto.randomUUID();
    const inserted = await em.getConnection().execute<{ id: string }[]>(
      `insert into sharing_agreement (id, request_id, version, content, signatures, status, created_at)
       values (?, ?, ?, ?, '[]', 'awaiting_signatures', ?) on conflict (request_id, version) do nothing returning id`,
      [id, draft.requestId, draft.version, JSON.stringify(content), new Date()],
    );
    if (inserted.length > 0) return { agreementId: id, version: draft.version };
    const row = await em.findOneOrFail(SharingAgreement, { requestId: draft.requestId, version: draft.version });
    return { agreementId: row.id, version: row.version };
  }

  async sign(signing: AgreementSigning): Promise<void> {
    await this.em.fork().transactional(async (tx) => {
      const agreement = await tx.findOneOrFail(SharingAgreement, { requestId: signing.requestId, version: signing.version }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (agreement.signatures.some((signature) => signature.party === signing.party)) return;
      agreement.signatures = [
        ...agreement.signatures,
        { party: signing.party, departmentId: signing.departmentId, userId: signing.userId, signedAt: new Date().toISOString() },
      ];
    });
  }

  async file(filing: AgreementFiling): Promise<void> {
    const em = this.em.fork();
    const agreement = await em.findOne(SharingAgreement, { requestId: filing.requestId, version: filing.version });
    // A withdrawal may come before the version is drawn up; an acknowledged agreement stays so.
    if (!agreement || agreement.status === filing.status || agreement.status === 'acknowledged') return;
    agreement.status = filing.status;
    if (filing.status === 'returned' || filing.status === 'acknowledged') {
      Object.assign(agreement, { filingComment: filing.comment ?? null, filedBy: filing.by ?? null, filedAt: new Date() });
    }
    await em.flush();
  }

  /** The newest version of a request's agreement, if it has one. */
  latest(requestId: string): Promise<SharingAgreement | null> {
    return this.em.findOne(SharingAgreement, { requestId }, { orderBy: { version: 'desc' } });
  }
}
