import type { AgreementFiling, AgreementService, AgreementSigning, DraftAgreement } from '../libs/sharing/agreement.service.js';

export function agreementActivities(agreements: AgreementService) {
  return {
    draftAgreement: (draft: DraftAgreement) => agreements.draft(draft),
    signAgreement: (signing: AgreementSigning) => agreements.sign(signing),
    fileAgreement: (filing: AgreementFiling) => agreements.file(filing),
  };
}

export type AgreementActivities = ReturnType<typeof agreementActivities>;
