import { z } from 'zod';

/**
 * The claims a token must carry, checked after its signature: the user's id as a UUID string (never an object a
 * query would read as an operator), the account's token version, and an expiry. Anything else is not our token.
 */
export const tokenClaimsSchema = z.object({
  sub: z.uuid(),
  ver: z.number().int().min(0),
  exp: z.number().int().positive(),
  iat: z.number().int().positive().optional(),
});

export type TokenClaims = z.infer<typeof tokenClaimsSchema>;

/** What the API signs: expiry is added by the signer (`expiresIn`). */
export function tokenPayload(user: { id: string; tokenVersion: number }): Pick<TokenClaims, 'sub' | 'ver'> {
  return { sub: user.id, ver: user.tokenVersion };
}

export function parseTokenClaims(payload: unknown): TokenClaims | undefined {
  const parsed = tokenClaimsSchema.safeParse(payload);
  return parsed.success ? parsed.data : undefined;
}
