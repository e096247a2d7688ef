import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sessions } from '../../db/schema';
import { demoPassword } from '../../db/seed/demo';
import { logIn } from '../../src/auth/login';
import { completeLoginChallenge, enableTotp, newTotpKey } from '../../src/auth/second-factor';
import { createSession, validateSessionToken } from '../../src/auth/session';
import { loadConfig } from '../../src/config';
import { actorFor } from '../support/accounts';
import { useTestDatabase } from '../support/database';
import { Authenticator } from '../support/totp';

const handle = useTestDatabase();

describe('sessions record the second factor', () => {
  it('none for a password-only session; totp or recovery_code after the second step; enrolment marks its own session', async () => {
    const user = await actorFor(handle.db, 'scorer2@demo.vn');
    const { token, session } = await createSession(handle.db, user.id);
    expect((await validateSessionToken(handle.db, token)).session?.secondFactor).toBeNull();

    const key = newTotpKey();
    const app = new Authenticator(key);
    const { recoveryCodes } = await enableTotp(handle.db, user, session, { key, code: await app.nextCode() });
    const [row] = await handle.db.select({ secondFactor: sessions.secondFactor }).from(sessions).where(eq(sessions.id, session.id));
    expect(row.secondFactor).toBe('totp');
    expect((await validateSessionToken(handle.db, token)).secondFactorEnrolled).toBe(true);

    const byCode = await logIn(handle.db, { email: user.email, password: demoPassword, ip: '10.9.0.1' });
    expect(byCode.ok && byCode.step).toBe('second-factor');
    if (!byCode.ok || byCode.step !== 'second-factor') return;
    const signed = await completeLoginChallenge(handle.db, byCode.challengeToken, await app.nextCode(), '10.9.0.1');
    expect(signed.ok && (await validateSessionToken(handle.db, signed.token)).session?.secondFactor).toBe('totp');
    // The challenge is spent with the session it made.
    expect(await completeLoginChallenge(handle.db, byCode.challengeToken, recoveryCodes[0], '10.9.0.1')).toEqual({ ok: false, reason: 'expired' });

    const byRecovery = await logIn(handle.db, { email: user.email, password: demoPassword, ip: '10.9.0.1' });
    if (!byRecovery.ok || byRecovery.step !== 'second-factor') throw new Error('expected the second step');
    const recovered = await completeLoginChallenge(handle.db, byRecovery.challengeToken, recoveryCodes[0], '10.9.0.1');
    expect(recovered.ok && (await validateSessionToken(handle.db, recovered.token)).session?.secondFactor).toBe('recovery_code');
  });
});

describe('MFA_REQUIRED_ROLES', () => {
  it('is read at start-up: unset, a list, empty, or refused with the unknown role named', () => {
    expect(loadConfig({}).mfaRequiredRoles).toBeUndefined();
    expect(loadConfig({ MFA_REQUIRED_ROLES: 'admin, coordinator' }).mfaRequiredRoles).toEqual(['admin', 'coordinator']);
    expect(loadConfig({ MFA_REQUIRED_ROLES: '' }).mfaRequiredRoles).toEqual([]);
    expect(() => loadConfig({ MFA_REQUIRED_ROLES: 'admin,boss' })).toThrow(/MFA_REQUIRED_ROLES: unknown role boss/);
  });
});
