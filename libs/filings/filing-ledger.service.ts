import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Filing, type FilingAuthority } from '../database/entities/index.js';
import { filingHash, GENESIS_HASH } from './filing-hash.js';

export interface NewFiling {
  kind: string;
  authority: FilingAuthority;
  subjectType: string;
  subjectId: string;
  departmentIds: string[];
  payload: Record<string, unknown>;
  /** The same key files once, however often the append is retried. */
  idempotencyKey: string;
}

export interface ChainVerification {
  ok: boolean;
  count: number;
  firstBrokenSeq?: number;
}

/** Serialises appends so that every filing links to the one before it. */
const LEDGER_LOCK_ID = 7_240_318;
const VERIFY_BATCH = 1000;

@Injectable()
export class FilingLedger {
  constructor(private readonly em: EntityManager) {}

  async append(filing: NewFiling): Promise<Filing> {
    return this.em.transactional(async (tx) => {
      await tx.execute('select pg_advisory_xact_lock(?)', [LEDGER_LOCK_ID]);
      const existing = await tx.findOne(Filing, { idempotencyKey: filing.idempotencyKey });
      if (existing) return existing;
      const [last] = await tx.find(Filing, {}, { orderBy: { seq: 'desc' }, fields: ['seq', 'hash'], limit: 1 });
      const content = {
        ...filing,
        seq: (last?.seq ?? 0) + 1,
        at: new Date(),
        prevHash: last?.hash ?? GENESIS_HASH,
      };
      return tx.create(Filing, { ...content, hash: filingHash(content) });
    });
  }

  /** Recomputes every hash in order; the first row that does not match is where the chain was tampered with. */
  async verify(): Promise<ChainVerification> {
    const em = this.em.fork();
    let prevHash = GENESIS_HASH;
    let count = 0;
    let afterSeq = 0;
    for (;;) {
      const batch = await em.find(Filing, { seq: { $gt: afterSeq } }, { orderBy: { seq: 'asc' }, limit: VERIFY_BATCH });
      for (const filing of batch) {
        if (filing.prevHash !== prevHash || filingHash(filing) !== filing.hash) {
          return { ok: false, count, firstBrokenSeq: filing.seq };
        }
        prevHash = filing.hash;
        count++;
      }
      em.clear();
      if (batch.length < VERIFY_BATCH) return { ok: true, count };
      afterSeq = batch[batch.length - 1]!.seq;
    }
  }
}
