import { parseTokenClaims } from './token-claims.js';

const sub = '0b8f3c9e-7d4a-4c1e-9f2a-3b5d6e7f8a9b';
const exp = Math.floor(Date.now() / 1000) + 3600;

describe('token claims', () => {
  it('accepts a UUID subject, a token version and an expiry', () => {
    expect(parseTokenClaims({ sub, ver: 0, exp, iat: exp - 3600 })).toEqual({ sub, ver: 0, exp, iat: exp - 3600 });
  });

  it('refuses a subject that is an object, a number or not a UUID', () => {
    expect(parseTokenClaims({ sub: { $ne: null }, ver: 0, exp })).toBeUndefined();
    expect(parseTokenClaims({ sub: 1, ver: 0, exp })).toBeUndefined();
    expect(parseTokenClaims({ sub: 'admin', ver: 0, exp })).toBeUndefined();
  });

  it('refuses a token without an expiry or a token version', () => {
    expect(parseTokenClaims({ sub, ver: 0 })).toBeUndefined();
    expect(parseTokenClaims({ sub, exp })).toBeUndefined();
    expect(parseTokenClaims({ sub, ver: '0', exp })).toBeUndefined();
  });
});
