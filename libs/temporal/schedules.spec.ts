import { InvalidConfigurationError, parseConfig } from '../config/app-config.js';
import { platformSchedules, scheduleId, scheduleIdPrefix } from './schedules.js';

describe('the platform’s schedules', () => {
  it('run the update-compliance sweep at 02:00 Asia/Shanghai by default', () => {
    const [sweep] = platformSchedules(parseConfig({}));
    expect(sweep).toEqual(
      expect.objectContaining({
        key: 'update-compliance',
        workflowType: 'updateComplianceSweepWorkflow',
        args: [],
        spec: { cronExpressions: ['0 2 * * *'], timezone: 'Asia/Shanghai' },
      }),
    );
  });

  it('take a cron expression or a fixed interval from the environment, the interval winning', () => {
    expect(platformSchedules(parseConfig({ UPDATE_CHECK_CRON: '30 1 * * 1-5' }))[0]!.spec).toEqual({
      cronExpressions: ['30 1 * * 1-5'],
      timezone: 'Asia/Shanghai',
    });
    expect(platformSchedules(parseConfig({ UPDATE_CHECK_CRON: '30 1 * * *', UPDATE_CHECK_EVERY: '6h' }))[0]!.spec).toEqual({
      intervals: [{ every: '6h' }],
    });
    expect(platformSchedules(parseConfig({ UPDATE_CHECK_EVERY: '' }))[0]!.spec).toHaveProperty('cronExpressions');
  });

  it('refuse a malformed schedule at boot, naming the variable', () => {
    expect(() => parseConfig({ UPDATE_CHECK_EVERY: 'daily' })).toThrow(/UPDATE_CHECK_EVERY/);
    expect(() => parseConfig({ UPDATE_CHECK_CRON: '0 2 * *' })).toThrow(InvalidConfigurationError);
  });

  it('are named per deployment, so that one deployment’s prefix never covers another’s', () => {
    expect(scheduleId('govshare', 'update-compliance')).toBe('govshare--update-compliance');
    expect(scheduleId('govshare-e2e-abc', 'update-compliance').startsWith(scheduleIdPrefix('govshare'))).toBe(false);
  });

  it('open the configured filing-campaign presets yearly, none unless configured', () => {
    const presets = (env: Record<string, string>) => platformSchedules(parseConfig(env)).find((schedule) => schedule.key === 'campaign-presets')!;
    expect(presets({})).toMatchObject({ workflowType: 'yearlyCampaignPresetsWorkflow', args: [[]], spec: { cronExpressions: ['30 8 2 1 *'] } });
    expect(presets({ CAMPAIGN_PRESETS_YEARLY: 'database-survey, key-projects' }).args).toEqual([['database-survey', 'key-projects']]);
    expect(() => parseConfig({ CAMPAIGN_PRESETS_YEARLY: 'Key Projects' })).toThrow(/CAMPAIGN_PRESETS_YEARLY/);
  });

  it('have unique keys', () => {
    const keys = platformSchedules(parseConfig({})).map((schedule) => schedule.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
