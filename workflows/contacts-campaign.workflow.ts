import {
  allHandlersFinished,
  CancellationScope,
  condition,
  defineSignal,
  isCancellation,
  proxyActivities,
  setHandler,
  sleep,
} from '@temporalio/workflow';
import type { ContactsActivities } from '../activities/contacts.activities.js';
import type { CampaignDepartment } from '../libs/contacts/contacts.service.js';
import { HumanTasks } from './lib/human-tasks.js';
import { millisUntil } from './lib/workflow-clock.js';
import { activityRetry } from './lib/activity-retry.js';

export interface ContactsCampaignInput {
  year: number;
  /** The fixed deadline (ISO time): 30 March by default; the calendar never moves it. */
  dueAt: string;
}

export type ContactsCampaignState = {
  year: number;
  dueAt: string;
  stage: 'asking' | 'closed';
  /** Departments asked (those registered for the year before the campaign opened get no task). */
  asked: string[];
  registered: string[];
};

/**
 * A department registered but the API found no open task of its to complete: its task may be opening at that
 * very moment. The campaign then asks it no more (and withdraws the task if it opened).
 */
export const contactsRegisteredSignal = defineSignal<[{ departmentId: string }]>('contactsRegistered');

const { contactsCampaignDepartments } = proxyActivities<ContactsActivities>({
  startToCloseTimeout: '30 seconds',
  retry: activityRetry(),
});

/**
 * The yearly contacts campaign (seed 000 六(二)1): each city department and district registers its
 * responsible leader and business and IT contacts with the info office by the deadline. One task a
 * department, due at the fixed time, reminded before it; a department that misses it is marked overdue and
 * may still register. Registering (PUT /departments/:id/contacts) completes the task. Tasks still open
 * when the year ends are cancelled: the department stays missing in the year's standing.
 */
export async function contactsCampaignWorkflow(input: ContactsCampaignInput): Promise<ContactsCampaignState> {
  let state: ContactsCampaignState = {
    year: input.year,
    dueAt: input.dueAt,
    stage: 'asking',
    asked: [],
    registered: [],
  };
  const tasks = new HumanTasks(() => state);

  const departments = await contactsCampaignDepartments(input.year);
  const asked = departments.filter((department) => !department.registered);
  state = { ...state, asked: asked.map((department) => department.departmentId) };

  const registeredMeanwhile = new Set<string>();
  const openTasks = new Map<string, CancellationScope>();
  setHandler(contactsRegisteredSignal, ({ departmentId }) => {
    registeredMeanwhile.add(departmentId);
    openTasks.get(departmentId)?.cancel();
  });

  const ask = async (department: CampaignDepartment) => {
    if (!registeredMeanwhile.has(department.departmentId)) {
      const scope = new CancellationScope();
      openTasks.set(department.departmentId, scope);
      try {
        const result = await scope.run(() =>
          tasks.run({
            taskKey: `contacts-${input.year}-${department.departmentId}`,
            kind: 'contacts_registration',
            title: `报送${input.year}年度政务信息共享工作负责人和联系人：${department.name}`,
            subjectType: 'contacts_campaign',
            subjectId: String(input.year),
            assigneeRole: 'staff',
            assigneeDepartmentId: department.departmentId,
            deadline: { at: input.dueAt },
            reminder: 'contacts.reminderBefore',
            onDeadline: 'keep_open',
          }),
        );
        if (result.status !== 'completed')
          throw new Error('a contacts_registration task only ends by a registration');
      } catch (error) {
        if (!(isCancellation(error) && registeredMeanwhile.has(department.departmentId))) throw error;
      } finally {
        openTasks.delete(department.departmentId);
      }
    }
    state = { ...state, registered: [...state.registered, department.departmentId] };
    tasks.markSettled();
  };

  const closesAt = Math.max(Date.parse(`${input.year + 1}-01-01T00:00:00+08:00`), Date.parse(input.dueAt));
  const asking = new CancellationScope();
  const everyone = asking.run(() => Promise.all(asked.map(ask)));
  await Promise.race([everyone, sleep(millisUntil(closesAt))]);
  asking.cancel();
  await everyone.catch((error: unknown) => {
    if (!isCancellation(error)) throw error;
  });

  state = { ...state, stage: 'closed' };
  tasks.markSettled();
  await condition(allHandlersFinished);
  return state;
}

const { openYearlyContactsCampaign } = proxyActivities<ContactsActivities>({ startToCloseTimeout: '5 minutes', retry: activityRetry() });

/** Run by the yearly schedule (early January): opens the year's campaign with the default deadline, 30 March. */
export async function yearlyContactsCampaignWorkflow() {
  return openYearlyContactsCampaign();
}
