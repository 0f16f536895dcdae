import { normaliseForSearch } from '../catalog/search-grams.js';
import type { ItemMatch } from '../domain/collection.js';

/** Below this a shared substring is a coincidence (姓名 within 法定代表人姓名), not the same item. */
const SIMILAR_ENOUGH = 0.5;

/**
 * How alike two item names are: 1 when equal once normalised; when one contains the other, the
 * share of the longer that the shorter covers (法定代表人 ~ 法定代表人姓名: 5/7); else 0.
 */
export function itemSimilarity(a: string, b: string): number {
  const [x, y] = [normaliseForSearch(a), normaliseForSearch(b)];
  if (x === y) return 1;
  const [shorter, longer] = [...x].length <= [...y].length ? [x, y] : [y, x];
  return shorter && longer.includes(shorter) ? [...shorter].length / [...longer].length : 0;
}

/** For each declared item, the existing item most like it, when alike enough. */
export function matchItems(declared: readonly string[], existing: readonly string[]): ItemMatch[] {
  return declared.flatMap((item) => {
    let best: ItemMatch | undefined;
    for (const name of existing) {
      const similarity = itemSimilarity(item, name);
      if (similarity >= SIMILAR_ENOUGH && similarity > (best?.similarity ?? 0)) best = { item, matched: name, similarity: round(similarity) };
    }
    return best ? [best] : [];
  });
}

/** How much of a declaration a source already holds, from 0 (nothing) to 1 (every item, by the same name). */
export function coverageScore(declared: readonly string[], matches: readonly ItemMatch[]): number {
  return declared.length === 0 ? 0 : round(matches.reduce((sum, match) => sum + match.similarity, 0) / declared.length);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
