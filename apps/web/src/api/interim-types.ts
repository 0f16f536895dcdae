/**
 * INTERIM: response shapes (and query parameters) the API's OpenAPI document does not describe yet, described
 * by hand from the controllers so the pages can be typed. The API-contract work (named component schemas for
 * every response, documented query parameters) replaces this file: when schema.d.ts carries a shape, delete it
 * here and use `components['schemas'][...]` from the generated types instead. Nothing else may hand-describe
 * API types.
 */

export interface Page<T> {
  items: T[];
  total: number;
}

export interface PageQuery {
  limit?: number;
  offset?: number;
}

export interface Principal {
  id: string;
  username: string;
  displayName: string;
  departmentId: string;
  roles: string[];
}

export interface LoginAnswer {
  accessToken: string;
  user: Principal;
}

export interface Department {
  id: string;
  code: string;
  name: string;
  level: string;
  parentId?: string;
}

export interface Task {
  id: string;
  kind: string;
  title: string;
  subjectType: string;
  subjectId: string;
  assigneeRole: string;
  assigneeDepartmentId?: string;
  createdAt: string;
  dueAt: string;
  remindAt?: string;
  overdue: boolean;
  /** The due date counts days of a year whose official holiday arrangement is not published yet. */
  provisional?: boolean;
  provisionalReason?: string;
  status: string;
  /** What completing it offers, as the task kind declares it (GET /task-kinds). */
  outcomes?: TaskOutcome[];
  outcome?: string;
  /** The outcome as the task kind names it (同意共享, 退回修改…). */
  outcomeLabel?: string;
  comment?: string;
  completedBy?: string;
}

export interface TaskOutcome {
  outcome: string;
  label: string;
  commentRequired: boolean;
  /** JSON Schema of the payload; null when the outcome takes none. */
  payloadSchema: { properties?: Record<string, { type?: string; description?: string }>; required?: string[] } | null;
}

export interface TaskQuery extends PageQuery {
  status?: 'open' | 'done';
  kind?: string;
  overdue?: 'true' | 'false';
}

export interface DataItem {
  name: string;
  description: string;
  dataType: string;
  length?: number;
  unit?: string;
  openScope: string;
}

export interface Resource {
  id: string;
  identifier: string;
  metadataIdentifier: string;
  version: number;
  status: string;
  providerDepartmentId: string;
  name: string;
  abstract: string;
  catalog: string;
  classification: string;
  sharingType: string;
  notShareableBasis?: string;
  sharingMethods: string[];
  openScope: string;
  updateFrequency: string;
  confidential: boolean;
  dataItems: DataItem[];
  createdAt: string;
  updatedAt: string;
  publishedAt?: string;
  retiredAt?: string;
}

export interface ResourceQuery extends PageQuery {
  q?: string;
  providerDepartmentId?: string;
  catalog?: string;
  sharingType?: string;
  openScope?: string;
  status?: string;
}

export interface SharingRequestSummary {
  id: string;
  status: string;
  requesterDepartmentId: string;
  providerDepartmentId: string;
  resourceId: string;
  dataItems: string[];
  purpose: string;
  scope: string;
  method: string;
  validUntil?: string;
  sourceGrantId?: string;
  intermediaryDepartmentId?: string;
  createdAt: string;
  updatedAt: string;
}

export interface SharingRequest extends SharingRequestSummary {
  purposeDetail: string;
  openTasks: {
    id: string;
    kind: string;
    dueAt: string;
    assigneeRole: string;
    assigneeDepartmentId?: string;
  }[];
  timeline: { at: string; type: string; actor?: string; detail?: Record<string, unknown> }[];
  grant?: {
    id: string;
    dataItems: string[];
    scope: string;
    method: string;
    validUntil?: string;
    status: string;
  };
}

export interface SharingRequestQuery extends PageQuery {
  status?: string;
  role?: 'requester' | 'provider' | 'intermediary';
}

export interface Application {
  resourceId: string;
  dataItems: string[];
  purpose: string;
  purposeDetail: string;
  scope: string;
  method: string;
  validUntil?: string;
}

export interface Notification {
  id: string;
  subject: string;
  template: string;
  data: Record<string, unknown>;
  link?: string;
  createdAt: string;
  deliveredAt?: string;
  readAt?: string | null;
}

export interface NotificationQuery extends PageQuery {
  unread?: 'true' | 'false';
}

export interface CalendarDay {
  date: string;
  isWorkingDay: boolean;
  note: string;
}

/**
 * The task kinds' outcomes and what each needs (comment, payload fields): read from the domain's own table until the
 * contract publishes them (`GET /task-kinds`, each task's `outcomes`). Not a copy: the same module the API checks with.
 */

export interface Demand {
  id: string;
  requesterDepartmentId: string;
  expectedProviderDepartmentId: string;
  dataName: string;
  content: string;
  purpose: string;
  updateFrequency: string;
  status: string;
  answer?: string | null;
  answerResourceId?: string | null;
  answerComment?: string | null;
  createdAt: string;
  answeredAt?: string | null;
}

export interface DemandQuery extends PageQuery {
  status?: 'open' | 'answered';
}

export interface NewDemand {
  dataName: string;
  expectedProviderDepartmentId: string;
  content: string;
  purpose: string;
  updateFrequency: string;
}

/** What a provider declares for a resource (POST and PUT /catalog/resources). */
export type ResourceDeclaration = Pick<
  Resource,
  | 'name'
  | 'abstract'
  | 'catalog'
  | 'classification'
  | 'sharingType'
  | 'notShareableBasis'
  | 'sharingMethods'
  | 'openScope'
  | 'updateFrequency'
  | 'confidential'
  | 'dataItems'
>;

/** The provider's view of its own resource: the change under review and each review round. */
export interface OwnResource extends Resource {
  pendingChange?: { version: number; state: string; change: string; metadata: ResourceDeclaration };
  reviews?: {
    taskId: string;
    version: number;
    openedAt: string;
    dueAt: string;
    status: string;
    outcome?: string;
    comment?: string;
    decidedAt?: string;
  }[];
}
