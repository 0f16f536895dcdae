import { coverageScore, itemSimilarity, matchItems } from './item-matching.js';

describe('item matching', () => {
  it('scores equal names 1 and a name within another by the share it covers', () => {
    expect(itemSimilarity('统一社会信用代码', ' 统一社会信用代码')).toBe(1);
    expect(itemSimilarity('ＩＤ', 'id')).toBe(1);
    expect(itemSimilarity('法定代表人', '法定代表人姓名')).toBeCloseTo(5 / 7);
    expect(itemSimilarity('法定代表人姓名', '法定代表人')).toBeCloseTo(5 / 7);
    expect(itemSimilarity('注册资本', '注册资金')).toBe(0);
    expect(itemSimilarity('', '注册资金')).toBe(0);
  });

  it('keeps, for each declared item, the most alike existing item when alike enough', () => {
    const matches = matchItems(['企业名称', '法定代表人', '姓名', '经营范围'], ['企业名称', '法定代表人姓名', '法定代表人', '住所']);
    expect(matches).toEqual([
      { item: '企业名称', matched: '企业名称', similarity: 1 },
      { item: '法定代表人', matched: '法定代表人', similarity: 1 },
    ]);
    expect(matchItems(['法定代表人'], ['法定代表人姓名'])).toEqual([{ item: '法定代表人', matched: '法定代表人姓名', similarity: 0.71 }]);
  });

  it('scores a source by how much of the declaration it holds', () => {
    const declared = ['企业名称', '法定代表人', '注册资本', '经营范围'];
    expect(coverageScore(declared, matchItems(declared, declared))).toBe(1);
    expect(coverageScore(declared, matchItems(declared, ['企业名称', '法定代表人姓名']))).toBe(0.43);
    expect(coverageScore(declared, [])).toBe(0);
  });
});
