import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';

export function hashPassword(plain: string): Promise<string> {
  return argon2.hash(plain, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, plain: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, plain);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password for an account that may not exist: against its hash, or against a throwaway hash of the same
 * cost when there is none, so an unknown username takes as long to refuse as a wrong password (no enumeration by timing).
 */
export async function verifyPasswordOf(account: { passwordHash: string } | null | undefined, plain: string): Promise<boolean> {
  if (account) return verifyPassword(account.passwordHash, plain);
  dummyHash ??= hashPassword(randomBytes(24).toString('base64'));
  await verifyPassword(await dummyHash, plain);
  return false;
}
