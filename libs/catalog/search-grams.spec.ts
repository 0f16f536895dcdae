import { containsAllTerms, containsPattern, gramId, gramIds, queryGrams, searchGrams } from './search-grams.js';

describe('search grams', () => {
  it('cuts Chinese text into characters and character pairs', () => {
    expect(searchGrams('户籍人口')).toEqual(['户', '户籍', '籍', '籍人', '人', '人口', '口']);
  });

  it('holds every bigram of any substring of the text', () => {
    const indexed = new Set(searchGrams('常住人口基本信息，身份证号码'));
    for (const term of ['人口', '基本信息', '身份证', '号', '住人口基']) {
      expect(queryGrams(term).every((gram) => indexed.has(gram))).toBe(true);
    }
    expect(queryGrams('户籍').every((gram) => indexed.has(gram))).toBe(false);
  });

  it('normalises case and full-width forms', () => {
    expect(queryGrams('ＩＤ')).toEqual(['id']);
    expect(searchGrams('ID号')).toContain('id');
  });

  it('escapes LIKE wildcards', () => {
    expect(containsPattern('100%_a')).toBe('%100\\%\\_a%');
  });

  it('hashes grams to stable sorted integers', () => {
    expect(gramId('户籍')).toBe(gramId('户籍'));
    expect(gramId('a')).toBe(-468965076); // FNV-1a of "a" (0xe40c292c) as a signed 32-bit integer
    const ids = gramIds(['户籍', 'a', '户籍']);
    expect(ids).toHaveLength(2);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
  });

  it('asks for every term of a search box, each narrowed by its grams and confirmed by LIKE', () => {
    expect(containsAllTerms('r', '  ')).toBeUndefined();
    expect(containsAllTerms('r', '户籍 a')).toEqual({
      sql: '(r.search_grams @> array[?]::integer[] and r.search_text like ?) and (r.search_grams @> array[?]::integer[] and r.search_text like ?)',
      params: [gramId('户籍'), '%户籍%', gramId('a'), '%a%'],
    });
  });
});
