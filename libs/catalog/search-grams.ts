/**
 * Substring search that works for Chinese: every indexed text is cut into its single characters and
 * character pairs (uni- and bigrams); a query matches a text only if the text holds all the query's
 * bigrams (a GIN index on the gram array answers that), and a final LIKE on the normalised text
 * confirms the exact substring. Grams are stored as 32-bit hashes in an int[] (intarray's GIN opclass):
 * containment on sorted integers is far cheaper than on text, and a hash collision only lets the
 * LIKE recheck see a row more. pg_trgm cannot serve here: it needs three characters and a locale
 * that treats CJK as letters, while most Chinese search terms are two characters (户籍, 姓名).
 */
export function normaliseForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

const SEPARATORS = /[\s,.;:!?，。；：！？、（）()【】[\]《》<>"'“”‘’\-_/\\|]+/u;

export function searchGrams(text: string): string[] {
  const grams = new Set<string>();
  for (const segment of normaliseForSearch(text).split(SEPARATORS)) {
    const chars = [...segment];
    chars.forEach((char, index) => {
      grams.add(char);
      if (index + 1 < chars.length) grams.add(char + chars[index + 1]);
    });
  }
  return [...grams];
}

/** The grams a text must contain for `term` to be a substring of it (a term is cut at separators). */
export function queryGrams(term: string): string[] {
  const grams = new Set<string>();
  for (const segment of normaliseForSearch(term).split(SEPARATORS)) {
    const chars = [...segment];
    if (chars.length === 1) grams.add(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]);
  }
  return [...grams];
}

/** A LIKE pattern matching `term` anywhere, with LIKE's wildcards escaped. */
export function containsPattern(term: string): string {
  return `%${normaliseForSearch(term).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** FNV-1a, 32-bit, as a signed integer (Postgres `integer`). Stable: stored hashes must never change. */
export function gramId(gram: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(gram)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

export function gramIds(grams: string[]): number[] {
  return [...new Set(grams.map(gramId))].sort((a, b) => a - b);
}

export interface SqlCondition {
  sql: string;
  params: (string | number)[];
}

/**
 * The condition under which the row aliased `alias` holds `term` in its indexed text (columns
 * `search_grams` and `search_text`): the grams let the GIN index narrow, LIKE confirms.
 */
export function containsTerm(alias: string, term: string): SqlCondition {
  const grams = gramIds(queryGrams(term));
  const gramsSql = grams.length > 0 ? `${alias}.search_grams @> array[${grams.map(() => '?').join(', ')}]::integer[] and ` : '';
  return { sql: `(${gramsSql}${alias}.search_text like ?)`, params: [...grams, containsPattern(term)] };
}

/** Every whitespace-separated term of a search box; undefined when it holds none. */
export function containsAllTerms(alias: string, q: string | undefined): SqlCondition | undefined {
  const terms = (q ?? '').split(/\s+/).filter(Boolean).map((term) => containsTerm(alias, term));
  if (terms.length === 0) return undefined;
  return { sql: terms.map((term) => term.sql).join(' and '), params: terms.flatMap((term) => term.params) };
}
