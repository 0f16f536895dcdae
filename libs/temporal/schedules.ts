import { ScheduleAlreadyRunning, ScheduleNotFoundError, type Client, type ScheduleOptions, type ScheduleSpec } from '@temporalio/client';
import type { AppConfig } from '../config/app-config.js';
import type * as Workflows from '../../workflows/index.js';

type WorkflowName = keyof typeof Workflows;

/** One of the platform's recurring processes: what runs, when, with which arguments. */
export interface PlatformSchedule<W extends WorkflowName = WorkflowName> {
  /** Unique within a deployment; the Schedule id is the deployment's prefix followed by it. */
  key: string;
  description: string;
  spec: ScheduleSpec;
  workflowType: W;
  args: Parameters<(typeof Workflows)[W]>;
}

/** Calendar times are the product's time zone, whatever the server's. */
export const PRODUCT_TIME_ZONE = 'Asia/Shanghai';

/** A spec from configuration: a fixed interval, or a cron expression in Asia/Shanghai time. */
export function scheduleSpec(when: { every: string } | { cron: string }): ScheduleSpec {
  return 'every' in when
    ? { intervals: [{ every: when.every as `${number}${'s' | 'm' | 'h' | 'd'}` }] }
    : { cronExpressions: [when.cron], timezone: PRODUCT_TIME_ZONE };
}

function schedule<W extends WorkflowName>(
  key: string,
  description: string,
  spec: ScheduleSpec,
  workflowType: W,
  ...args: Parameters<(typeof Workflows)[W]>
): PlatformSchedule<W> {
  return { key, description, spec, workflowType, args };
}

/** Every Temporal Schedule the platform runs. A new recurring process is one more line here. */
export function platformSchedules(config: Pick<AppConfig, 'schedules' | 'campaigns'>): PlatformSchedule[] {
  return [
    schedule('update-compliance', '数据更新合规检查（seed 003）', scheduleSpec(config.schedules.updateCheck), 'updateComplianceSweepWorkflow'),
    schedule('monthly-reports', '开启当月月报（seed 000 六(二)2）', scheduleSpec(config.schedules.monthlyReports), 'monthlyReportRoundWorkflow'),
    schedule('bulletin', '政务信息资源共享工作通报', scheduleSpec(config.schedules.bulletin), 'periodicBulletinWorkflow'),
    schedule('calendar-import', '导入下一年度节假日安排（国务院办公厅通知）', scheduleSpec(config.schedules.calendarImport), 'calendarImportReminderWorkflow'),
    schedule('contacts-campaign', '报送共享工作负责人和联系人（seed 000 六(二)1）', scheduleSpec(config.schedules.contactsCampaign), 'yearlyContactsCampaignWorkflow'),
    schedule('campaign-presets', '开启年度报送活动（CAMPAIGN_PRESETS_YEARLY 所列预设）', scheduleSpec(config.schedules.campaignPresets), 'yearlyCampaignPresetsWorkflow', config.campaigns.yearlyPresets),
  ];
}

/**
 * Schedule ids carry the deployment's task queue, as its workflows do: two deployments (or two
 * end-to-end runs) on one Temporal namespace each start only their own workflows.
 */
export function scheduleId(taskQueue: string, key: string): string {
  return `${taskQueue}--${key}`;
}

export function scheduleIdPrefix(taskQueue: string): string {
  return scheduleId(taskQueue, '');
}

function scheduleOptions(schedule: PlatformSchedule, taskQueue: string): ScheduleOptions {
  const id = scheduleId(taskQueue, schedule.key);
  return {
    scheduleId: id,
    spec: schedule.spec,
    action: { type: 'startWorkflow', workflowType: schedule.workflowType, args: schedule.args, taskQueue, workflowId: id },
    // A run still going when the next is due makes the next one pointless; a missed run is not caught up later.
    policies: { overlap: 'SKIP', catchupWindow: '1 minute' },
    memo: { description: schedule.description },
  };
}

/**
 * Creates each schedule, or brings an existing one to the registry's spec, action and policies.
 * Idempotent, and safe when several workers start at once: a create that loses the race updates,
 * and concurrent updates write the same definition.
 */
export async function ensureSchedules(client: Client, taskQueue: string, schedules: readonly PlatformSchedule[]): Promise<string[]> {
  const ids: string[] = [];
  for (const schedule of schedules) {
    const options = scheduleOptions(schedule, taskQueue);
    try {
      await client.schedule.create(options);
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      await client.schedule.getHandle(options.scheduleId).update((current) => ({
        ...current,
        spec: options.spec,
        action: options.action,
        policies: { ...current.policies, ...options.policies },
      }));
    }
    ids.push(options.scheduleId);
  }
  return ids;
}

/**
 * Removes a deployment's schedules (the end-to-end teardown; a decommissioned deployment): those the
 * registry names, and any other listed under the deployment's prefix (listing is eventually consistent).
 */
export async function deleteSchedules(client: Client, taskQueue: string, schedules: readonly PlatformSchedule[]): Promise<string[]> {
  const prefix = scheduleIdPrefix(taskQueue);
  const ids = new Set(schedules.map((schedule) => scheduleId(taskQueue, schedule.key)));
  for await (const summary of client.schedule.list()) {
    if (summary.scheduleId.startsWith(prefix)) ids.add(summary.scheduleId);
  }
  for (const id of ids) {
    await client.schedule
      .getHandle(id)
      .delete()
      .catch((error: unknown) => {
        if (!(error instanceof ScheduleNotFoundError)) throw error;
      });
  }
  return [...ids];
}
