/**
 * Who may call each operation of the OpenAPI document: one declaration per operation, read by
 * test/access-matrix.e2e.spec.ts (which crosses every operation with every caller) and test/fuzz.e2e.spec.ts (which
 * starts from the valid bodies declared here). An operation of the document without a rule here fails the matrix, so a
 * route cannot be added without saying who may call it.
 *
 * The rules mirror libs/auth/access-policy.ts and the roles of libs/domain/roles.ts; they are written from the
 * platform's rules, not read back from the API's answers:
 *   - `public`: anyone, signed in or not;
 *   - `signedIn`: any signed-in caller (lists are filtered by department, which the matrix does not judge);
 *   - `roles([...])`: holders of one of the roles, whatever their department;
 *   - `subject({...})`: the subject belongs to department A (the subjects the matrix creates): `members` of A with one of
 *     the roles given (or `'any'` role) and holders of a `cityWide` role of any department; every other caller is
 *     refused, with 403 or 404 (404 where the caller may not even see the subject). A caller of department B answered
 *     as if allowed is a cross-department leak.
 *
 * `refusalsOnly` marks a state-changing operation whose allowed call would change shared subjects (close a task,
 * submit a draft, move the calendar): the matrix sends it only to the callers the rule refuses, and says why here.
 */
import type { Role } from '../../libs/domain/roles.js';

export type Caller = { role: Role; department: 'A' | 'B' } | 'anonymous';

export type Rule =
  | { kind: 'public' }
  | { kind: 'signedIn' }
  | { kind: 'roles'; roles: readonly Role[] }
  | { kind: 'subject'; members: readonly Role[] | 'any'; cityWide: readonly Role[] };

/** What the suite created for department A (and the ids the bodies name). */
export interface Subjects {
  departmentA: string;
  departmentB: string;
  /** A department outside the callers: the provider of the resource A's requests ask for. */
  departmentC: string;
  /** A user of department A the admin routes may disable, enable and change. */
  userA: string;
  usernameA: string;
  publishedResource: string;
  draftResource: string;
  /** A published resource of department C, which A's staff apply for. */
  resourceOfC: string;
  sharingRequest: string;
  task: string;
  acknowledgement: string;
  database: string;
  demand: string;
  collection: string;
  monthlyReport: string;
  bulletin: string;
  assessmentYear: number;
  notification: string;
  policyKey: string;
  dataItemOfC: string;
  unique: (prefix: string) => string;
}

export interface Declaration {
  rule: Rule;
  /** Why allowed calls are not sent (a state-changing operation on shared subjects, or a subject the suite cannot make). */
  refusalsOnly?: string;
  /** Path parameters naming real subjects of department A. */
  params?: (s: Subjects) => Record<string, string | number>;
  /** A query the operation needs to answer. */
  query?: (s: Subjects) => Record<string, string>;
  /** A minimal valid body (a fresh one per call where the subject must be new). */
  body?: (s: Subjects) => unknown;
  /** Sent as multipart/form-data with a `file` that is no workbook (the matrix judges only the refusals). */
  multipart?: boolean;
}

const CITY_WIDE: readonly Role[] = ['admin', 'info_office', 'supervisor'];
const DEPARTMENT_PEOPLE: readonly Role[] = ['staff', 'head'];
const FILING_READERS: readonly Role[] = ['admin', 'info_office', 'secrecy_bureau', 'supervisor'];
const CALENDAR_EDITORS: readonly Role[] = ['admin', 'info_office'];

const PUBLIC: Rule = { kind: 'public' };
const SIGNED_IN: Rule = { kind: 'signedIn' };
const roles = (list: readonly Role[]): Rule => ({ kind: 'roles', roles: list });
/** The subject's department's staff and head, and the city-wide roles (who see every department's records). */
const ownDepartment = (
  members: readonly Role[] | 'any' = DEPARTMENT_PEOPLE,
  cityWide: readonly Role[] = CITY_WIDE,
): Rule => ({
  kind: 'subject',
  members,
  cityWide,
});
/** Acting for the subject's department: its staff and head only, the city-wide roles see but do not act. */
const actsForDepartment = ownDepartment(DEPARTMENT_PEOPLE, []);

const person = { name: '王力', title: '科长', phone: '010-6512 3456' };
const iso = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

export const databaseFiling = (name: string) => ({
  name,
  description: '流动人口登记、居住证办理与服务管理数据',
  category: 'population',
  dataScale: { records: 1_250_000, volumeGb: 86.5 },
  storageLocation: '市政务云',
  storageSystem: 'PostgreSQL 16',
  contact: { name: '王力', phone: '010-6512 3456', email: 'wangli@example.gov.cn' },
  updateFrequency: 'daily',
  dataSubjects: ['自然人', '房屋'],
});

export const collectionDeclaration = (item: string) => ({
  subject: `${item}等信息采集`,
  description: '办理登记业务时采集的基础信息。',
  dataItems: [{ name: item, description: '', dataType: 'string', length: 64 }],
  legalBasis: '《中华人民共和国市场主体登记管理条例》',
  standard: 'GB 32100-2015',
  frequency: 'realtime',
});

export const resourceDeclaration = (name: string) => ({
  name,
  abstract: '本市常住人口的户籍、居住与身份核验信息，供各部门办理业务时核验使用。',
  catalog: 'base',
  classification: '人口/基本信息',
  sharingType: 'conditional',
  sharingMethods: ['api', 'file'],
  openScope: 'internal',
  updateFrequency: 'daily',
  confidential: false,
  dataItems: [
    {
      name: '公民身份号码',
      description: '18位身份证号',
      dataType: 'string',
      length: 18,
      openScope: 'not_public',
    },
  ],
});

const id = (pick: (s: Subjects) => string) => (s: Subjects) => ({ id: pick(s) });
const request = id((s) => s.sharingRequest);
const reasons = () => ({ reasons: '矩阵测试：拒绝应在执行前作出' });

/** Keyed `METHOD /path` as in the document, without the /api/v1 prefix. */
/**
 * Operations whose rules are still to be declared: the filing campaigns and theme libraries, which landed beside
 * the matrix (their access decisions are in AccessPolicy: requireCampaignOrganiser, requireCampaignOverseer,
 * requireCampaignFiler, canSeeCampaignFiling, requireThemeOrganiser). The matrix holds this list exactly and
 * sends them nothing; each leaves it with its declaration and the subjects it needs.
 */
export const AWAITING_RULES: readonly string[] = [
  'POST /campaigns',
  'GET /campaigns/presets',
  'POST /campaigns/presets/{key}/start',
  'GET /campaigns/filings/{id}',
  'GET /campaigns/filings/{id}/verify',
  'GET /campaigns/filings/{id}/attachments/{sha256}',
  'GET /campaigns/{id}',
  'GET /campaigns/{id}/roll',
  'GET /campaigns/{id}/phases/{phase}/prefill',
  'POST /campaigns/{id}/phases/{phase}/filings',
  'POST /themes',
  'GET /themes',
  'GET /themes/{id}',
  'POST /themes/{id}/resources',
  'POST /themes/{id}/resources/{resourceId}/decision',
];

export const ACCESS_RULES: Record<string, Declaration> = {
  'GET /health': { rule: PUBLIC },
  'POST /auth/login': { rule: PUBLIC, body: (s) => ({ username: s.usernameA, password: 'e2e-password' }) },
  'POST /auth/logout': { rule: PUBLIC },
  'GET /auth/me': { rule: SIGNED_IN },
  'POST /auth/password': {
    rule: SIGNED_IN,
    refusalsOnly: "changing the caller's own password ends the sessions the matrix signs in with",
    body: () => ({ currentPassword: 'e2e-password', newPassword: 'e2e-password-2' }),
  },

  'POST /departments': {
    rule: roles(['admin']),
    body: (s) => ({ code: s.unique('MX').toUpperCase(), name: s.unique('矩阵部门'), level: 'city' }),
  },
  'GET /departments': { rule: SIGNED_IN },
  'POST /users': {
    rule: roles(['admin']),
    body: (s) => ({
      username: s.unique('mx.user').toLowerCase(),
      password: 'e2e-password',
      displayName: '矩阵用户',
      departmentId: s.departmentA,
      roles: ['staff'],
    }),
  },
  'GET /users': { rule: roles(['admin']) },
  'POST /users/{id}/disable': { rule: roles(['admin']), params: id((s) => s.userA) },
  'POST /users/{id}/enable': { rule: roles(['admin']), params: id((s) => s.userA) },
  'PUT /users/{id}/roles': {
    rule: roles(['admin']),
    params: id((s) => s.userA),
    body: () => ({ roles: ['staff'] }),
  },
  'POST /users/{id}/password': {
    rule: roles(['admin']),
    params: id((s) => s.userA),
    body: () => ({ password: 'e2e-password' }),
  },
  'GET /audit-log': { rule: roles(['info_office', 'secrecy_bureau']) },

  'GET /calendar/days': { rule: SIGNED_IN, query: () => ({ from: '2026-12-01', to: '2026-12-31' }) },
  'GET /calendar/years': { rule: SIGNED_IN },
  'GET /calendar/deadline': {
    rule: SIGNED_IN,
    query: () => ({ from: '2026-12-01T09:00:00+08:00', duration: '5wd' }),
  },
  'PUT /calendar/days/{date}': {
    rule: roles(CALENDAR_EDITORS),
    refusalsOnly: 'a calendar change recomputes every open deadline of the city',
    params: () => ({ date: '2099-06-01' }),
    body: () => ({ isWorkingDay: true, note: '' }),
  },
  'POST /calendar/years/{year}/arrangement': {
    rule: roles(CALENDAR_EDITORS),
    refusalsOnly: "publishing a year's arrangement changes the city's calendar",
    params: () => ({ year: 2099 }),
    // Read by the route itself (JSON or an uploaded file), so the document names no body schema.
    body: () => ({
      reference: '矩阵测试',
      holidays: [{ name: '元旦', from: '2099-01-01', to: '2099-01-01' }],
      workdays: [],
    }),
  },
  'GET /calendar/recomputations/{id}': {
    rule: roles(CALENDAR_EDITORS),
    refusalsOnly: 'a recomputation exists only after a calendar change, which the matrix does not make',
    params: () => ({ id: '00000000-0000-4000-8000-000000000000' }),
  },
  'GET /policies': { rule: SIGNED_IN },
  'PUT /policies/{key}': {
    rule: roles(CALENDAR_EDITORS),
    refusalsOnly: 'a policy is city-wide configuration other suites rely on',
    params: (s) => ({ key: s.policyKey }),
    body: () => ({ value: '5wd' }),
  },

  'GET /tasks': { rule: SIGNED_IN },
  'GET /tasks/{id}': { rule: ownDepartment(), params: id((s) => s.task) },
  'POST /tasks/{id}/complete': {
    rule: actsForDepartment,
    refusalsOnly: 'completing closes the task the other cells read',
    params: id((s) => s.task),
    body: () => ({ outcome: 'acknowledge' }),
  },
  // Coordinators hand any task on; the department's head delegates within the department (reassign-task.usecase.ts).
  'POST /tasks/{id}/reassign': {
    rule: ownDepartment(['head'], ['admin', 'info_office']),
    refusalsOnly: 'reassigning moves the task the other cells read',
    params: id((s) => s.task),
    body: (s) => ({ assigneeRole: 'staff', assigneeDepartmentId: s.departmentA }),
  },
  'GET /task-kinds': { rule: SIGNED_IN },
  'GET /filings': { rule: SIGNED_IN },
  'GET /filings/verify': { rule: roles(FILING_READERS) },
  'GET /notifications': { rule: SIGNED_IN },
  // A notification is its addressee's alone: A's staff member, not even an administrator.
  'POST /notifications/{id}/read': { rule: ownDepartment(['staff'], []), params: id((s) => s.notification) },

  'POST /acknowledgements': {
    rule: roles(['admin', 'info_office']),
    body: (s) => ({ departmentId: s.departmentA, title: s.unique('矩阵通知') }),
  },
  'GET /acknowledgements/{id}': { rule: ownDepartment('any'), params: id((s) => s.acknowledgement) },

  'POST /catalog/resources': {
    rule: roles(DEPARTMENT_PEOPLE),
    body: (s) => resourceDeclaration(s.unique('矩阵资源')),
  },
  'GET /catalog/resources': { rule: SIGNED_IN },
  'PUT /catalog/resources/{id}': {
    rule: actsForDepartment,
    params: id((s) => s.draftResource),
    body: (s) => resourceDeclaration(s.unique('矩阵资源')),
  },
  // A draft: seen by its department and the city-wide roles only (a published one is everyone's).
  'GET /catalog/resources/{id}': { rule: ownDepartment('any'), params: id((s) => s.draftResource) },
  'POST /catalog/resources/{id}/submit': {
    rule: actsForDepartment,
    refusalsOnly: 'submitting moves the draft the other cells read',
    params: id((s) => s.draftResource),
  },
  'POST /catalog/resources/{id}/retire': {
    rule: actsForDepartment,
    refusalsOnly: 'retiring ends the published resource the other cells read',
    params: id((s) => s.publishedResource),
  },
  'GET /catalog/resources/{id}/documents/{name}': {
    rule: ownDepartment('any'),
    params: (s) => ({ id: s.draftResource, name: 'entry' }),
  },
  'POST /catalog/imports': {
    rule: roles(DEPARTMENT_PEOPLE),
    multipart: true,
    refusalsOnly: 'an import creates drafts from a workbook; test/catalog-excel.e2e.spec.ts sends real ones',
  },
  'GET /catalog/imports/template': { rule: SIGNED_IN },
  'GET /catalog/exports/resources': { rule: SIGNED_IN },
  'GET /catalog/exports/demands': { rule: SIGNED_IN },
  'GET /public/catalog/resources': { rule: PUBLIC },
  'GET /public/catalog/resources/{id}': { rule: PUBLIC, params: id((s) => s.publishedResource) },
  // A department subscribes: its staff or head, not the coordinating roles.
  'POST /catalog/resources/{id}/subscription': {
    rule: roles(DEPARTMENT_PEOPLE),
    params: id((s) => s.publishedResource),
  },
  'DELETE /catalog/resources/{id}/subscription': {
    rule: roles(DEPARTMENT_PEOPLE),
    params: id((s) => s.publishedResource),
  },
  'GET /catalog/subscriptions': { rule: SIGNED_IN },

  'POST /demands': {
    rule: roles(DEPARTMENT_PEOPLE),
    body: (s) => ({
      dataName: s.unique('矩阵需求'),
      expectedProviderDepartmentId: s.departmentC,
      content: '按月提供',
      purpose: '核定补贴',
      updateFrequency: 'monthly',
    }),
  },
  'GET /demands': { rule: SIGNED_IN },
  'GET /demands/{id}': { rule: ownDepartment('any'), params: id((s) => s.demand) },

  'POST /sharing-requests': {
    rule: roles(DEPARTMENT_PEOPLE),
    body: (s) => ({
      resourceId: s.resourceOfC,
      dataItems: [s.dataItemOfC],
      purpose: 'data_verification',
      purposeDetail: '矩阵测试的申请',
      scope: '本部门',
      method: 'api',
    }),
  },
  'GET /sharing-requests': { rule: SIGNED_IN },
  'GET /sharing-requests/{id}': { rule: ownDepartment('any'), params: request },
  'POST /sharing-requests/{id}/withdraw': {
    rule: actsForDepartment,
    refusalsOnly: 'withdrawing ends the request the other cells read',
    params: request,
    body: () => ({ reason: '矩阵' }),
  },
  // The requester (department A) withdraws, reports non-delivery, applies for a renewal, objects and gives feedback.
  'POST /sharing-requests/{id}/non-delivery': {
    rule: actsForDepartment,
    refusalsOnly: 'reporting non-delivery moves the request',
    params: request,
    body: reasons,
  },
  // Revoking, suspending and resuming are the provider's (department C) or the info office's: none of A's or B's people.
  'POST /sharing-requests/{id}/revoke': {
    rule: ownDepartment([], ['info_office']),
    refusalsOnly: 'revoking ends the grant',
    params: request,
    body: reasons,
  },
  'POST /sharing-requests/{id}/renew': {
    rule: actsForDepartment,
    refusalsOnly: 'a renewal opens the provider’s review',
    params: request,
    body: () => ({ validUntil: iso(400), reasons: '续期' }),
  },
  'POST /sharing-requests/{id}/suspend': {
    rule: ownDepartment([], ['info_office']),
    refusalsOnly: 'suspending stops the grant',
    params: request,
    body: reasons,
  },
  'POST /sharing-requests/{id}/resume': {
    rule: ownDepartment([], ['info_office']),
    refusalsOnly: 'resuming restarts the grant',
    params: request,
    body: () => ({ comment: '恢复' }),
  },
  'POST /sharing-requests/{id}/objections': {
    rule: actsForDepartment,
    refusalsOnly: 'an objection opens a verification on the request',
    params: request,
    body: (s) => ({ items: [s.dataItemOfC], description: '数据有误' }),
  },
  'GET /sharing-requests/{id}/objections': { rule: ownDepartment('any'), params: request },
  'POST /sharing-requests/{id}/feedback': {
    rule: actsForDepartment,
    refusalsOnly: 'feedback is given once per request',
    params: request,
    body: () => ({ rating: 5, effect: '良好' }),
  },
  'GET /sharing-requests/{id}/feedback': { rule: ownDepartment('any'), params: request },
  'GET /sharing-requests/{id}/documents/{name}': {
    rule: ownDepartment('any'),
    params: (s) => ({ id: s.sharingRequest, name: 'application' }),
  },

  'POST /collections': {
    rule: roles(DEPARTMENT_PEOPLE),
    body: (s) => collectionDeclaration(s.unique('矩阵数据项')),
  },
  'GET /collections': { rule: SIGNED_IN },
  // Registrations are seen by their reviewers (statistics bureau, info office) and the city-wide roles as well.
  'GET /collections/{id}': {
    rule: ownDepartment('any', [...CITY_WIDE, 'statistics_bureau']),
    params: id((s) => s.collection),
  },
  'GET /public/collections': { rule: PUBLIC },

  'POST /databases': { rule: roles(DEPARTMENT_PEOPLE), body: (s) => databaseFiling(s.unique('矩阵数据库')) },
  'POST /databases/{id}/steps': {
    rule: actsForDepartment,
    refusalsOnly: 'a step moves the database the other cells read',
    params: id((s) => s.database),
    body: () => ({ step: 'register' }),
  },
  'GET /databases': { rule: SIGNED_IN },
  'GET /databases/{id}': { rule: ownDepartment('any'), params: id((s) => s.database) },
  'GET /databases/{id}/document': { rule: ownDepartment('any'), params: id((s) => s.database) },
  'GET /catalog/databases': { rule: SIGNED_IN },

  'POST /catalog/resources/{id}/updates': {
    rule: actsForDepartment,
    params: id((s) => s.publishedResource),
    body: () => ({ note: '矩阵' }),
  },
  'GET /catalog/resources/{id}/updates': { rule: SIGNED_IN, params: id((s) => s.publishedResource) },
  'GET /supervision/update-compliance': { rule: SIGNED_IN },
  'POST /supervision/update-compliance/run': {
    rule: roles(['info_office', 'admin']),
    refusalsOnly: 'a run opens reminders for every department',
  },

  'POST /monthly-reports/rounds': {
    rule: roles(['info_office', 'admin']),
    refusalsOnly: "a round opens every department's report",
    body: () => ({ month: '2000-12' }),
  },
  'GET /monthly-reports': { rule: SIGNED_IN },
  'GET /monthly-reports/{id}': { rule: ownDepartment('any'), params: id((s) => s.monthlyReport) },
  'POST /monthly-reports/{id}/submit': {
    rule: actsForDepartment,
    refusalsOnly: 'submitting closes the report the other cells read',
    params: id((s) => s.monthlyReport),
    body: () => ({ progress: '进展', problems: '无' }),
  },
  'GET /monthly-reports/{id}/document': { rule: ownDepartment('any'), params: id((s) => s.monthlyReport) },

  'GET /supervision/indicators': { rule: SIGNED_IN },
  'GET /supervision/standings': { rule: roles(['supervisor', 'info_office', 'admin']) },
  'GET /supervision/deadline-risks': { rule: SIGNED_IN },
  'POST /bulletins': {
    rule: roles(['info_office', 'admin']),
    refusalsOnly: 'a bulletin is a filed, published record',
    body: () => ({ from: '2001-01-01', to: '2001-01-31' }),
  },
  'GET /bulletins': { rule: SIGNED_IN },
  'GET /bulletins/{id}': { rule: SIGNED_IN, params: id((s) => s.bulletin) },
  'GET /bulletins/{id}/document': { rule: SIGNED_IN, params: id((s) => s.bulletin) },

  'POST /assessments': {
    rule: roles(['supervisor', 'admin']),
    refusalsOnly: 'a year is assessed once',
    body: (s) => ({ year: s.assessmentYear, departmentIds: [s.departmentA] }),
  },
  'GET /assessments/{year}': { rule: SIGNED_IN, params: (s) => ({ year: s.assessmentYear }) },
  'PUT /assessments/{year}/weights': {
    rule: roles(['supervisor', 'admin']),
    refusalsOnly: "the year's weights are its configuration",
    params: (s) => ({ year: s.assessmentYear }),
    body: () => ({ on_time_answers: 30 }),
  },
  'GET /assessments/{year}/results': { rule: SIGNED_IN, params: (s) => ({ year: s.assessmentYear }) },
  'GET /assessments/{year}/departments/{departmentId}': {
    rule: ownDepartment('any'),
    params: (s) => ({ year: s.assessmentYear, departmentId: s.departmentA }),
  },
  'POST /assessments/{year}/departments/{departmentId}/adjustments': {
    rule: roles(['supervisor']),
    refusalsOnly: 'an adjustment changes the score',
    params: (s) => ({ year: s.assessmentYear, departmentId: s.departmentA }),
    body: () => ({ indicator: 'on_time_answers', points: 1, reason: '矩阵' }),
  },
  'POST /assessments/{year}/departments/{departmentId}/appeal': {
    rule: actsForDepartment,
    refusalsOnly: 'an appeal is made once',
    params: (s) => ({ year: s.assessmentYear, departmentId: s.departmentA }),
    body: () => ({ reasons: '矩阵' }),
  },
  'GET /assessments/{year}/departments/{departmentId}/documents/{name}': {
    rule: ownDepartment('any'),
    refusalsOnly:
      'a department’s targets exist once it has filed them, weeks into the year (test/assessment.e2e.spec.ts reads them)',
    params: (s) => ({ year: s.assessmentYear, departmentId: s.departmentA, name: 'targets' }),
  },

  'PUT /departments/{id}/contacts': {
    rule: actsForDepartment,
    params: id((s) => s.departmentA),
    body: () => ({ leader: person, business: person, it: person }),
  },
  'GET /departments/{id}/contacts': { rule: ownDepartment('any'), params: id((s) => s.departmentA) },
  'GET /departments/{id}/contacts/document': { rule: ownDepartment('any'), params: id((s) => s.departmentA) },
  'POST /supervision/contacts-campaigns': {
    rule: roles(['admin', 'info_office']),
    refusalsOnly: "a campaign opens every department's task",
    body: () => ({ year: 2099 }),
  },
  'GET /supervision/contacts': { rule: roles(['admin', 'info_office', 'supervisor']) },
};

/** The answer the rule expects from a caller: allowed, or refused with the status an anonymous or refused caller gets. */
export function allows(rule: Rule, caller: Caller): boolean {
  if (rule.kind === 'public') return true;
  if (caller === 'anonymous') return false;
  switch (rule.kind) {
    case 'signedIn':
      return true;
    case 'roles':
      return rule.roles.includes(caller.role);
    case 'subject':
      return (
        rule.cityWide.includes(caller.role) ||
        (caller.department === 'A' && (rule.members === 'any' || rule.members.includes(caller.role)))
      );
  }
}
