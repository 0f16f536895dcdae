import type { CatalogKind, DataType, OpenScope, SharingMethod, SharingType, UpdateFrequency } from '../../domain/catalog.js';

/**
 * The Chinese words the forms use for the API's enum values. The first word of each entry is the one
 * the platform writes; the others are read too: the wording of seed 004's attachment 3 (对外公开,
 * 二进制数据型…) and common variants, so forms filled from the city's 2015 sample still import.
 * The enum value itself (`public`, `api`…) is always accepted.
 */
export interface Vocabulary<K extends string> {
  readonly entries: Readonly<Record<K, readonly [label: string, ...aliases: string[]]>>;
}

function vocabulary<K extends string>(entries: Record<K, readonly [string, ...string[]]>): Vocabulary<K> {
  return { entries };
}

export const CATALOG_WORDS = vocabulary<CatalogKind>({
  base: ['基础信息共享目录', '基础信息资源目录', '基础目录', '基础'],
  application: ['应用信息共享目录', '应用信息资源目录', '应用目录', '应用'],
  database: ['数据库管理目录', '数据库目录', '数据库'],
  collection: ['信息采集责任公开目录', '信息采集责任目录', '采集目录', '采集'],
});

export const SHARING_TYPE_WORDS = vocabulary<SharingType>({
  unconditional: ['无条件共享'],
  conditional: ['有条件共享'],
  not_shareable: ['不予共享'],
});

export const SHARING_METHOD_WORDS = vocabulary<SharingMethod>({
  api: ['接口', '接口共享', '接口服务'],
  file: ['文件', '文件共享', '文件下载'],
  table_sync: ['库表同步', '库表', '数据库同步'],
});

export const OPEN_SCOPE_WORDS = vocabulary<OpenScope>({
  public: ['向社会开放', '对外公开', '公开'],
  partly_public: ['部分开放', '部分公开'],
  internal: ['仅政务内部', '对内公开', '政务内部'],
  not_public: ['不予开放', '不公开', '不开放'],
});

export const UPDATE_FREQUENCY_WORDS = vocabulary<UpdateFrequency>({
  realtime: ['实时'],
  daily: ['每日', '每天'],
  weekly: ['每周'],
  monthly: ['每月'],
  quarterly: ['每季度'],
});

export const DATA_TYPE_WORDS = vocabulary<DataType>({
  integer: ['整数型'],
  numeric: ['数值型'],
  datetime: ['日期时间型', '日期型'],
  string: ['字符型'],
  binary: ['二进制', '二进制数据型'],
});

export const YES_NO_WORDS = vocabulary<'yes' | 'no'>({
  yes: ['是', '涉密'],
  no: ['否', '不涉密', '非涉密'],
});

/** What the platform writes for a value. */
export function wordFor<K extends string>(words: Vocabulary<K>, key: K): string {
  return words.entries[key][0];
}

/** The words the platform writes, in the enum's order: what a form offers and what a message lists. */
export function wordsOf<K extends string>(words: Vocabulary<K>): string[] {
  return Object.values<readonly string[]>(words.entries).map((entry) => entry[0]!);
}

/** The value a word stands for, or undefined when the form does not know it. */
export function valueOf<K extends string>(words: Vocabulary<K>, text: string): K | undefined {
  const wanted = normaliseWord(text);
  for (const [key, entry] of Object.entries<readonly string[]>(words.entries)) {
    if (normaliseWord(key) === wanted || entry.some((word) => normaliseWord(word) === wanted)) return key as K;
  }
  return undefined;
}

/** Spaces (\s covers the full-width and no-break ones) and case do not matter when a form is read. */
export function normaliseWord(text: string): string {
  return text.replace(/\s+/g, '').toLowerCase();
}
