import {
  campaignClosesAt,
  CAMPAIGN_PRESET_KEYS,
  CAMPAIGN_PRESETS,
  definitionProblem,
  endOfDay,
  formProblems,
  phaseStanding,
  type CampaignDefinition,
  type FormField,
} from './campaigns.js';

const form: FormField[] = [
  { key: 'projectName', label: '项目名称', type: 'text', required: true },
  { key: 'budget', label: '预算', type: 'number', required: true },
  { key: 'startsOn', label: '开工日期', type: 'date', required: false },
  { key: 'approved', label: '已立项', type: 'boolean', required: false },
];

describe('formProblems', () => {
  it('accepts values of the fields’ types and leaves optional ones out', () => {
    expect(formProblems(form, { projectName: '平台二期', budget: 350 })).toEqual([]);
    expect(formProblems(form, { projectName: '平台二期', budget: 0, startsOn: '2026-07-01', approved: true })).toEqual([]);
  });

  it('names each missing, mistyped or unknown field', () => {
    expect(formProblems(form, { budget: '350', startsOn: '7月1日', approved: 'yes', extra: 1 })).toEqual([
      { field: 'fields.extra', message: 'not a field of this campaign' },
      { field: 'fields.projectName', message: '项目名称 is required' },
      { field: 'fields.budget', message: '预算 must be a number' },
      { field: 'fields.startsOn', message: '开工日期 must be a date (YYYY-MM-DD)' },
      { field: 'fields.approved', message: '已立项 must be a boolean' },
    ]);
    expect(formProblems(form, { projectName: '   ', budget: Number.NaN })).toHaveLength(2);
  });
});

describe('phaseStanding', () => {
  const dueAt = new Date('2026-06-30T15:59:59Z');
  const before = new Date('2026-06-01T00:00:00Z');
  const after = new Date('2026-07-02T00:00:00Z');

  it('times a filing by the first submission', () => {
    expect(phaseStanding(before, 'accepted', dueAt, after)).toBe('on_time');
    expect(phaseStanding(dueAt, 'submitted', dueAt, after)).toBe('on_time');
    expect(phaseStanding(after, 'accepted', dueAt, after)).toBe('late');
  });

  it('keeps a returned filing returned until it is corrected, whatever its timing', () => {
    expect(phaseStanding(before, 'returned', dueAt, after)).toBe('returned');
  });

  it('is not yet due before the deadline and missing after it', () => {
    expect(phaseStanding(null, null, dueAt, before)).toBe('not_yet');
    expect(phaseStanding(null, null, dueAt, after)).toBe('missing');
  });
});

describe('campaignClosesAt', () => {
  it('closes at the start of the year after the last fixed deadline, Beijing time', () => {
    expect(campaignClosesAt(2027, CAMPAIGN_PRESETS['key-projects'].define(2027).phases)).toBe('2027-12-31T16:00:00.000Z');
    expect(campaignClosesAt(2027, CAMPAIGN_PRESETS['sharing-phases'].define(2027).phases)).toBe('2028-12-31T16:00:00.000Z');
    expect(campaignClosesAt(2027, [{ key: 'p', name: 'p', deadline: { workingDays: 5 } }])).toBe('2027-12-31T16:00:00.000Z');
    // 31 December 23:59 Beijing time is still the same year there, though 15:59 UTC.
    expect(campaignClosesAt(2027, [{ key: 'p', name: 'p', deadline: { at: endOfDay(2027, 12, 31) } }])).toBe('2027-12-31T16:00:00.000Z');
  });
});

describe('campaign definitions', () => {
  it('every preset is a valid definition with its legal source, for any year', () => {
    for (const key of CAMPAIGN_PRESET_KEYS) {
      const definition = CAMPAIGN_PRESETS[key].define(2027);
      expect(definitionProblem(definition)).toBeUndefined();
      expect(definition.legalSource.seed).toMatch(/^00[0-4]$/);
    }
  });

  it('the presets keep the seeds’ dates, Beijing time', () => {
    expect(CAMPAIGN_PRESETS['key-projects'].define(2027).phases.map((phase) => phase.deadline)).toEqual([
      { at: '2027-06-30T15:59:59.000Z' },
      { at: '2027-08-31T15:59:59.000Z' },
    ]);
    expect(CAMPAIGN_PRESETS['sharing-phases'].define(2027).phases.map((phase) => phase.deadline)).toEqual([
      { at: endOfDay(2027, 11, 15) },
      { at: endOfDay(2027, 12, 31) },
      { at: endOfDay(2028, 5, 30) },
    ]);
    expect(CAMPAIGN_PRESETS['database-survey'].define(2027).phases[0]!.deadline).toEqual({ at: endOfDay(2027, 4, 30) });
    expect(CAMPAIGN_PRESETS['survey-round'].define(2027).review).toBe(true);
  });

  it('refuses definitions whose parts do not fit together', () => {
    const base = CAMPAIGN_PRESETS['key-projects'].define(2027);
    const with_ = (change: Partial<CampaignDefinition>) => definitionProblem({ ...base, ...change });
    expect(with_({ phases: [] })).toMatch(/at least one phase/);
    expect(with_({ phases: [base.phases[0]!, base.phases[0]!] })).toMatch(/phase keys/);
    expect(with_({ form: [], attachments: null })).toMatch(/form fields, attachments or both/);
    expect(with_({ attachments: { minCount: 3, maxCount: 2, maxBytes: 1000, types: ['pdf'] } })).toMatch(/minCount/);
    expect(with_({ attachments: { minCount: 0, maxCount: 2, maxBytes: 1000, types: [] } })).toMatch(/allowed type/);
  });
});
