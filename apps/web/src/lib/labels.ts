/** The Chinese words the pages show for the API's codes (the contract's task-kind metadata will supply outcome labels). */
const label = (table: Record<string, string>) => (code: string | undefined) =>
  code ? (table[code] ?? code) : '—';

export const SHARING_STATUS: Record<string, string> = {
  submitted: '已提交',
  awaiting_provider: '待提供方审核',
  negotiating: '协商中',
  escalated: '协调中',
  awaiting_agreement: '待签保密协议',
  awaiting_filing: '待保密备案',
  granted: '已共享',
  refused: '不予共享',
  withdrawn: '已撤回',
  lapsed: '已失效',
  expired: '已到期',
  revoked: '已撤销',
};
export const sharingStatus = label(SHARING_STATUS);

export const IN_PROGRESS_STATUSES = [
  'submitted',
  'awaiting_provider',
  'negotiating',
  'escalated',
  'awaiting_agreement',
  'awaiting_filing',
];

export const TASK_KIND: Record<string, string> = {
  catalog_review: '目录审核',
  provider_review: '共享申请审核',
  renewal_review: '延续申请审核',
  counter_offer_response: '答复协商方案',
  coordination: '共享协调',
  leadership_decision: '领导小组决定',
  agreement_signature: '签署保密协议',
  agreement_filing: '保密协议备案',
  collection_review: '采集登记审核',
  demand_response: '答复数据需求',
  database_review: '数据库备案审核',
  objection_verification: '数据异议核实',
  usage_report: '使用情况报告',
  data_update: '数据更新',
  monthly_report: '月度报告',
  target_filing: '年度目标备案',
  target_review: '年度目标审核',
  midyear_review: '年中检查',
  appeal_review: '考核申诉复核',
  contacts_registration: '联系人登记',
  acknowledgement: '确认通知',
};
export const taskKind = label(TASK_KIND);

export const OUTCOME: Record<string, string> = {
  approve: '同意',
  return: '退回修改',
  counter_offer: '提出协商方案',
  refuse: '不予共享',
  accept: '接受方案',
  revise: '修改申请条件',
  withdraw: '撤回申请',
  order_provide: '责令提供',
  uphold_refusal: '维持不予共享',
  escalate: '提交领导小组',
  sign: '签署',
  acknowledge: '确认',
  reject: '驳回',
  duplicate: '重复采集',
  will_provide: '将提供',
  exists: '已有资源',
  cannot: '无法提供',
  confirmed_corrected: '已核实更正',
  rejected: '数据无误',
  submit: '提交',
  updated: '已更新',
  confirm: '确认',
  comment: '提出意见',
  uphold: '维持原评分',
  amend: '调整评分',
  register: '已登记',
  decline: '拒绝',
};
export const outcome = label(OUTCOME);

export const PURPOSE: Record<string, string> = {
  administrative_basis: '行政依据',
  work_reference: '工作参考',
  data_verification: '数据校核',
  business_collaboration: '业务协同',
  other: '其他',
};
export const purpose = label(PURPOSE);

export const METHOD: Record<string, string> = { api: '接口', file: '文件', table_sync: '库表同步' };
export const method = label(METHOD);

export const SHARING_TYPE: Record<string, string> = {
  unconditional: '无条件共享',
  conditional: '有条件共享',
  not_shareable: '不予共享',
};
export const sharingType = label(SHARING_TYPE);

export const OPEN_SCOPE: Record<string, string> = {
  public: '向社会开放',
  partly_public: '部分开放',
  internal: '政务内部',
  not_public: '不开放',
};
export const openScope = label(OPEN_SCOPE);

export const CATALOG: Record<string, string> = {
  base: '基础目录',
  application: '主题目录',
  database: '数据库目录',
  collection: '采集目录',
};
export const catalog = label(CATALOG);

export const FREQUENCY: Record<string, string> = {
  realtime: '实时',
  daily: '每日',
  weekly: '每周',
  monthly: '每月',
  quarterly: '每季度',
};
export const frequency = label(FREQUENCY);

export const DATA_TYPE: Record<string, string> = {
  integer: '整数型',
  numeric: '数值型',
  datetime: '日期时间型',
  string: '字符型',
  binary: '二进制',
};
export const dataType = label(DATA_TYPE);

export const RESOURCE_STATUS: Record<string, string> = {
  draft: '草稿',
  in_review: '审核中',
  returned: '已退回',
  published: '已发布',
  retired: '已停用',
};
export const resourceStatus = label(RESOURCE_STATUS);

export const GRANT_STATUS: Record<string, string> = {
  active: '有效',
  suspended: '已暂停',
  expired: '已到期',
  revoked: '已撤销',
};
export const grantStatus = label(GRANT_STATUS);

export const ROLE: Record<string, string> = {
  staff: '工作人员',
  head: '部门负责人',
  info_office: '信息办',
  leadership_group: '领导小组',
  statistics_bureau: '统计局',
  secrecy_bureau: '保密局',
  supervisor: '考核工作组',
  admin: '系统管理员',
};
export const role = label(ROLE);

export const TIMELINE_EVENT: Record<string, string> = {
  submitted: '提交申请',
  provider_review_requested: '提交提供方审核',
  granted: '同意共享',
  counter_offer: '提供方提出协商方案',
  counter_offer_accepted: '申请方接受协商方案',
  terms_revised: '申请方修改申请条件',
  refused_by_provider: '提供方不予共享，转信息办协调',
  refused: '不予共享',
  escalated: '提交协调',
  delivery_ordered: '责令提供',
  agreement_required: '需签署保密协议',
  agreement_drafted: '保密协议已拟定',
  agreement_submitted_for_filing: '保密协议报保密局备案',
  agreement_acknowledged: '保密局备案确认',
  agreement_returned: '保密局退回保密协议',
  withdrawn: '申请方撤回',
  lapsed: '申请失效',
  expired: '授权到期',
  revoked: '授权撤销',
  renewal_requested: '申请延续共享授权',
  renewal_refused_by_provider: '提供方不同意延续授权',
  renewal_escalated: '延续申请报信息办协调',
  renewal_refused: '延续申请未获同意',
  renewed: '共享授权已延续',
  grant_suspended: '共享授权已暂停',
  grant_resumed: '共享授权已恢复',
};
export const timelineEvent = label(TIMELINE_EVENT);

export const DOCUMENT: Record<string, string> = {
  application: '共享申请表',
  agreement: '保密协议',
  'refusal-report': '不予共享说明',
  decision: '协调决定书',
};

const PARTY: Record<string, string> = { provider: '提供方', requester: '需求方' };

/** A timeline entry in words; a signature says whose. */
export function timelineText(event: { type: string; detail?: Record<string, unknown> }): string {
  if (event.type === 'agreement_signed')
    return `${PARTY[String(event.detail?.party)] ?? '一方'}负责人签署保密协议`;
  return timelineEvent(event.type);
}
