import { InvalidInputError, RuleViolationError } from '../../domain/errors.js';
import { xlsxBomb, zipArchive } from '../../../test/support/zip.js';
import { checkZipLimits } from './zip-limits.js';

const limits = { maxEntries: 50, maxInflatedBytes: 4 * 1024 * 1024 };

describe('zip limits of an uploaded workbook', () => {
  it('lets an archive within the limits through', async () => {
    await expect(checkZipLimits(zipArchive([{ name: 'a.xml', content: 'x'.repeat(10_000) }, { name: 'b.xml', content: '<b/>' }]), limits)).resolves.toBeUndefined();
  });

  it('refuses entries declaring more than the limit once inflated, before inflating anything', async () => {
    const bomb = xlsxBomb(5 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(20_000);
    await expect(checkZipLimits(bomb, limits)).rejects.toThrow(/declare \d+ bytes/);
  });

  it('refuses an entry that lies about its size, stopping the inflation past the limit', async () => {
    const liar = xlsxBomb(5 * 1024 * 1024, { declaredSize: 1_000 });
    const failure = checkZipLimits(liar, limits);
    await expect(failure).rejects.toBeInstanceOf(RuleViolationError);
    await expect(failure).rejects.toThrow(/inflates to more than/);
  });

  it('refuses too many entries, and archives that are not complete', async () => {
    const many = zipArchive(Array.from({ length: 51 }, (_, i) => ({ name: `f${i}.xml`, content: '<a/>' })));
    await expect(checkZipLimits(many, limits)).rejects.toThrow(/51 entries/);
    await expect(checkZipLimits(Buffer.from('PK\u0003\u0004 truncated'), limits)).rejects.toBeInstanceOf(InvalidInputError);
  });
});
