import { repeatedItemNames, UPDATE_FREQUENCIES, type DataItem } from './catalog.js';
import type { DomainError } from './errors.js';

/**
 * Collection registration (采集登记, seed 001 §三(一)): a department declares what it will collect
 * before collecting it, so that the same data is collected once, by one responsible unit (一数一源).
 */
export const COLLECTION_FREQUENCIES = [...UPDATE_FREQUENCIES, 'yearly', 'irregular'] as const;
export type CollectionFrequency = (typeof COLLECTION_FREQUENCIES)[number];

export const COLLECTION_STATUSES = ['submitted', 'in_review', 'approved', 'rejected', 'duplicate'] as const;
export type CollectionStatus = (typeof COLLECTION_STATUSES)[number];

/** What a registration may name as the existing source of its data. */
export type CollectionSourceType = 'catalog_resource' | 'collection_registration';

export type CollectionItem = Omit<DataItem, 'openScope'>;

export interface CollectionDeclaration {
  subject: string;
  description: string;
  dataItems: CollectionItem[];
  legalBasis: string;
  /** 采集标准: the standard the collected data follows. */
  standard: string;
  frequency: CollectionFrequency;
}

type FieldProblem = NonNullable<DomainError['errors']>[number];

export function declarationRuleViolations(declaration: CollectionDeclaration): FieldProblem[] {
  return repeatedItemNames(declaration.dataItems);
}

/** A declared item and the existing item found most like it. */
export interface ItemMatch {
  item: string;
  matched: string;
  similarity: number;
}

export interface CollectionSource {
  type: CollectionSourceType;
  id: string;
  name: string;
  departmentId: string;
  departmentName: string;
}

/** What a department whose registration duplicates an existing source is told to do instead. */
export function sharingRecommendation(source: CollectionSource): string {
  const what = source.type === 'catalog_resource' ? '政务信息资源' : '已登记的采集事项';
  return `所登记数据已由${source.departmentName}采集（${what}“${source.name}”），请通过共享申请获取，不再重复采集。`;
}
