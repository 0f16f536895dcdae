import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface FilingContent {
  seq: number;
  at: Date;
  kind: string;
  authority: string;
  subjectType: string;
  subjectId: string;
  departmentIds: string[];
  payload: Record<string, unknown>;
  prevHash: string;
}

/** Each filing's hash covers its content and its predecessor's hash: changing any row breaks the chain from there. */
export function filingHash(filing: FilingContent): string {
  const { seq, at, kind, authority, subjectType, subjectId, departmentIds, payload, prevHash } = filing;
  const content = canonicalJson({ seq, at: at.toISOString(), kind, authority, subjectType, subjectId, departmentIds, payload, prevHash });
  return createHash('sha256').update(content).digest('hex');
}
