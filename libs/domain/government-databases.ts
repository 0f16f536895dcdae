import type { UpdateFrequency } from './catalog.js';
/**
 * The lifecycle of a department's government database (seed 001 §三(二): 备案、注册、运行、更新、注销).
 * Pure data and rules: the API checks a step request against them before sending it, and the
 * database's workflow, whose state is the truth, checks them again in its update validator.
 */
/** The subject type of the database's tasks and filings. */
export const DATABASE_SUBJECT_TYPE = 'government_database';

export const DATABASE_STATUSES = ['filed', 'registered', 'operating', 'deregistered'] as const;
export type DatabaseStatus = (typeof DATABASE_STATUSES)[number];

/** The database management catalog lists the databases whose registration was confirmed and not withdrawn. */
export const CATALOGUED_STATUSES: readonly DatabaseStatus[] = ['registered', 'operating'];

/** The four base databases of seed 002, or a department's own business area. */
export const DATABASE_CATEGORIES = ['population', 'legal_entity', 'spatial_natural_resources', 'macro_economy', 'business'] as const;
export type DatabaseCategory = (typeof DATABASE_CATEGORIES)[number];

export { UPDATE_FREQUENCIES, type UpdateFrequency } from './catalog.js';

export interface DatabaseAttributes {
  name: string;
  description: string;
  category: DatabaseCategory;
  businessArea?: string;
  dataScale: { records: number; volumeGb: number };
  storageLocation: string;
  storageSystem: string;
  contact: { name: string; phone: string; email?: string };
  updateFrequency: UpdateFrequency;
  dataSubjects: string[];
  catalogResourceIds?: string[];
}

interface StepRule {
  from: readonly DatabaseStatus[];
  to: DatabaseStatus;
  filingKind: string;
  label: string;
  changes: 'required' | 'allowed' | 'none';
  reasonRequired?: boolean;
}

/**
 * `register` confirms a filing; the department requests it again only to resubmit a returned filing
 * (with corrections in `changes`). Each approved step is filed with the info office.
 */
export const DATABASE_STEPS = {
  register: { from: ['filed'], to: 'registered', filingKind: 'database.registered', label: '注册', changes: 'allowed' },
  operate: { from: ['registered'], to: 'operating', filingKind: 'database.operating', label: '运行', changes: 'none' },
  update: { from: ['operating'], to: 'operating', filingKind: 'database.updated', label: '更新', changes: 'required' },
  deregister: {
    from: ['registered', 'operating'],
    to: 'deregistered',
    filingKind: 'database.deregistered',
    label: '注销',
    changes: 'none',
    reasonRequired: true,
  },
} as const satisfies Record<string, StepRule>;

export type DatabaseStep = keyof typeof DATABASE_STEPS;
export const DATABASE_STEP_NAMES = Object.keys(DATABASE_STEPS) as DatabaseStep[];

export type StepRoundStatus = 'in_review' | 'approved' | 'returned';

/** The failure types the workflow's validator raises; the API maps them to 409 and 422. */
export const STEP_NOT_ALLOWED = 'StepNotAllowed';
export const INVALID_STEP_REQUEST = 'InvalidStepRequest';

export interface StepRequestContent {
  changes?: Partial<DatabaseAttributes>;
  reason?: string;
}

/** Why the step cannot start now (a 409), or undefined when it can. `status` is null before the filing is recorded. */
export function stepConflict(status: DatabaseStatus | null, reviewInProgress: DatabaseStep | null, step: DatabaseStep) {
  if (status === 'deregistered') return 'the database has been deregistered';
  if (reviewInProgress) return `a request to ${reviewInProgress} is in review; wait for its outcome`;
  if (status === null) return step === 'register' ? undefined : 'the database has not been filed';
  const from: readonly DatabaseStatus[] = DATABASE_STEPS[step].from;
  return from.includes(status) ? undefined : `a ${status} database cannot ${step}; allowed from: ${from.join(', ')}`;
}

/** Why a request's content breaks the step's rules (a 422), or undefined when it fits. */
export function stepRequestProblem(step: DatabaseStep, request: StepRequestContent): { field: string; message: string } | undefined {
  const rule: StepRule = DATABASE_STEPS[step];
  const hasChanges = request.changes !== undefined && Object.keys(request.changes).length > 0;
  if (rule.changes === 'required' && !hasChanges) return { field: 'changes', message: `the ${step} step needs the changed attributes` };
  if (rule.changes === 'none' && hasChanges) return { field: 'changes', message: `the ${step} step cannot change attributes` };
  if (rule.reasonRequired && !request.reason?.trim()) return { field: 'reason', message: `the ${step} step needs the reason` };
  return undefined;
}

/** Rules across attributes that a schema cannot express, checked on the attributes as they would stand. */
export function attributesProblem(attributes: DatabaseAttributes): { field: string; message: string } | undefined {
  if (attributes.category === 'business' && !attributes.businessArea?.trim()) {
    return { field: 'businessArea', message: 'a business database must name its business area' };
  }
  return undefined;
}
