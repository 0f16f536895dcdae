/** Durations per step. Values are working days ("10wd") or ISO-8601 durations ("PT2S"); see API.md. */
export const DEFAULT_POLICIES = {
  'catalog.review': { value: '5wd', description: '信息办审核目录资源的时限' },
  'sharing.providerResponse': { value: '10wd', description: '提供部门答复有条件共享申请的时限' },
  'sharing.counterOfferResponse': { value: '5wd', description: '申请部门答复协商方案的时限' },
  'sharing.reminderBefore': { value: '2wd', description: '共享申请各步骤到期前的提醒提前量' },
  'escalation.coordination': { value: '15wd', description: '信息办协调拒绝共享事项的时限' },
  'escalation.leadershipDecision': { value: '20wd', description: '领导小组决定重大事项的时限' },
  'agreement.signature': { value: '5wd', description: '双方签署保密协议的时限' },
  'agreement.filing': { value: '5wd', description: '保密局备案保密协议的时限' },
  'collection.review': { value: '10wd', description: '统计局和信息办审核采集登记的时限' },
  'demand.response': { value: '10wd', description: '预期提供部门答复数据需求的时限' },
  'database.review': { value: '10wd', description: '信息办审核数据库备案、注册、运行、更新、注销的时限' },
  'objection.verification': { value: '5wd', description: '提供部门核实数据异议的时限' },
  'sharing.reportingPeriod': { value: 'P90D', description: '双方报送共享提供、使用情况的周期（默认按季度）' },
  'sharing.reportDue': { value: '10wd', description: '每期提供、使用情况报送的时限' },
  'sharing.expiryNotice': { value: '10wd', description: '共享授权到期前通知双方的提前量' },
  'update.interval.realtime': { value: 'P1D', description: '实时更新资源两次登记更新之间的最长间隔' },
  'update.interval.daily': { value: 'P1D', description: '每日更新资源两次登记更新之间的最长间隔（可用工作日，如 1wd）' },
  'update.interval.weekly': { value: 'P7D', description: '每周更新资源两次登记更新之间的最长间隔' },
  'update.interval.monthly': { value: 'P31D', description: '每月更新资源两次登记更新之间的最长间隔' },
  'update.remedy': { value: '3wd', description: '提供部门补登数据更新的时限' },
  'monthlyReport.reminderBefore': { value: '3wd', description: '月报到期（每月25日）前的提醒提前量' },
  'supervision.riskHorizon': { value: '2wd', description: '到期风险清单：列出此期限内到期及已逾期的待办' },
  'assessment.targetReview': { value: '10wd', description: '考核工作组确认年度考核目标的时限' },
  'assessment.midYearReview': { value: '10wd', description: '考核工作组对年中检查提出意见的时限' },
  'assessment.appealWindow': { value: '10wd', description: '年终考核评分公布前部门提出申诉的期限' },
  'assessment.appealReview': { value: '10wd', description: '考核工作组处理考核申诉的时限' },
  'contacts.reminderBefore': { value: '5wd', description: '各部门报送负责人和联系人截止前的提醒提前量' },
  'task.reminderBefore': { value: '1wd', description: '其他待办到期前的默认提醒提前量' },
  'task.deadlineRecheck': { value: 'P1D', description: '等待中的待办至少多久重新读取一次期限（日历调整使期限提前但仍在此后时，无需逐一唤醒）' },
  'acknowledgement.response': { value: '3wd', description: '平台自检确认待办的时限' },
} as const;

export type PolicyKey = keyof typeof DEFAULT_POLICIES;
export const POLICY_KEYS = Object.keys(DEFAULT_POLICIES) as PolicyKey[];

export function isPolicyKey(key: string): key is PolicyKey {
  return Object.hasOwn(DEFAULT_POLICIES, key);
}
