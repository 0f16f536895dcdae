import { randomBytes } from 'node:crypto';
import { InvalidConfigurationError, parseConfig, weakSecretReason } from './app-config.js';

const strongSecret = randomBytes(48).toString('base64');

describe('production configuration', () => {
  const production = { NODE_ENV: 'production', JWT_SECRET: strongSecret, ADMIN_PASSWORD: 'a-chosen-admin-password' };

  it('starts with a random secret of 32 bytes or more and a chosen admin password', () => {
    expect(parseConfig(production).auth.jwtSecret).toBe(strongSecret);
  });

  it('refuses the published default secret of .env.example', () => {
    expect(() => parseConfig({ ...production, JWT_SECRET: undefined })).toThrow(/JWT_SECRET is a published default/);
    expect(() => parseConfig({ ...production, JWT_SECRET: 'dev-only-secret-change-me-in-production' })).toThrow(InvalidConfigurationError);
  });

  it('refuses a secret shorter than 32 bytes or without the variety of random bytes', () => {
    expect(() => parseConfig({ ...production, JWT_SECRET: randomBytes(16).toString('hex').slice(0, 31) })).toThrow(/shorter than 32 bytes/);
    expect(() => parseConfig({ ...production, JWT_SECRET: 'a'.repeat(64) })).toThrow(/distinct characters/);
    expect(() => parseConfig({ ...production, JWT_SECRET: 'abcabcabcabcabcabcabcabcabcabcabcabc' })).toThrow(/distinct characters/);
  });

  it('refuses the default admin password', () => {
    expect(() => parseConfig({ ...production, ADMIN_PASSWORD: undefined })).toThrow(/ADMIN_PASSWORD must be set in production/);
    expect(() => parseConfig({ ...production, ADMIN_PASSWORD: 'admin-change-me' })).toThrow(InvalidConfigurationError);
  });

  it('keeps the development defaults usable outside production', () => {
    expect(parseConfig({}).auth).toMatchObject({ jwtSecret: 'dev-only-secret-change-me-in-production', adminPassword: 'admin-change-me' });
    expect(parseConfig({ NODE_ENV: 'test' }).env).toBe('test');
  });

  it('judges secrets by their bytes', () => {
    expect(weakSecretReason(strongSecret)).toBeUndefined();
    expect(weakSecretReason(randomBytes(32).toString('hex'))).toBeUndefined();
    expect(weakSecretReason('secret')).toMatch(/default/);
  });
});
