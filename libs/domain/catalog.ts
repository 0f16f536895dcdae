import type { DomainError } from './errors.js';

/** The four catalogs of seed 001 §四(一). */
export const CATALOGS = ['base', 'application', 'database', 'collection'] as const;
export const SHARING_TYPES = ['unconditional', 'conditional', 'not_shareable'] as const;
export const SHARING_METHODS = ['api', 'file', 'table_sync'] as const;
export const OPEN_SCOPES = ['public', 'partly_public', 'internal', 'not_public'] as const;
export const UPDATE_FREQUENCIES = ['realtime', 'daily', 'weekly', 'monthly', 'quarterly'] as const;
export const DATA_TYPES = ['integer', 'numeric', 'datetime', 'string', 'binary'] as const;

export type CatalogKind = (typeof CATALOGS)[number];
export type SharingType = (typeof SHARING_TYPES)[number];
export type SharingMethod = (typeof SHARING_METHODS)[number];
export type OpenScope = (typeof OPEN_SCOPES)[number];
export type UpdateFrequency = (typeof UPDATE_FREQUENCIES)[number];
export type DataType = (typeof DATA_TYPES)[number];

/** One field of a resource (seed 004, attachment 3: 数据提供调查表). */
export interface DataItem {
  name: string;
  description: string;
  dataType: DataType;
  length?: number;
  unit?: string;
  openScope: OpenScope;
}

/** The GB/T 21063 core metadata and the sharing attributes a provider declares. */
export interface ResourceMetadata {
  name: string;
  abstract: string;
  catalog: CatalogKind;
  classification: string;
  sharingType: SharingType;
  notShareableBasis?: string | null;
  sharingMethods: SharingMethod[];
  openScope: OpenScope;
  updateFrequency: UpdateFrequency;
  confidential: boolean;
  dataItems: DataItem[];
}

type FieldProblem = NonNullable<DomainError['errors']>[number];

/** Rules a well-formed declaration can still break (422): the law behind a refusal, unique item names. */
export function metadataRuleViolations(metadata: ResourceMetadata): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (metadata.sharingType === 'not_shareable' && !metadata.notShareableBasis?.trim()) {
    problems.push({ field: 'notShareableBasis', message: 'a not-shareable resource must cite the legal basis (不予共享的法律法规依据)' });
  }
  if (metadata.sharingType !== 'not_shareable' && metadata.sharingMethods.length === 0) {
    problems.push({ field: 'sharingMethods', message: 'a shareable resource needs at least one sharing method' });
  }
  problems.push(...repeatedItemNames(metadata.dataItems));
  return problems;
}

/** Item names must be unique within a declaration. */
export function repeatedItemNames(items: readonly { name: string }[]): FieldProblem[] {
  const seen = new Set<string>();
  return items.flatMap((item, index) => {
    const repeated = seen.has(item.name);
    seen.add(item.name);
    return repeated ? [{ field: `dataItems.${index}.name`, message: `the item name '${item.name}' appears twice` }] : [];
  });
}

const CATALOG_CODES: Record<CatalogKind, string> = { base: 'JC', application: 'YY', database: 'SJK', collection: 'CJ' };

/**
 * Resource identifiers (信息资源标识符, GB/T 21063.4 style): a front segment naming the catalog and
 * the providing department, and a back segment numbering that department's resources in the catalog,
 * e.g. `JC-GOV-006/000012`. The metadata identifier adds the version: `JC-GOV-006/000012-v2`.
 */
export function resourceIdentifier(catalog: CatalogKind, departmentCode: string, sequence: number): string {
  return `${CATALOG_CODES[catalog]}-${departmentCode}/${String(sequence).padStart(6, '0')}`;
}

export function metadataIdentifier(resourceIdentifier: string, version: number): string {
  return `${resourceIdentifier}-v${version}`;
}
