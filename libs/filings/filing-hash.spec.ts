import { filingHash, GENESIS_HASH, type FilingContent } from './filing-hash.js';

const filing: FilingContent = {
  seq: 1,
  at: new Date('2026-02-05T08:00:00.000Z'),
  kind: 'sharing.granted',
  authority: 'info_office',
  subjectType: 'sharing_request',
  subjectId: 'r-1',
  departmentIds: ['d-1'],
  payload: { items: ['姓名', '身份证号'], purpose: 'administrative_basis' },
  prevHash: GENESIS_HASH,
};

describe('filingHash', () => {
  it('does not depend on the order of payload keys', () => {
    const reordered = { ...filing, payload: { purpose: 'administrative_basis', items: ['姓名', '身份证号'] } };
    expect(filingHash(reordered)).toBe(filingHash(filing));
  });

  it.each([
    ['payload', { payload: { items: ['姓名'], purpose: 'administrative_basis' } }],
    ['predecessor', { prevHash: 'f'.repeat(64) }],
    ['time', { at: new Date('2026-02-05T08:00:00.001Z') }],
    ['sequence', { seq: 2 }],
  ])('changes when the %s changes', (_, change) => {
    expect(filingHash({ ...filing, ...change })).not.toBe(filingHash(filing));
  });
});
