/**
 * Filing campaigns (报送/备案活动): a dated obligation the info office configures — who files, by when, what a
 * filing holds, whether it is reviewed — instead of one coded process per obligation. Pure rules and data.
 */

/** Who must file: listed departments, departments of some levels, or those holding a kind of resource. */
export type CampaignAudience =
  | { kind: 'levels'; levels: string[] }
  | { kind: 'departments'; departmentIds: string[] }
  | { kind: 'holders'; resource: 'government_database' | 'catalog_resource' };

/** A phase's due date: a fixed time (30 April), or working days from the campaign's opening. */
export type PhaseDeadline = { at: string } | { workingDays: number };

export interface CampaignPhase {
  key: string;
  name: string;
  deadline: PhaseDeadline;
}

export type FormFieldType = 'text' | 'number' | 'date' | 'boolean';

export interface FormField {
  key: string;
  label: string;
  type: FormFieldType;
  required: boolean;
}

export const ATTACHMENT_TYPES = ['pdf', 'docx', 'xlsx', 'doc', 'xls', 'png', 'jpeg'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

export const ATTACHMENT_MEDIA_TYPES: Record<AttachmentType, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  png: 'image/png',
  jpeg: 'image/jpeg',
};

export interface AttachmentRule {
  /** At least this many files (0: attachments optional). */
  minCount: number;
  maxCount: number;
  maxBytes: number;
  types: AttachmentType[];
}

export interface CampaignDefinition {
  name: string;
  /** The obligation's legal source: the seed document and its article. */
  legalSource: { seed: string; article: string };
  audience: CampaignAudience;
  phases: CampaignPhase[];
  form: FormField[];
  attachments: AttachmentRule | null;
  /** How long before a deadline the reminder goes: a policy key or a duration ("3wd", "PT1S"). */
  reminder: string;
  /** The info office reviews each filing: accepts it, or returns it with opinions for a corrected one. */
  review: boolean;
}

/** The platform-wide ceiling for one attachment, whatever a campaign allows. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const MAX_ATTACHMENT_COUNT = 10;

/** Why a definition cannot run, or undefined (the API's schema checks shapes; these are the rules across fields). */
export function definitionProblem(definition: CampaignDefinition): string | undefined {
  if (definition.phases.length === 0) return 'a campaign needs at least one phase';
  const phaseKeys = new Set(definition.phases.map((phase) => phase.key));
  if (phaseKeys.size !== definition.phases.length) return 'phase keys must be distinct';
  const fieldKeys = new Set(definition.form.map((field) => field.key));
  if (fieldKeys.size !== definition.form.length) return 'form field keys must be distinct';
  if (definition.form.length === 0 && !definition.attachments) return 'a filing must hold form fields, attachments or both';
  const rule = definition.attachments;
  if (rule) {
    if (rule.types.length === 0) return 'attachments need at least one allowed type';
    if (rule.minCount > rule.maxCount) return 'attachments.minCount exceeds attachments.maxCount';
    if (rule.maxCount > MAX_ATTACHMENT_COUNT) return `at most ${MAX_ATTACHMENT_COUNT} attachments a filing`;
    if (rule.maxBytes > MAX_ATTACHMENT_BYTES) return `an attachment may be at most ${MAX_ATTACHMENT_BYTES} bytes`;
  }
  return undefined;
}

/** The problems of a filing's form values against the campaign's fields (empty when it fits). */
export function formProblems(form: FormField[], values: Record<string, unknown>): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const known = new Set(form.map((field) => field.key));
  for (const key of Object.keys(values)) if (!known.has(key)) problems.push({ field: `fields.${key}`, message: 'not a field of this campaign' });
  for (const field of form) {
    const value = values[field.key];
    const path = `fields.${field.key}`;
    if (value === undefined || value === null || value === '') {
      if (field.required) problems.push({ field: path, message: `${field.label} is required` });
      continue;
    }
    const fits =
      field.type === 'text'
        ? typeof value === 'string' && value.trim().length > 0 && value.length <= 10_000
        : field.type === 'number'
          ? typeof value === 'number' && Number.isFinite(value)
          : field.type === 'boolean'
            ? typeof value === 'boolean'
            : typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
    if (!fits) problems.push({ field: path, message: `${field.label} must be a ${field.type === 'date' ? 'date (YYYY-MM-DD)' : field.type}` });
  }
  return problems;
}

export type FilingReviewStatus = 'submitted' | 'returned' | 'accepted';

/** A department's standing in one phase, as the roll shows it. */
export type PhaseStanding = 'on_time' | 'late' | 'not_yet' | 'missing' | 'returned';

/**
 * Timing is measured by the first filing (a corrected one does not make an on-time filing late); a filing
 * returned with opinions and not yet corrected stands as returned; no filing is `not_yet` before the
 * deadline and `missing` after it.
 */
export function phaseStanding(
  firstSubmittedAt: Date | null,
  latestStatus: FilingReviewStatus | null,
  dueAt: Date,
  now: Date,
): PhaseStanding {
  if (latestStatus === 'returned') return 'returned';
  if (!firstSubmittedAt) return now.getTime() > dueAt.getTime() ? 'missing' : 'not_yet';
  return firstSubmittedAt.getTime() <= dueAt.getTime() ? 'on_time' : 'late';
}

/**
 * When a campaign closes: the start of the year after its last fixed deadline (or after the campaign's year),
 * Beijing time. Filings still open then are withdrawn: the roll keeps them missing.
 */
export function campaignClosesAt(year: number, phases: CampaignPhase[]): string {
  const lastYear = Math.max(
    year,
    ...phases.map((phase) => ('at' in phase.deadline ? Number(new Date(Date.parse(phase.deadline.at) + 8 * 3_600_000).toISOString().slice(0, 4)) : year)),
  );
  return new Date(`${lastYear + 1}-01-01T00:00:00+08:00`).toISOString();
}

/** End of a day in Beijing time, as an ISO instant: the deadlines the seeds give as dates. */
export function endOfDay(year: number, month: number, day: number): string {
  const mm = String(month).padStart(2, '0');
  const dd = String(day).padStart(2, '0');
  return new Date(`${year}-${mm}-${dd}T23:59:59+08:00`).toISOString();
}

const DOCUMENT_ATTACHMENTS: AttachmentRule = {
  minCount: 0,
  maxCount: 5,
  maxBytes: 10 * 1024 * 1024,
  types: ['pdf', 'docx', 'doc', 'xlsx', 'xls', 'png', 'jpeg'],
};
const CITY_AND_DISTRICTS: CampaignAudience = { kind: 'levels', levels: ['city', 'district'] };

/**
 * The seeds' dated obligations, each started with one call for a year. `prefill` names what a department's
 * form is pre-filled from (the database survey from the database registry).
 */
export const CAMPAIGN_PRESETS = {
  /** seed 000 六(二)3 and 二(一): 《北京市政务数据库建设情况调查表》 by 30 April. */
  'database-survey': {
    prefill: 'database_registry',
    define: (year: number): CampaignDefinition => ({
      name: `${year}年北京市政务数据库建设情况调查表`,
      legalSource: { seed: '000', article: '六(二)3、二(一)' },
      audience: CITY_AND_DISTRICTS,
      phases: [{ key: 'survey', name: '政务数据库建设情况调查表', deadline: { at: endOfDay(year, 4, 30) } }],
      form: [
        { key: 'databaseCount', label: '政务数据库数量', type: 'number', required: true },
        { key: 'databases', label: '数据库清单', type: 'text', required: true },
        { key: 'remarks', label: '说明', type: 'text', required: false },
      ],
      attachments: DOCUMENT_ATTACHMENTS,
      reminder: 'task.reminderBefore',
      review: true,
    }),
  },
  /** seed 000 六(二)5 and 五: the e-government work plan before the Olympics, filed by 30 May. */
  'egov-work-plan': {
    prefill: null,
    define: (year: number): CampaignDefinition => ({
      name: `${year}年奥运前电子政务工作计划备案`,
      legalSource: { seed: '000', article: '六(二)5、五' },
      audience: CITY_AND_DISTRICTS,
      phases: [{ key: 'plan', name: '奥运前电子政务工作计划', deadline: { at: endOfDay(year, 5, 30) } }],
      form: [{ key: 'summary', label: '计划摘要', type: 'text', required: true }],
      attachments: { ...DOCUMENT_ATTACHMENTS, minCount: 1 },
      reminder: 'task.reminderBefore',
      review: false,
    }),
  },
  /** seed 000 六(二)6 and 五(三): key projects declared in two batches, by the end of June and of August. */
  'key-projects': {
    prefill: null,
    define: (year: number): CampaignDefinition => ({
      name: `${year}年重点项目申报`,
      legalSource: { seed: '000', article: '六(二)6、五(三)' },
      audience: CITY_AND_DISTRICTS,
      phases: [
        { key: 'batch-1', name: '第一批重点项目申报', deadline: { at: endOfDay(year, 6, 30) } },
        { key: 'batch-2', name: '第二批重点项目申报', deadline: { at: endOfDay(year, 8, 31) } },
      ],
      form: [
        { key: 'projectName', label: '项目名称', type: 'text', required: true },
        { key: 'budget', label: '预算（万元）', type: 'number', required: true },
        { key: 'summary', label: '项目概述', type: 'text', required: false },
      ],
      attachments: DOCUMENT_ATTACHMENTS,
      reminder: 'task.reminderBefore',
      review: true,
    }),
  },
  /** seed 003 四 and 五(二): catalogs registered by 15 November, market-supervision and credit data by 31 December, all shared data by 30 May. */
  'sharing-phases': {
    prefill: null,
    define: (year: number): CampaignDefinition => ({
      name: `${year}年政务信息资源共享三阶段工作`,
      legalSource: { seed: '003', article: '四、五(二)' },
      audience: CITY_AND_DISTRICTS,
      phases: [
        { key: 'catalog-registration', name: '第一阶段：目录梳理并注册登记', deadline: { at: endOfDay(year, 11, 15) } },
        { key: 'market-credit-data', name: '第二阶段：市场监管和社会信用数据提交', deadline: { at: endOfDay(year, 12, 31) } },
        { key: 'all-shared-data', name: '第三阶段：所有共享数据提交', deadline: { at: endOfDay(year + 1, 5, 30) } },
      ],
      form: [
        { key: 'completed', label: '已完成', type: 'boolean', required: true },
        { key: 'description', label: '完成情况', type: 'text', required: true },
      ],
      attachments: DOCUMENT_ATTACHMENTS,
      reminder: 'task.reminderBefore',
      review: false,
    }),
  },
  /** seed 004 二、三: the survey forms by 20 October, reviewed jointly by the end of November, returned for correction. */
  'survey-round': {
    prefill: null,
    define: (year: number): CampaignDefinition => ({
      name: `${year}年数据需求调研和数据提供调查`,
      legalSource: { seed: '004', article: '二、三' },
      audience: CITY_AND_DISTRICTS,
      phases: [{ key: 'survey-forms', name: '数据需求调研表、数据提供调查表、分管负责人及联络人名单', deadline: { at: endOfDay(year, 10, 20) } }],
      form: [{ key: 'summary', label: '填报说明', type: 'text', required: false }],
      attachments: { minCount: 1, maxCount: 5, maxBytes: 10 * 1024 * 1024, types: ['xlsx', 'xls', 'docx', 'doc', 'pdf'] },
      reminder: 'task.reminderBefore',
      review: true,
    }),
  },
} as const satisfies Record<string, { prefill: 'database_registry' | null; define: (year: number) => CampaignDefinition }>;

export type CampaignPresetKey = keyof typeof CAMPAIGN_PRESETS;
export const CAMPAIGN_PRESET_KEYS = Object.keys(CAMPAIGN_PRESETS) as CampaignPresetKey[];
export const isCampaignPresetKey = (key: string): key is CampaignPresetKey => Object.hasOwn(CAMPAIGN_PRESETS, key);
