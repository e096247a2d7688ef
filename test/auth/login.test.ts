import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, users } from '../../db/schema';
import { demoPassword } from '../../db/seed/demo';
import { logIn } from '../../src/auth/login';
import { loginLimits } from '../../src/auth/login-limit';
import { hashPassword, passwordProblem, verifyPassword } from '../../src/auth/password';
import { issuePasswordReset, resetPassword } from '../../src/domain/accounts/accounts';
import { actorFor } from '../support/accounts';
import { useTestDatabase } from '../support/database';

const handle = useTestDatabase();

describe('passwords', () => {
  it('hashes with argon2id at 19 MiB, 2 passes, 1 lane', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse batterY')).toBe(false);
  });

  it('asks only for a length of 8 to 128 characters, counting Vietnamese letters once', () => {
    expect(passwordProblem('1234567')).toBe('too_short');
    expect(passwordProblem('mậtkhẩu1')).toBeNull();
    expect(passwordProblem('abcdefgh')).toBeNull();
    expect(passwordProblem('ư'.repeat(128))).toBeNull();
    expect(passwordProblem('a'.repeat(129))).toBe('too_long');
  });
});

describe('logging in', () => {
  it('accepts the right password whatever the e-mail case and spacing', async () => {
    const result = await logIn(handle.db, { email: '  Journalist@Demo.VN ', password: demoPassword, ip: '10.0.0.1' });
    expect(result.ok).toBe(true);
  });

  it('gives the same answer for an unknown e-mail and a wrong password', async () => {
    const unknown = await logIn(handle.db, { email: 'nobody@demo.vn', password: demoPassword, ip: '10.0.0.2' });
    const wrong = await logIn(handle.db, { email: 'outlet@demo.vn', password: 'wrong-password', ip: '10.0.0.2' });
    expect(unknown).toEqual({ ok: false, reason: 'invalid' });
    expect(wrong).toEqual({ ok: false, reason: 'invalid' });
  });

  it('writes every attempt to the audit log without the password', async () => {
    await logIn(handle.db, { email: 'scorer2@demo.vn', password: 'secret-guess-1', ip: '10.0.0.3' });
    const rows = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, 'login_failed'), eq(auditLog.ip, '10.0.0.3')));
    expect(rows).toHaveLength(1);
    expect(rows[0].details).toEqual({ email: 'scorer2@demo.vn' });
    expect(JSON.stringify(rows)).not.toContain('secret-guess-1');
  });

  it('blocks an account from one address after 10 failures in 15 minutes, not its owner elsewhere', async () => {
    const start = new Date('2024-05-01T02:00:00Z');
    const email = 'scorer1@demo.vn';
    const attacker = '10.1.0.66';
    for (let i = 0; i < loginLimits.perAccountAndAddress; i++) {
      const r = await logIn(handle.db, { email, password: `guess-${i}`, ip: attacker }, new Date(start.getTime() + i * 1000));
      expect(r).toEqual({ ok: false, reason: 'invalid' });
    }
    const at = new Date(start.getTime() + 60_000);
    expect(await logIn(handle.db, { email, password: demoPassword, ip: attacker }, at)).toEqual({ ok: false, reason: 'blocked' });
    expect((await logIn(handle.db, { email, password: demoPassword, ip: '10.1.1.1' }, at)).ok).toBe(true);
    const later = await logIn(handle.db, { email, password: demoPassword, ip: attacker }, new Date(start.getTime() + 16 * 60_000));
    expect(later.ok).toBe(true);
  });

  it('locks an account everywhere after 100 failures in 24 hours from any addresses, until a password reset', async () => {
    const start = new Date('2024-05-03T02:00:00Z');
    const email = 'scorer3@demo.vn';
    // 9 per address and 12 addresses: no address reaches its own limit.
    for (let i = 0; i < loginLimits.perAccount; i++) {
      const r = await logIn(handle.db, { email, password: `guess-${i}`, ip: `10.3.0.${i % 12}` }, new Date(start.getTime() + i * 1000));
      expect(r, `attempt ${i}`).toEqual({ ok: false, reason: 'invalid' });
    }
    const hourLater = new Date(start.getTime() + 3_600_000);
    expect(await logIn(handle.db, { email, password: demoPassword, ip: '10.3.9.9' }, hourLater)).toEqual({ ok: false, reason: 'locked' });
    // The ceiling alone still holds after a day less a minute; it passes with the oldest failures.
    expect(await logIn(handle.db, { email, password: demoPassword, ip: '10.3.9.9' }, new Date(start.getTime() + 24 * 3_600_000 - 60_000))).toEqual({ ok: false, reason: 'locked' });
    expect((await logIn(handle.db, { email, password: demoPassword, ip: '10.3.9.9' }, new Date(start.getTime() + 24 * 3_600_000 + 100_000))).ok).toBe(true);
  });

  it('a completed password reset unlocks the account at once', async () => {
    const start = new Date('2024-05-04T02:00:00Z');
    const email = 'appraiser@demo.vn';
    for (let i = 0; i < loginLimits.perAccount; i++) {
      await logIn(handle.db, { email, password: `guess-${i}`, ip: `10.4.0.${i % 12}` }, new Date(start.getTime() + i * 1000));
    }
    const at = new Date(start.getTime() + 200_000);
    expect(await logIn(handle.db, { email, password: demoPassword, ip: '10.4.0.1' }, at)).toEqual({ ok: false, reason: 'locked' });
    const admin = await actorFor(handle.db, 'admin@demo.vn');
    const appraiser = await actorFor(handle.db, email);
    const { token } = await issuePasswordReset(handle.db, admin, appraiser.id, at);
    await resetPassword(handle.db, token, 'mật khẩu mới sau khóa', at);
    // From one of the guessing addresses: the reset clears every count on the account.
    expect((await logIn(handle.db, { email, password: 'mật khẩu mới sau khóa', ip: '10.4.0.1' }, at)).ok).toBe(true);
  });

  it('blocks an address that tries many accounts', async () => {
    const start = new Date('2024-05-02T02:00:00Z');
    const ip = '203.0.113.9';
    for (let i = 0; i < loginLimits.perAddress; i++) {
      await logIn(handle.db, { email: `guess${i}@demo.vn`, password: 'x', ip }, new Date(start.getTime() + i * 100));
    }
    const blocked = await logIn(handle.db, { email: 'coordinator@demo.vn', password: demoPassword, ip }, new Date(start.getTime() + 10_000));
    expect(blocked).toEqual({ ok: false, reason: 'blocked' });
    const elsewhere = await logIn(handle.db, { email: 'coordinator@demo.vn', password: demoPassword, ip: '203.0.113.10' }, new Date(start.getTime() + 10_000));
    expect(elsewhere.ok).toBe(true);
  });

  it('names a deactivated account only to someone who knows its password', async () => {
    await handle.db.update(users).set({ active: false }).where(eq(users.email, 'journalist2@demo.vn'));
    const wrong = await logIn(handle.db, { email: 'journalist2@demo.vn', password: 'nope-nope', ip: '10.2.0.1' });
    const right = await logIn(handle.db, { email: 'journalist2@demo.vn', password: demoPassword, ip: '10.2.0.1' });
    expect(wrong).toEqual({ ok: false, reason: 'invalid' });
    expect(right).toEqual({ ok: false, reason: 'deactivated' });
  });
});
