import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

export type AgreementStatus = 'awaiting_signatures' | 'awaiting_filing' | 'returned' | 'acknowledged' | 'cancelled';
export type AgreementParty = 'requester' | 'provider';

/** What the agreement says, fixed when its version is drawn up: enough to render it again. */
export interface AgreementContent {
  requestId: string;
  resourceName: string;
  requesterDepartmentId: string;
  requesterDepartmentName: string;
  providerDepartmentId: string;
  providerDepartmentName: string;
  dataItems: string[];
  purpose: string;
  purposeDetail: string;
  scope: string;
  method: string;
  validUntil: string | null;
  /** The secrecy bureau's reasons for returning the previous version, when this one corrects it. */
  corrects?: { version: number; reasons: string } | null;
  draftedAt: string;
}

export interface AgreementSignature {
  party: AgreementParty;
  departmentId: string;
  userId: string;
  signedAt: string;
}

/** One version of a request's 政务信息共享安全保密协议, its signatures and the secrecy bureau's filing. */
@Entity({ tableName: 'sharing_agreement' })
export class SharingAgreement {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  requestId!: string;

  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'json' })
  content!: AgreementContent;

  @Property({ type: 'json' })
  signatures: AgreementSignature[] = [];

  @Property({ type: 'string' })
  status!: AgreementStatus;

  @Property({ type: 'text', nullable: true })
  filingComment?: string | null;

  @Property({ type: 'uuid', nullable: true })
  filedBy?: string | null;

  @Property({ type: 'datetime', nullable: true })
  filedAt?: Date | null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
