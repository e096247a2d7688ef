import { hash, verify } from '@node-rs/argon2';
import pLimit from 'p-limit';

/** OWASP's argon2id floor: 19 MiB, 2 passes, 1 lane. @node-rs/argon2 defaults to argon2id. */
const argon2Options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * Each hash holds 19 MiB for tens of milliseconds; capping how many run at once keeps a burst
 * of logins from growing memory without bound (they queue instead).
 */
const hashing = pLimit(4);

/** How many hashes run and wait now: the cap made visible, for tests and diagnostics. */
export function hashingLoad(): { running: number; waiting: number; cap: number } {
  return { running: hashing.activeCount, waiting: hashing.pendingCount, cap: hashing.concurrency };
}

export const passwordLength = { min: 8, max: 128 } as const;

/** NIST SP 800-63B: length only, no composition rules. */
export function passwordProblem(password: string): 'too_short' | 'too_long' | null {
  const length = [...password].length;
  if (length < passwordLength.min) return 'too_short';
  if (length > passwordLength.max) return 'too_long';
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hashing(() => hash(password.normalize('NFC'), argon2Options));
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return hashing(() => verify(passwordHash, password.normalize('NFC')));
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same work as a real check, so an unknown e-mail answers in about the time a
 * wrong password does and cannot be told apart by timing.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword('not-a-real-password-for-timing');
  await verifyPassword(await dummyHash, password);
  return false;
}
