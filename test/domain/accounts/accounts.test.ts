import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, users } from '../../../db/schema';
import {
  changeRole,
  createAccount,
  isPasswordResetUsable,
  issuePasswordReset,
  listAccounts,
  resetPassword,
  setAccountActive,
} from '../../../src/domain/accounts/accounts';
import { DomainError } from '../../../src/domain/errors';
import { actorFor } from '../../support/accounts';
import { useTestDatabase } from '../../support/database';

const handle = useTestDatabase();

const refusal = (key: string) => expect.objectContaining({ key }) as unknown as DomainError;

describe('creating accounts', () => {
  it('stores the e-mail lower-cased and audits the creation', async () => {
    const admin = await actorFor(handle.db, 'admin@demo.vn');
    const outlet = await actorFor(handle.db, 'outlet@demo.vn');
    const { id } = await createAccount(handle.db, admin, {
      email: ' Mai.Anh@Demo.VN ',
      name: 'Lý Mai Anh',
      role: 'journalist',
      organisationId: outlet.organisationId,
      password: 'mật khẩu an toàn',
    });
    const [row] = await handle.db.select().from(users).where(eq(users.id, id));
    expect(row.email).toBe('mai.anh@demo.vn');
    const audit = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, 'account_created'), eq(auditLog.subjectId, String(id))));
    expect(audit).toHaveLength(1);
    expect(audit[0].actorId).toBe(admin.id);
  });

  it('refuses a second account for the same e-mail in any case, leaving one row', async () => {
    const admin = await actorFor(handle.db, 'admin@demo.vn');
    const input = { email: 'OUTLET@demo.vn', name: 'Trùng', role: 'journalist' as const, organisationId: admin.organisationId, password: '12345678' };
    await expect(createAccount(handle.db, admin, input)).rejects.toEqual(refusal('admin.emailTaken'));
    expect(await handle.db.select().from(users).where(eq(users.name, 'Trùng'))).toHaveLength(0);
  });

  it('lets an outlet admin create journalists of its own outlet only', async () => {
    const outlet = await actorFor(handle.db, 'outlet@demo.vn');
    const other = await actorFor(handle.db, 'journalist2@demo.vn');
    const base = { name: 'Phóng viên mới', password: '12345678' };
    await expect(
      createAccount(handle.db, outlet, { ...base, email: 'a@demo.vn', role: 'journalist', organisationId: other.organisationId }),
    ).rejects.toEqual(refusal('admin.outletOnly'));
    await expect(
      createAccount(handle.db, outlet, { ...base, email: 'b@demo.vn', role: 'scorer', organisationId: outlet.organisationId }),
    ).rejects.toEqual(refusal('admin.outletOnly'));
    await expect(
      createAccount(handle.db, outlet, { ...base, email: 'c@demo.vn', role: 'journalist', organisationId: outlet.organisationId }),
    ).resolves.toEqual({ id: expect.any(Number) });
  });
});

describe('managing accounts', () => {
  it('lists only the outlet journalists to an outlet admin', async () => {
    const outlet = await actorFor(handle.db, 'outlet@demo.vn');
    const rows = await listAccounts(handle.db, outlet);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.role === 'journalist' && r.organisationId === outlet.organisationId)).toBe(true);
  });

  it('refuses an outlet admin on another outlet journalist as if it did not exist', async () => {
    const outlet = await actorFor(handle.db, 'outlet@demo.vn');
    const other = await actorFor(handle.db, 'journalist2@demo.vn');
    await expect(setAccountActive(handle.db, outlet, other.id, false)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(issuePasswordReset(handle.db, outlet, other.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const [row] = await handle.db.select().from(users).where(eq(users.id, other.id));
    expect(row.active).toBe(true);
  });

  it('lets only an admin change roles, never their own, and audits from and to', async () => {
    const admin = await actorFor(handle.db, 'admin@demo.vn');
    const outlet = await actorFor(handle.db, 'outlet@demo.vn');
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    await expect(changeRole(handle.db, outlet, journalist.id, 'outlet_admin')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(changeRole(handle.db, admin, admin.id, 'journalist')).rejects.toEqual(refusal('admin.cannotChangeSelf'));
    await changeRole(handle.db, admin, journalist.id, 'outlet_admin');
    const [audit] = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, 'role_changed'), eq(auditLog.subjectId, String(journalist.id))));
    expect(audit).toMatchObject({ fromStatus: 'journalist', toStatus: 'outlet_admin', actorId: admin.id });
    await changeRole(handle.db, admin, journalist.id, 'journalist');
  });
});

describe('password reset links', () => {
  it('work once, within 24 hours, and only the latest one', async () => {
    const admin = await actorFor(handle.db, 'admin@demo.vn');
    const scorer = await actorFor(handle.db, 'scorer1@demo.vn');
    const now = new Date('2024-06-01T00:00:00Z');
    const first = await issuePasswordReset(handle.db, admin, scorer.id, now);
    const second = await issuePasswordReset(handle.db, admin, scorer.id, now);
    expect(await isPasswordResetUsable(handle.db, first.token, now)).toBe(false);
    expect(await isPasswordResetUsable(handle.db, second.token, now)).toBe(true);
    expect(await isPasswordResetUsable(handle.db, second.token, new Date(now.getTime() + 24 * 3_600_000))).toBe(false);

    await expect(resetPassword(handle.db, second.token, 'short', now)).rejects.toEqual(refusal('password.tooShort'));
    await resetPassword(handle.db, second.token, 'long enough now', now);
    await expect(resetPassword(handle.db, second.token, 'and once more', now)).rejects.toEqual(refusal('password.linkInvalid'));
  });
});
