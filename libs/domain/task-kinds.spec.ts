import { completionProblem, completionProblemOf, mayBeAssigned, outcomesOf, TASK_KIND_NAMES, TASK_KINDS } from './task-kinds.js';

describe('completionProblem', () => {
  it('accepts an outcome of the kind', () => {
    expect(completionProblem('catalog_review', { outcome: 'approve' })).toBeUndefined();
    expect(completionProblem('collection_review', { outcome: 'duplicate', payload: { of: 'r-1' } })).toBeUndefined();
  });

  it('names the valid outcomes when the outcome does not belong to the kind', () => {
    expect(completionProblem('agreement_signature', { outcome: 'approve' })).toBe(
      "outcome 'approve' is not valid for a agreement_signature task; expected one of: sign",
    );
  });

  it('requires reasons where the rules require them', () => {
    expect(completionProblem('provider_review', { outcome: 'refuse' })).toMatch(/requires a comment/);
    expect(completionProblem('provider_review', { outcome: 'refuse', comment: '   ' })).toMatch(/requires a comment/);
    expect(completionProblem('provider_review', { outcome: 'refuse', comment: '涉及国家秘密' })).toBeUndefined();
    expect(completionProblem('provider_review', { outcome: 'counter_offer', payload: {} })).toMatch(/requires a payload/);
    expect(completionProblem('collection_review', { outcome: 'duplicate', payload: { id: 'r-1' } })).toBe("outcome 'duplicate' requires payload.of");
    expect(completionProblem('collection_review', { outcome: 'duplicate', payload: { of: 7 } })).toBe("outcome 'duplicate' requires payload.of");
    expect(completionProblem('database_review', { outcome: 'return' })).toMatch(/requires a comment/);
    expect(completionProblem('database_review', { outcome: 'approve' })).toBeUndefined();
    expect(completionProblem('objection_verification', { outcome: 'rejected' })).toMatch(/requires a comment/);
    expect(completionProblem('objection_verification', { outcome: 'confirmed_corrected', comment: '已更正 12 条' })).toBeUndefined();
    expect(completionProblem('usage_report', { outcome: 'submit', payload: { period: 1 } })).toBe("outcome 'submit' requires payload.summary");
    expect(completionProblem('usage_report', { outcome: 'submit', payload: { summary: '本季度核验 3200 次' } })).toBeUndefined();
    expect(completionProblem('campaign_filing', { outcome: 'submit', payload: {} })).toMatch(/requires a payload/);
    expect(completionProblem('campaign_filing', { outcome: 'submit', payload: { filingId: 'f-1' } })).toBeUndefined();
    expect(completionProblem('campaign_review', { outcome: 'return' })).toMatch(/requires a comment/);
    expect(completionProblem('campaign_review', { outcome: 'accept' })).toBeUndefined();
  });
});

describe('TASK_KINDS', () => {
  it('labels every kind and outcome, and names who may be assigned each kind', () => {
    for (const kind of TASK_KIND_NAMES) {
      expect(TASK_KINDS[kind].label).toMatch(/\p{Script=Han}/u);
      expect(TASK_KINDS[kind].assigneeRoles.length).toBeGreaterThan(0);
      for (const [outcome, rule] of outcomesOf(kind)) expect({ kind, outcome, label: rule.label }).toEqual({ kind, outcome, label: expect.stringMatching(/\p{Script=Han}/u) });
    }
    expect(mayBeAssigned('agreement_signature', 'head')).toBe(true);
    expect(mayBeAssigned('agreement_signature', 'staff')).toBe(false);
  });

  it('checks a payload against the outcome’s schema and says which field is at fault', () => {
    expect(completionProblemOf('appeal_review', { outcome: 'amend', comment: '复核', payload: { points: -1 } })).toEqual({
      kind: 'payload-invalid',
      field: 'payload.points',
      message: "outcome 'amend' requires payload.points as a non-negative number",
    });
    expect(completionProblemOf('provider_review', { outcome: 'counter_offer', payload: { price: 3 } })).toMatchObject({ kind: 'payload-invalid', field: 'payload' });
    expect(completionProblemOf('provider_review', { outcome: 'counter_offer', payload: { method: 'fax' } })).toMatchObject({ field: 'payload.method' });
    expect(completionProblemOf('provider_review', { outcome: 'counter_offer', payload: { scope: '仅限核验' } })).toBeUndefined();
    expect(completionProblemOf('provider_review', { outcome: 'refuse' })).toMatchObject({ kind: 'reasons-required', field: 'comment' });
    expect(completionProblemOf('provider_review', { outcome: 'maybe' })).toMatchObject({ kind: 'outcome-not-allowed', field: 'outcome' });
  });
});
