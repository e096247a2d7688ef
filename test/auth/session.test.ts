import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sessions } from '../../db/schema';
import { createSession, validateSessionToken } from '../../src/auth/session';
import { changeRole, issuePasswordReset, resetPassword, setAccountActive } from '../../src/domain/accounts/accounts';
import { actorFor } from '../support/accounts';
import { useTestDatabase } from '../support/database';

const limits = { idleMs: 2 * 3_600_000, absoluteMs: 12 * 3_600_000 };
const at = (base: Date, minutes: number) => new Date(base.getTime() + minutes * 60_000);

const handle = useTestDatabase();

async function signIn(email: string, now = new Date()) {
  const user = await actorFor(handle.db, email);
  return { user, ...(await createSession(handle.db, user.id, now)) };
}

describe('sessions', () => {
  it('validates a fresh token and returns the user with their organisation', async () => {
    const start = new Date('2024-03-01T08:00:00Z');
    const { token, user } = await signIn('journalist@demo.vn', start);
    const result = await validateSessionToken(handle.db, token, at(start, 5), limits);
    expect(result.user).toEqual(user);
    expect(result.session?.userId).toBe(user.id);
  });

  it('ends a session idle for two hours, and slides while it is used', async () => {
    const start = new Date('2024-03-01T08:00:00Z');
    const { token } = await signIn('journalist@demo.vn', start);
    // Used every 100 minutes: each use pushes the idle deadline on.
    for (let minutes = 100; minutes <= 500; minutes += 100) {
      const result = await validateSessionToken(handle.db, token, at(start, minutes), limits);
      expect(result.session, `at ${minutes} min`).not.toBeNull();
    }
    const idle = await validateSessionToken(handle.db, token, at(start, 500 + 120), limits);
    expect(idle).toEqual({ session: null, user: null });
    // and it is gone from the database, not merely refused
    const again = await validateSessionToken(handle.db, token, at(start, 501), limits);
    expect(again.session).toBeNull();
  });

  it('ends a session after twelve hours however active it is', async () => {
    const start = new Date('2024-03-01T08:00:00Z');
    const { token } = await signIn('journalist@demo.vn', start);
    for (let minutes = 60; minutes < 720; minutes += 60) {
      expect((await validateSessionToken(handle.db, token, at(start, minutes), limits)).session).not.toBeNull();
    }
    expect((await validateSessionToken(handle.db, token, at(start, 720), limits)).session).toBeNull();
  });

  it('gives a new, different token on every sign-in', async () => {
    const a = await signIn('journalist@demo.vn');
    const b = await signIn('journalist@demo.vn');
    expect(a.token).not.toBe(b.token);
    expect(a.session.id).not.toBe(b.session.id);
  });

  it('refuses tampered and malformed tokens', async () => {
    const { token } = await signIn('journalist@demo.vn');
    const [id, secret] = token.split('.');
    const flipped = secret.slice(0, -1) + (secret.endsWith('a') ? 'b' : 'a');
    for (const bad of [`${id}.${flipped}`, id, `${id}.`, `${id}.${secret}.x`, '', 'x'.repeat(5000), `${id}.${secret.toUpperCase()}`]) {
      expect((await validateSessionToken(handle.db, bad, new Date(), limits)).session, bad.slice(0, 40)).toBeNull();
    }
  });

  it('stores nothing a thief could use as a cookie', async () => {
    const { token, session } = await signIn('journalist@demo.vn');
    const [row] = await handle.db.select().from(sessions).where(eq(sessions.id, session.id));
    const secret = token.split('.')[1];
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);
    // The stored values, put back together as a cookie, do not open the session.
    const forged = await validateSessionToken(handle.db, `${row.id}.${row.secretHash}`, new Date(), limits);
    expect(forged.session).toBeNull();
  });
});

describe('sessions end when the account changes', () => {
  it('on a role change', async () => {
    const admin = await actorFor(handle.db, 'admin@demo.vn');
    const { token, user } = await signIn('scorer3@demo.vn');
    const other = await signIn('scorer1@demo.vn');
    await changeRole(handle.db, admin, user.id, 'coordinator');
    expect((await validateSessionToken(handle.db, token, new Date(), limits)).session).toBeNull();
    // Only that user's sessions end.
    expect((await validateSessionToken(handle.db, other.token, new Date(), limits)).session).not.toBeNull();
  });

  it('on deactivation', async () => {
    const admin = await actorFor(handle.db, 'admin@demo.vn');
    const { token, user } = await signIn('journalist2@demo.vn');
    await setAccountActive(handle.db, admin, user.id, false);
    expect((await validateSessionToken(handle.db, token, new Date(), limits)).session).toBeNull();
    await setAccountActive(handle.db, admin, user.id, true);
  });

  it('on a password change', async () => {
    const admin = await actorFor(handle.db, 'admin@demo.vn');
    const { token, user } = await signIn('appraiser@demo.vn');
    const reset = await issuePasswordReset(handle.db, admin, user.id);
    await resetPassword(handle.db, reset.token, 'a new passphrase 2024');
    expect((await validateSessionToken(handle.db, token, new Date(), limits)).session).toBeNull();
  });
});
