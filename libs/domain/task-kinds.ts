import { z } from 'zod';
import { SHARING_METHODS } from './catalog.js';
import type { ProblemKind } from './errors.js';
import type { Role } from './roles.js';

/**
 * Every kind of human task, declared once: who may be assigned it, its outcomes, which of them need a comment giving
 * the reasons, and the zod schema of the payload an outcome takes. The API checks a completion against it before
 * sending it, the workflow's update validator checks it again, TaskService.open refuses a task for a role its kind
 * does not allow, and GET /task-kinds and every task view publish it (labels in zh-CN, payloads as JSON Schema).
 */
interface OutcomeRule {
  label: string;
  commentRequired?: boolean;
  /** The payload the outcome takes (an outcome without one takes none, and a payload sent with it is not read). */
  payload?: z.ZodType<Record<string, unknown>>;
}

interface TaskKindRule {
  label: string;
  /** The roles a task of this kind may be assigned to; a workflow opens it for one of them. */
  assigneeRoles: readonly Role[];
  outcomes: Record<string, OutcomeRule>;
}

const text = () => z.string().trim().min(1);
const amount = () => z.number().min(0);

/** New terms in a negotiation: at least one of the items, the scope and the method (sharing-completion-checks.ts checks them against the resource). */
const termsPayload = z
  .strictObject({
    dataItems: z.array(text()).min(1).optional().describe('item names, a subset of those asked for'),
    scope: text().optional(),
    method: z.enum(SHARING_METHODS).optional(),
  })
  .refine((terms) => Object.keys(terms).length > 0, { message: 'give dataItems, scope or method' });

export const TASK_KINDS = {
  catalog_review: {
    label: '目录审核',
    assigneeRoles: ['info_office'],
    outcomes: { approve: { label: '通过' }, return: { label: '退回修改', commentRequired: true } },
  },
  provider_review: {
    label: '共享申请答复',
    assigneeRoles: ['staff', 'head'],
    outcomes: {
      approve: { label: '同意共享' },
      counter_offer: { label: '提出协商方案', payload: termsPayload },
      refuse: { label: '不予共享', commentRequired: true },
    },
  },
  /** The provider answers a requester's application to extend a grant: a refusal, like any, gives its reasons. */
  renewal_review: {
    label: '共享续期审核',
    assigneeRoles: ['staff', 'head'],
    outcomes: { approve: { label: '同意续期' }, refuse: { label: '不同意续期', commentRequired: true } },
  },
  counter_offer_response: {
    label: '修改条件答复',
    assigneeRoles: ['staff', 'head'],
    outcomes: { accept: { label: '接受方案' }, revise: { label: '修改申请条件', payload: termsPayload }, withdraw: { label: '撤回申请' } },
  },
  coordination: {
    label: '争议协调',
    assigneeRoles: ['info_office'],
    outcomes: { order_provide: { label: '责令提供' }, uphold_refusal: { label: '维持不予共享' }, escalate: { label: '提请领导小组' } },
  },
  leadership_decision: {
    label: '领导小组决定',
    assigneeRoles: ['leadership_group'],
    outcomes: { order_provide: { label: '责令提供' }, uphold_refusal: { label: '维持不予共享' } },
  },
  agreement_signature: { label: '保密协议签署', assigneeRoles: ['head'], outcomes: { sign: { label: '签署' } } },
  agreement_filing: {
    label: '保密协议备案',
    assigneeRoles: ['secrecy_bureau'],
    outcomes: { acknowledge: { label: '备案' }, return: { label: '退回', commentRequired: true } },
  },
  collection_review: {
    label: '采集登记审核',
    assigneeRoles: ['statistics_bureau', 'info_office'],
    outcomes: {
      approve: { label: '通过' },
      reject: { label: '不予通过', commentRequired: true },
      duplicate: { label: '重复采集', payload: z.looseObject({ of: text().describe('the registration or resource already collecting it') }) },
    },
  },
  demand_response: {
    label: '数据需求答复',
    assigneeRoles: ['staff', 'head'],
    outcomes: {
      will_provide: { label: '将提供' },
      exists: { label: '已有资源', payload: z.looseObject({ resourceId: text().describe('a published resource of the answering department') }) },
      cannot: { label: '无法提供', commentRequired: true },
    },
  },
  database_review: {
    label: '政务数据库审核',
    assigneeRoles: ['info_office'],
    outcomes: { approve: { label: '通过' }, return: { label: '退回修改', commentRequired: true } },
  },
  /** The provider verifies data the requester objects to: corrected (what was), or right as it is (why). */
  objection_verification: {
    label: '数据异议核实',
    assigneeRoles: ['staff', 'head'],
    outcomes: { confirmed_corrected: { label: '已核实更正', commentRequired: true }, rejected: { label: '数据无误', commentRequired: true } },
  },
  /** A periodic usage (requester) or provision (provider) report on a grant, filed with the info office. */
  usage_report: {
    label: '共享使用情况报告',
    assigneeRoles: ['staff', 'head'],
    outcomes: { submit: { label: '提交', payload: z.looseObject({ summary: text() }) } },
  },
  /** A provider missed a due update of a published resource (seed 003): it records the update to close the lapse. */
  data_update: { label: '资源更新', assigneeRoles: ['staff', 'head'], outcomes: { updated: { label: '已更新' } } },
  /** A department's monthly report (月报): progress and problems beside the pre-filled figures. */
  monthly_report: {
    label: '月报',
    assigneeRoles: ['staff', 'head'],
    outcomes: { submit: { label: '提交', payload: z.looseObject({ progress: text(), problems: text() }) } },
  },
  /** The annual assessment (seed 000 §四): a department files its targets in the four areas… */
  target_filing: {
    label: '考核目标填报',
    assigneeRoles: ['staff', 'head'],
    outcomes: {
      submit: {
        label: '提交',
        payload: z.looseObject({ basicWork: text(), coreBusiness: text(), resourceManagement: text(), applicationEffect: text() }),
      },
    },
  },
  /** …the assessment working group confirms them (then they are filed with the supervision office) or returns them. */
  target_review: {
    label: '考核目标审核',
    assigneeRoles: ['supervisor'],
    outcomes: { confirm: { label: '确认' }, return: { label: '退回修改', commentRequired: true } },
  },
  /** The mid-year check: the working group comments on a department's measured indicators beside its targets. */
  midyear_review: { label: '年中检查', assigneeRoles: ['supervisor'], outcomes: { comment: { label: '提出意见', commentRequired: true } } },
  /** A department's appeal against its year-end score: upheld as scored, or amended to new points. */
  appeal_review: {
    label: '考核申诉复核',
    assigneeRoles: ['supervisor'],
    outcomes: {
      uphold: { label: '维持原评分', commentRequired: true },
      amend: { label: '调整评分', commentRequired: true, payload: z.looseObject({ points: amount().describe('the new score') }) },
    },
  },
  /**
   * A department's yearly contacts (负责人和联系人): done by registering them (PUT /departments/:id/contacts, which
   * completes the task); completing it by hand is refused until the year's registration exists.
   */
  contacts_registration: { label: '负责人和联系人登记', assigneeRoles: ['staff', 'head'], outcomes: { register: { label: '已登记' } } },
  /**
   * The info office imports next year's official holiday arrangement (from 1 November until 15 December): done
   * by the import (POST /calendar/years/:year/arrangement, which completes the task); by hand only once the year is official.
   */
  calendar_import: { label: '导入节假日安排', assigneeRoles: ['info_office'], outcomes: { imported: { label: '已导入' } } },
  /** The platform's smoke-test task: proves a deployment's task round trip end to end. */
  acknowledgement: {
    label: '通知确认',
    assigneeRoles: ['staff', 'head'],
    outcomes: { acknowledge: { label: '确认' }, decline: { label: '拒绝', commentRequired: true } },
  },
  /**
   * A department's filing in one phase of a filing campaign: done by submitting it (POST
   * /campaigns/:id/phases/:phase/filings, which completes the task); by hand only once the round's filing exists.
   */
  campaign_filing: {
    label: '备案报送',
    assigneeRoles: ['staff', 'head'],
    outcomes: { submit: { label: '报送', payload: z.looseObject({ filingId: text().describe('the filing submitted through the campaign route') }) } },
  },
  /** The info office reviews a campaign filing: accepted (then filed, 备案), or returned with its opinions for correction. */
  campaign_review: {
    label: '备案审核',
    assigneeRoles: ['info_office'],
    outcomes: { accept: { label: '通过' }, return: { label: '退回修改', commentRequired: true } },
  },
} as const satisfies Record<string, TaskKindRule>;

export type TaskKind = keyof typeof TASK_KINDS;
export const TASK_KIND_NAMES = Object.keys(TASK_KINDS) as TaskKind[];

export interface TaskCompletion {
  taskId: string;
  outcome: string;
  comment?: string;
  payload?: Record<string, unknown>;
  completedBy: string;
}

/** The outcomes of a kind, in declaration order. */
export function outcomesOf(kind: TaskKind): [string, OutcomeRule][] {
  return Object.entries(TASK_KINDS[kind].outcomes as Record<string, OutcomeRule>);
}

/** Whether a task of this kind may be assigned to the role. */
export function mayBeAssigned(kind: TaskKind, role: Role): boolean {
  return (TASK_KINDS[kind].assigneeRoles as readonly Role[]).includes(role);
}

export interface CompletionProblem {
  kind: Extract<ProblemKind, 'outcome-not-allowed' | 'reasons-required' | 'payload-invalid'>;
  field: string;
  message: string;
}

/** Why a completion does not fit its task kind, with the field at fault, or undefined when it does. */
export function completionProblemOf(kind: TaskKind, completion: Omit<TaskCompletion, 'taskId' | 'completedBy'>): CompletionProblem | undefined {
  const outcomes: Record<string, OutcomeRule> = TASK_KINDS[kind].outcomes;
  const rule = outcomes[completion.outcome];
  if (!rule) {
    return {
      kind: 'outcome-not-allowed',
      field: 'outcome',
      message: `outcome '${completion.outcome}' is not valid for a ${kind} task; expected one of: ${Object.keys(outcomes).join(', ')}`,
    };
  }
  if (rule.commentRequired && !completion.comment?.trim()) {
    return { kind: 'reasons-required', field: 'comment', message: `outcome '${completion.outcome}' requires a comment giving the reasons` };
  }
  if (!rule.payload) return undefined;
  if (!completion.payload || Object.keys(completion.payload).length === 0) {
    return { kind: 'payload-invalid', field: 'payload', message: `outcome '${completion.outcome}' requires a payload` };
  }
  const parsed = rule.payload.safeParse(completion.payload);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0]!;
  const path = issue.path.map(String).join('.');
  const asNumber = (issue.code === 'invalid_type' && issue.expected === 'number') || (issue.code === 'too_small' && issue.origin === 'number');
  const message = path
    ? `outcome '${completion.outcome}' requires payload.${path}${asNumber ? ' as a non-negative number' : ''}`
    : `outcome '${completion.outcome}': payload ${issue.message}`;
  return { kind: 'payload-invalid', field: path ? `payload.${path}` : 'payload', message: issue.code === 'unrecognized_keys' ? `outcome '${completion.outcome}': the payload may not hold ${issue.keys.join(', ')}` : message };
}

/** Why a completion does not fit its task kind, or undefined when it does. */
export function completionProblem(kind: TaskKind, completion: Omit<TaskCompletion, 'taskId' | 'completedBy'>): string | undefined {
  return completionProblemOf(kind, completion)?.message;
}
