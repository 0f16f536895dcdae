import { hashPassword, verifyPasswordOf } from './passwords.js';

describe('password verification', () => {
  it('verifies a known account against its hash', async () => {
    const account = { passwordHash: await hashPassword('right-password') };
    expect(await verifyPasswordOf(account, 'right-password')).toBe(true);
    expect(await verifyPasswordOf(account, 'wrong-password')).toBe(false);
  }, 30_000);

  it('spends an argon2 verification on an unknown account, so both take the same time', async () => {
    const account = { passwordHash: await hashPassword('right-password') };
    await verifyPasswordOf(null, 'warm-up'); // the throwaway hash is made once
    const time = async (run: () => Promise<unknown>) => {
      const started = performance.now();
      for (let i = 0; i < 3; i++) await run();
      return performance.now() - started;
    };
    const known = await time(() => verifyPasswordOf(account, 'wrong-password'));
    const unknown = await time(() => verifyPasswordOf(undefined, 'wrong-password'));
    expect(await verifyPasswordOf(undefined, 'right-password')).toBe(false);
    // Before the throwaway hash an unknown account answered in under 1% of the time; the band allows a busy machine.
    expect(unknown).toBeGreaterThan(known * 0.3);
    expect(unknown).toBeLessThan(known * 3);
  }, 60_000);
});
