import type { FilingLedger, NewFiling } from '../libs/filings/filing-ledger.service.js';

export function filingActivities(ledger: FilingLedger) {
  return {
    async appendFiling(filing: NewFiling): Promise<{ seq: number; hash: string }> {
      const { seq, hash } = await ledger.append(filing);
      return { seq, hash };
    },
  };
}

export type FilingActivities = ReturnType<typeof filingActivities>;
