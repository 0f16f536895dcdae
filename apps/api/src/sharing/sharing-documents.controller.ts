import { EntityManager } from '@mikro-orm/postgresql';
import { Controller, Get, Param, ParseUUIDPipe, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AccessPolicy } from '../../../../libs/auth/access-policy.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import { CatalogResourceVersion, Department, Filing, SharingRequest, User } from '../../../../libs/database/entities/index.js';
import { NotFoundError } from '../../../../libs/domain/errors.js';
import { AuditLog } from '../../../../libs/audit/audit-log.service.js';
import { concernedDepartments } from '../../../../libs/domain/sharing.js';
import { AgreementService } from '../../../../libs/sharing/agreement.service.js';
import { SharingService, statusLabel } from '../../../../libs/sharing/sharing.service.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { type DocumentFormat, DocumentResponder, DocumentRoute, NegotiatedDocumentFormat } from '../common/documents.js';
import { visibleRequest } from './visible-request.js';

export const SHARING_DOCUMENTS = ['application', 'agreement', 'refusal-report', 'decision'] as const;
type SharingDocument = (typeof SHARING_DOCUMENTS)[number];

const PURPOSE_LABELS: Record<string, string> = {
  administrative_basis: '作为行政依据',
  work_reference: '工作参考',
  data_verification: '数据校核',
  business_collaboration: '业务协同',
  other: '其他',
};
const METHOD_LABELS: Record<string, string> = { api: '接口服务', file: '文件交换', table_sync: '库表同步' };
const DECISION_LABELS: Record<string, string> = { order_provide: '责成提供部门提供', uphold_refusal: '维持不予共享' };
const DECIDER_LABELS: Record<string, string> = { info_office: '市信息办', leadership_group: '市信息化工作领导小组' };
const REASON_LABELS: Record<string, string> = {
  refused: '提供部门拒绝共享',
  missed_deadline: '提供部门逾期未答复',
  non_delivery: '提供部门未按约定提供',
  renewal_refused: '提供部门不同意延续共享授权',
  renewal_missed_deadline: '提供部门逾期未答复延续申请',
};
const PARTY_LABELS: Record<string, string> = { requester: '需求方', provider: '提供方' };

/**
 * The documents of a sharing request (申请表、保密协议、拒绝共享情况报告、协调决定), as HTML rendered
 * from the Handlebars templates under libs/documents/templates/sharing, or that HTML printed as a PDF.
 * Seen by whoever may see the request.
 */
@ApiTags('sharing requests')
@ApiBearerAuth()
@Controller('sharing-requests')
export class SharingDocumentsController {
  constructor(
    private readonly em: EntityManager,
    private readonly sharing: SharingService,
    private readonly agreements: AgreementService,
    private readonly access: AccessPolicy,
    private readonly documents: DocumentResponder,
    private readonly audit: AuditLog,
  ) {}

  @Get(':id/documents/:name')
  @DocumentRoute()
  async document(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('name') name: string,
    @NegotiatedDocumentFormat() format: DocumentFormat,
  ): Promise<StreamableFile> {
    if (!(SHARING_DOCUMENTS as readonly string[]).includes(name)) {
      throw new NotFoundError(`no document '${name}'; the documents are ${SHARING_DOCUMENTS.join(', ')}`);
    }
    const request = await this.visible(user, id);
    const data = await this.documentData(request, name as SharingDocument);
    await this.auditIfConfidential(user, request, name, format);
    return this.documents.send(format, { template: `sharing/${name}`, data, filename: `sharing-request-${request.id}-${name}` });
  }

  /** Who read which document of a confidential resource's request is audited (the secrecy bureau reviews it). */
  private async auditIfConfidential(user: Principal, request: SharingRequest, document: string, format: DocumentFormat): Promise<void> {
    const version = await this.em.findOneOrFail(CatalogResourceVersion, { resourceId: request.resourceId, version: request.resourceVersion });
    if (!version.confidential) return;
    await this.audit.confidentialRead(user, 'confidential_document_read', { type: 'sharing_request', id: request.id }, { document, format, resourceId: request.resourceId });
  }

  private async documentData(request: SharingRequest, name: SharingDocument): Promise<Record<string, unknown>> {
    const [departments, version] = await Promise.all([
      this.em.find(Department, { id: { $in: concernedDepartments(request) } }),
      this.em.findOneOrFail(CatalogResourceVersion, { resourceId: request.resourceId, version: request.resourceVersion }),
    ]);
    const departmentName = (departmentId: string) => departments.find((d) => d.id === departmentId)?.name ?? departmentId;
    const common = {
      request: {
        id: request.id,
        status: request.status,
        statusLabel: statusLabel(request.status),
        createdAt: request.createdAt.toISOString(),
        requesterDepartmentName: departmentName(request.requesterDepartmentId),
        providerDepartmentName: departmentName(request.providerDepartmentId),
        resourceName: version.name,
        dataItems: request.dataItems,
        purposeLabel: PURPOSE_LABELS[request.purpose] ?? request.purpose,
        purposeDetail: request.purposeDetail,
        scope: request.scope,
        methodLabel: METHOD_LABELS[request.method] ?? request.method,
        validUntil: request.validUntil?.toISOString() ?? null,
      },
      renderedAt: new Date().toISOString(),
    };
    if (name === 'application') {
      const applicant = await this.em.findOne(User, { id: request.createdBy });
      const onward = request.sourceGrantId
        ? { sourceGrantId: request.sourceGrantId, intermediaryDepartmentName: departmentName(request.intermediaryDepartmentId!) }
        : null;
      return { ...common, applicantName: applicant?.displayName ?? null, confidential: version.confidential, onward };
    }
    if (name === 'agreement') {
      const agreement = await this.agreements.latest(request.id);
      if (!agreement) throw new NotFoundError(`request ${request.id} has no confidentiality agreement`);
      const signers = await this.userNames(agreement.signatures.map((s) => s.userId).concat(agreement.filedBy ? [agreement.filedBy] : []));
      const { content } = agreement;
      return {
        ...common,
        agreement: {
          version: agreement.version,
          status: agreement.status,
          ...content,
          methodLabel: METHOD_LABELS[content.method] ?? content.method,
          purposeLabel: PURPOSE_LABELS[content.purpose] ?? content.purpose,
          signatures: agreement.signatures.map((s) => ({ ...s, partyLabel: PARTY_LABELS[s.party], signerName: signers.get(s.userId) ?? s.userId })),
          acknowledged: agreement.status === 'acknowledged',
          filedAt: agreement.filedAt?.toISOString() ?? null,
          filedByName: agreement.filedBy ? (signers.get(agreement.filedBy) ?? agreement.filedBy) : null,
          filingComment: agreement.filingComment ?? null,
        },
      };
    }
    if (name === 'refusal-report') {
      const reported = await this.latestFiling(request.id, 'sharing.refusal_reported');
      const refusedEvent = (await this.sharing.timeline(request.id)).filter((event) => event.type === 'refused_by_provider').at(-1);
      if (!reported && !refusedEvent) throw new NotFoundError(`request ${request.id} has no refusal to report`);
      const reason = (reported?.payload.reason as string | undefined) ?? 'refused';
      return {
        ...common,
        report: {
          reasonLabel: REASON_LABELS[reason] ?? reason,
          reasons: (reported?.payload.reasons as string | undefined) ?? (refusedEvent?.detail?.reasons as string | undefined) ?? '',
          at: (reported?.at ?? refusedEvent!.at).toISOString(),
          filingSeq: reported?.seq ?? null,
        },
      };
    }
    const decided = await this.latestFiling(request.id, 'sharing.escalation_decided');
    if (!decided) throw new NotFoundError(`request ${request.id} has no coordination decision`);
    const payload = decided.payload as { decision?: string; decidedBy?: string; comment?: string | null; reason?: string; reasons?: string };
    return {
      ...common,
      decision: {
        decisionLabel: DECISION_LABELS[payload.decision ?? ''] ?? payload.decision,
        deciderLabel: DECIDER_LABELS[payload.decidedBy ?? ''] ?? payload.decidedBy,
        comment: payload.comment ?? null,
        reasonLabel: REASON_LABELS[payload.reason ?? ''] ?? payload.reason,
        reasons: payload.reasons ?? '',
        at: decided.at.toISOString(),
        filingSeq: decided.seq,
        hash: decided.hash,
      },
    };
  }

  private latestFiling(requestId: string, kind: string): Promise<Filing | null> {
    return this.em.findOne(Filing, { subjectType: 'sharing_request', subjectId: requestId, kind }, { orderBy: { seq: 'desc' } });
  }

  private async userNames(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const users = await this.em.find(User, { id: { $in: [...new Set(ids)] } });
    return new Map(users.map((u) => [u.id, u.displayName]));
  }

  /** As for GET /sharing-requests/:id. */
  private visible(user: Principal, id: string): Promise<SharingRequest> {
    return visibleRequest(this.em, this.access, user, id);
  }
}
