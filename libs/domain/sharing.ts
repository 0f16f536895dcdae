import type { SharingMethod } from './catalog.js';

export const PURPOSES = ['administrative_basis', 'work_reference', 'data_verification', 'business_collaboration', 'other'] as const;
export type Purpose = (typeof PURPOSES)[number];

export const SHARING_STATUSES = [
  'submitted',
  'awaiting_provider',
  'negotiating',
  'escalated',
  'awaiting_agreement',
  'awaiting_filing',
  'granted',
  'refused',
  'withdrawn',
  'lapsed',
  'expired',
  'revoked',
] as const;
export type SharingStatus = (typeof SHARING_STATUSES)[number];

/** The states from which nothing more happens to a request. */
export const FINAL_STATUSES: readonly SharingStatus[] = ['refused', 'withdrawn', 'lapsed', 'expired', 'revoked'];

/** The states of a request still being decided: neither granted nor ended (a requester may withdraw it). */
export const UNDECIDED_STATUSES: readonly SharingStatus[] = SHARING_STATUSES.filter(
  (status) => status !== 'granted' && !FINAL_STATUSES.includes(status),
);

/** What the two sides negotiate: which items, for what scope, by which method. */
export interface SharingTerms {
  dataItems: string[];
  scope: string;
  method: SharingMethod;
}

/** Who is concerned by a request: both sides and, for onward sharing, the department holding the source grant. */
export function concernedDepartments(request: {
  requesterDepartmentId: string;
  providerDepartmentId: string;
  intermediaryDepartmentId?: string | null;
}): string[] {
  const { requesterDepartmentId, providerDepartmentId, intermediaryDepartmentId } = request;
  return [requesterDepartmentId, providerDepartmentId, ...(intermediaryDepartmentId ? [intermediaryDepartmentId] : [])];
}
