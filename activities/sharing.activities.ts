import type { SharingTerms } from '../libs/domain/sharing.js';
import type { EndOnwardGrants } from '../libs/sharing/end-onward-grants.usecase.js';
import type { SharingService, StatusChange } from '../libs/sharing/sharing.service.js';

export function sharingActivities(sharing: SharingService, endOnward: EndOnwardGrants) {
  return {
    changeSharingStatus: (change: StatusChange) => sharing.changeStatus(change),
    openSharingGrant: (requestId: string, terms: SharingTerms, validUntil: string | null) => sharing.openGrant(requestId, terms, validUntil),
    grantExpiryNoticeAt: (validUntil: string) => sharing.expiryNoticeAt(validUntil),
    sendGrantExpiryNotice: (requestId: string) => sharing.noticeOfExpiry(requestId),
    endSharingGrant: (requestId: string, status: 'expired' | 'revoked') => sharing.endGrant(requestId, status),
    holdSharingGrant: (requestId: string, held: boolean) => sharing.holdGrant(requestId, held),
    extendSharingGrant: (requestId: string, validUntil: string) => sharing.extendGrant(requestId, validUntil),
    endOnwardGrants: (sourceGrantId: string, status: 'expired' | 'revoked') => endOnward.execute(sourceGrantId, status),
  };
}

export type SharingActivities = ReturnType<typeof sharingActivities>;
