import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/**
 * Tokens are `<id>.<secret>` (Lucia guide): the id finds the row, the secret proves possession.
 * Only the secret's SHA-256 is stored, and it is compared in constant time.
 */
export interface IssuedToken {
  id: string;
  secretHash: string;
  token: string;
}

function randomPart(): string {
  const bytes = new Uint8Array(20); // 160 bits of entropy
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

export function issueToken(): IssuedToken {
  const id = randomPart();
  const secret = randomPart();
  return { id, secretHash: hashSecret(secret), token: `${id}.${secret}` };
}

export function splitToken(token: string): { id: string; secret: string } | null {
  const parts = token.split('.');
  if (parts.length !== 2 || !/^[a-z2-7]{32}$/.test(parts[0]) || !/^[a-z2-7]{32}$/.test(parts[1])) return null;
  return { id: parts[0], secret: parts[1] };
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const given = new TextEncoder().encode(hashSecret(secret));
  const stored = new TextEncoder().encode(storedHash);
  return given.length === stored.length && constantTimeEqual(given, stored);
}
