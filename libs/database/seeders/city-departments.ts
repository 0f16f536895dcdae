import type { DepartmentLevel, Role } from '../../domain/roles.js';

/**
 * The city's departments: the responsible units of seed 004 (attachment 1), grouped as there,
 * plus the coordinating bodies of seed 001 and the four base databases' lead departments of seed 002.
 */
const RESPONSIBLE_UNITS: Record<string, string> = {
  PARTY: '市纪委（市监察局）、市委办、市委组织部、市委宣传部、市委统战部、市委政法委、市直机关工委、市编办、市委610办、市党史办、市委老干局、市档案局',
  GOV: '市政府办、市发改委、市教育局、市科技局、市经信委、市公安局、市民政局、市司法局、市财政局、市人力资源社会保障局、市国土资源局、市环保局、市规划局、市住房城乡建设局、市城管执法局、市交通运输局、市农委、市水务局、市林业局、市商务局、市文体广新局、市卫生计生委、市审计局、市旅游局、市工商局、市质监局、市食品药品监管局、市安监局、市统计局、市粮食局、市法制办、市国资委、市人防办、市信访局、市地方志、市房管局、市公路局、市供销社、市移民局、市政务中心、市交易中心、市两型办、益阳东部新区管委会、市畜牧水产局、市农机局、市地震局、市公积金中心、市市场服务中心、市交警支队、市地方海事局',
  ORGAN: '市人大办公室、市政协办公室、市中级人民法院、市人民检察院',
  GROUP: '市总工会、团市委、市妇联、市科协、市文联、市工商联、市残联、市社科联、市贸促会、红十字会',
  CENTRAL: '市国税局、市地税局、市气象局、市烟草局、市盐务局、市邮政管理局、市消防支队、国网益阳供电公司、人民银行益阳分行、市银监局、国调队、自来水公司',
};

export interface DepartmentSeed {
  code: string;
  name: string;
  level: DepartmentLevel;
  parentCode?: string;
}

export const COORDINATING_BODIES = {
  infoOffice: { code: 'INFO-OFFICE', name: '市电子政务办（市信息办）', level: 'city' },
  leadershipGroup: { code: 'LEADERSHIP-GROUP', name: '市政务信息资源共享工作领导小组', level: 'city' },
  secrecyBureau: { code: 'SECRECY-BUREAU', name: '市保密局', level: 'city' },
  supervisionGroup: { code: 'ASSESSMENT-GROUP', name: '市政务信息资源共享考核工作组（监察局、人事局、信息办）', level: 'city' },
} as const satisfies Record<string, DepartmentSeed>;

/** seed 002: the four base databases and the departments that lead them (named as in seed 004's list). */
export const BASE_DATABASE_LEADS = {
  population: '市公安局',
  legalEntity: '市质监局',
  spatialAndNaturalResources: '市规划局',
  macroEconomy: '市统计局',
} as const;

export function cityDepartments(): DepartmentSeed[] {
  const units = Object.entries(RESPONSIBLE_UNITS).flatMap(([group, list]) =>
    list.split('、').map((name, index) => ({
      code: `${group}-${String(index + 1).padStart(3, '0')}`,
      name,
      level: 'city' as const,
    })),
  );
  const lowerLevels: DepartmentSeed[] = [
    { code: 'DISTRICT-HESHAN', name: '赫山区人民政府', level: 'district' },
    { code: 'STREET-HESHAN-JINYINSHAN', name: '赫山区金银山街道办事处', level: 'street', parentCode: 'DISTRICT-HESHAN' },
    { code: 'COMMUNITY-JINYINSHAN-001', name: '金银山街道第一社区居委会', level: 'community', parentCode: 'STREET-HESHAN-JINYINSHAN' },
  ];
  return [...Object.values(COORDINATING_BODIES), ...units, ...lowerLevels];
}

export interface DemoUserSeed {
  username: string;
  displayName: string;
  departmentName: string;
  roles: Role[];
}

/** A few people per role, so every screen of the product can be tried after setup. */
export const DEMO_USERS: DemoUserSeed[] = [
  { username: 'gongan.staff', displayName: '公安局经办人 张伟', departmentName: '市公安局', roles: ['staff'] },
  { username: 'gongan.head', displayName: '公安局分管负责人 王强', departmentName: '市公安局', roles: ['head'] },
  { username: 'minzheng.staff', displayName: '民政局经办人 李娜', departmentName: '市民政局', roles: ['staff'] },
  { username: 'minzheng.head', displayName: '民政局分管负责人 刘洋', departmentName: '市民政局', roles: ['head'] },
  { username: 'tongji.reviewer', displayName: '统计局审核员 陈静', departmentName: '市统计局', roles: ['staff', 'statistics_bureau'] },
  { username: 'xinxiban.staff', displayName: '信息办工作人员 杨帆', departmentName: COORDINATING_BODIES.infoOffice.name, roles: ['info_office'] },
  { username: 'lingdao.member', displayName: '领导小组成员 赵敏', departmentName: COORDINATING_BODIES.leadershipGroup.name, roles: ['leadership_group'] },
  { username: 'baomi.filer', displayName: '保密局备案员 孙磊', departmentName: COORDINATING_BODIES.secrecyBureau.name, roles: ['secrecy_bureau'] },
  { username: 'xinxiban.reviewer', displayName: '信息办审核员 吴昊', departmentName: COORDINATING_BODIES.infoOffice.name, roles: ['info_office'] },
  { username: 'lingdao.chair', displayName: '领导小组副组长 郑华', departmentName: COORDINATING_BODIES.leadershipGroup.name, roles: ['leadership_group'] },
  { username: 'zhijian.staff', displayName: '质监局经办人 何芳', departmentName: BASE_DATABASE_LEADS.legalEntity, roles: ['staff'] },
  { username: 'zhijian.head', displayName: '质监局分管负责人 马军', departmentName: BASE_DATABASE_LEADS.legalEntity, roles: ['head'] },
  { username: 'admin.ops', displayName: '平台运维管理员 林峰', departmentName: COORDINATING_BODIES.infoOffice.name, roles: ['admin'] },
  { username: 'kaohe.supervisor', displayName: '考核组成员 周婷', departmentName: COORDINATING_BODIES.supervisionGroup.name, roles: ['supervisor'] },
];
