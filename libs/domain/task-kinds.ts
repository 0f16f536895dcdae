import type { Role } from './roles.js';

/**
 * The rules for completing each kind of human task. Pure data: the API checks a completion
 * against it before sending it, and the workflow's update validator checks it again.
 */
interface OutcomeRule {
  commentRequired?: boolean;
  payloadRequired?: boolean;
  /** Text fields the payload must hold. */
  payloadFields?: readonly string[];
  /** Non-negative number fields the payload must hold. */
  payloadNumbers?: readonly string[];
}

interface TaskKindRule {
  assigneeRoles: Role[];
  outcomes: Record<string, OutcomeRule>;
}

export const TASK_KINDS = {
  catalog_review: { assigneeRoles: ['info_office'], outcomes: { approve: {}, return: { commentRequired: true } } },
  provider_review: {
    assigneeRoles: ['staff', 'head'],
    outcomes: { approve: {}, counter_offer: { payloadRequired: true }, refuse: { commentRequired: true } },
  },
  /** The provider answers a requester's application to extend a grant: a refusal, like any, gives its reasons. */
  renewal_review: { assigneeRoles: ['staff', 'head'], outcomes: { approve: {}, refuse: { commentRequired: true } } },
  counter_offer_response: {
    assigneeRoles: ['staff', 'head'],
    outcomes: { accept: {}, revise: { payloadRequired: true }, withdraw: {} },
  },
  coordination: { assigneeRoles: ['info_office'], outcomes: { order_provide: {}, uphold_refusal: {}, escalate: {} } },
  leadership_decision: { assigneeRoles: ['leadership_group'], outcomes: { order_provide: {}, uphold_refusal: {} } },
  agreement_signature: { assigneeRoles: ['head'], outcomes: { sign: {} } },
  agreement_filing: {
    assigneeRoles: ['secrecy_bureau'],
    outcomes: { acknowledge: {}, return: { commentRequired: true } },
  },
  collection_review: {
    assigneeRoles: ['statistics_bureau', 'info_office'],
    outcomes: { approve: {}, reject: { commentRequired: true }, duplicate: { payloadRequired: true, payloadFields: ['of'] } },
  },
  demand_response: {
    assigneeRoles: ['staff', 'head'],
    outcomes: { will_provide: {}, exists: { payloadRequired: true }, cannot: { commentRequired: true } },
  },
  database_review: { assigneeRoles: ['info_office'], outcomes: { approve: {}, return: { commentRequired: true } } },
  /** The provider verifies data the requester objects to: corrected (what was), or right as it is (why). */
  objection_verification: {
    assigneeRoles: ['staff', 'head'],
    outcomes: { confirmed_corrected: { commentRequired: true }, rejected: { commentRequired: true } },
  },
  /** A periodic usage (requester) or provision (provider) report on a grant, filed with the info office. */
  usage_report: { assigneeRoles: ['staff', 'head'], outcomes: { submit: { payloadRequired: true, payloadFields: ['summary'] } } },
  /** A provider missed a due update of a published resource (seed 003): it records the update to close the lapse. */
  data_update: { assigneeRoles: ['staff', 'head'], outcomes: { updated: {} } },
  /** A department's monthly report (月报): progress and problems beside the pre-filled figures. */
  monthly_report: {
    assigneeRoles: ['staff', 'head'],
    outcomes: { submit: { payloadRequired: true, payloadFields: ['progress', 'problems'] } },
  },
  /** The annual assessment (seed 000 §四): a department files its targets in the four areas… */
  target_filing: {
    assigneeRoles: ['staff', 'head'],
    outcomes: { submit: { payloadRequired: true, payloadFields: ['basicWork', 'coreBusiness', 'resourceManagement', 'applicationEffect'] } },
  },
  /** …the assessment working group confirms them (then they are filed with the supervision office) or returns them. */
  target_review: { assigneeRoles: ['supervisor'], outcomes: { confirm: {}, return: { commentRequired: true } } },
  /** The mid-year check: the working group comments on a department's measured indicators beside its targets. */
  midyear_review: { assigneeRoles: ['supervisor'], outcomes: { comment: { commentRequired: true } } },
  /** A department's appeal against its year-end score: upheld as scored, or amended to new points. */
  appeal_review: {
    assigneeRoles: ['supervisor'],
    outcomes: { uphold: { commentRequired: true }, amend: { commentRequired: true, payloadRequired: true, payloadNumbers: ['points'] } },
  },
  /**
   * A department's yearly contacts (负责人和联系人): done by registering them (PUT /departments/:id/contacts, which
   * completes the task); completing it by hand is refused until the year's registration exists.
   */
  contacts_registration: { assigneeRoles: ['staff', 'head'], outcomes: { register: {} } },
  /**
   * The info office imports next year's official holiday arrangement (from 1 November until 15 December): done
   * by the import (POST /calendar/years/:year/arrangement, which completes the task); by hand only once the year is official.
   */
  calendar_import: { assigneeRoles: ['info_office'], outcomes: { imported: {} } },
  /** The platform's smoke-test task: proves a deployment's task round trip end to end. */
  acknowledgement: { assigneeRoles: ['staff', 'head'], outcomes: { acknowledge: {}, decline: { commentRequired: true } } },
  /**
   * A department's filing in one phase of a filing campaign: done by submitting it (POST
   * /campaigns/:id/phases/:phase/filings, which completes the task); by hand only once the round's filing exists.
   */
  campaign_filing: { assigneeRoles: ['staff', 'head'], outcomes: { submit: { payloadRequired: true, payloadFields: ['filingId'] } } },
  /** The info office reviews a campaign filing: accepted (then filed, 备案), or returned with its opinions for correction. */
  campaign_review: { assigneeRoles: ['info_office'], outcomes: { accept: {}, return: { commentRequired: true } } },
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

/** Why a completion does not fit its task kind, or undefined when it does. */
export function completionProblem(kind: TaskKind, completion: Omit<TaskCompletion, 'taskId' | 'completedBy'>) {
  const outcomes: Record<string, OutcomeRule> = TASK_KINDS[kind].outcomes;
  const rule = outcomes[completion.outcome];
  if (!rule) {
    return `outcome '${completion.outcome}' is not valid for a ${kind} task; expected one of: ${Object.keys(outcomes).join(', ')}`;
  }
  if (rule.commentRequired && !completion.comment?.trim()) {
    return `outcome '${completion.outcome}' requires a comment giving the reasons`;
  }
  if (rule.payloadRequired && (!completion.payload || Object.keys(completion.payload).length === 0)) {
    return `outcome '${completion.outcome}' requires a payload`;
  }
  const missing = rule.payloadFields?.find((field) => {
    const value = completion.payload?.[field];
    return typeof value !== 'string' || !value.trim();
  });
  if (missing) return `outcome '${completion.outcome}' requires payload.${missing}`;
  const notNumber = rule.payloadNumbers?.find((field) => {
    const value = completion.payload?.[field];
    return typeof value !== 'number' || !Number.isFinite(value) || value < 0;
  });
  if (notNumber) return `outcome '${completion.outcome}' requires payload.${notNumber} as a non-negative number`;
  return undefined;
}
