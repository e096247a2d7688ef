import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../db/seed/demo';
import { loginLimits } from '../../src/auth/login-limit';
import { textOf, Visitor } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

/**
 * Issue #7 item 4. The per-address login limit counts the socket's address unless the request came
 * through a proxy named in TRUSTED_PROXIES; a client that writes its own X-Forwarded-For gains
 * nothing. (The burst of logins and the server's memory: login-burst.alone.test.ts.)
 */
let direct: RunningServer;
let proxied: RunningServer;
beforeAll(async () => {
  [direct, proxied] = await Promise.all([startServer(), startServer({ TRUSTED_PROXIES: '127.0.0.1' })]);
}, 120_000);
afterAll(async () => {
  await Promise.all([direct?.stop(), proxied?.stop()]);
});

function logIn(server: RunningServer, email: string, password: string, forwardedFor?: string) {
  return new Visitor(server.origin).post('/login?_action=auth.logIn', { email, password }, forwardedFor ? { 'x-forwarded-for': forwardedFor } : {});
}

/** Wrong passwords for as many different (unknown) e-mails as the address limit allows, a few at a time. */
async function failAsOneAddress(server: RunningServer, forwardedFor: (i: number) => string) {
  const attempts = Array.from({ length: loginLimits.perAddress }, (_, i) => i);
  for (let start = 0; start < attempts.length; start += 10) {
    const answers = await Promise.all(attempts.slice(start, start + 10).map((i) => logIn(server, `nobody-${i}@example.vn`, 'wrong-password', forwardedFor(i))));
    for (const answer of answers) expect(answer.status).toBe(401);
  }
}

describe('X-Forwarded-For', () => {
  it('from a client that is not a trusted proxy is ignored: a new address in the header does not reset the limit', async () => {
    await failAsOneAddress(direct, (i) => `198.51.100.${i + 1}`);
    const answer = await logIn(direct, 'scorer1@demo.vn', demoPassword, '192.0.2.77');
    expect(answer.status).toBe(429);
    const again = await logIn(direct, 'scorer1@demo.vn', demoPassword, '192.0.2.77, 192.0.2.78');
    expect(again.status).toBe(429);
  });

  it('from a trusted proxy is believed, and only its last hop: a client cannot hide behind one it prepends', async () => {
    await failAsOneAddress(proxied, () => '203.0.113.9');
    expect((await logIn(proxied, 'scorer1@demo.vn', demoPassword, '203.0.113.9')).status).toBe(429);
    // The client wrote "192.0.2.1" itself; the proxy appended the address it saw.
    expect((await logIn(proxied, 'scorer1@demo.vn', demoPassword, '192.0.2.1, 203.0.113.9')).status).toBe(429);
    // Someone else behind the same proxy is not blocked.
    expect((await logIn(proxied, 'scorer1@demo.vn', demoPassword, '203.0.113.10')).status).toBe(302);
  });
});

/**
 * Issue #17 item 3: someone else's wrong passwords do not shut the owner out. Addresses come
 * through the trusted proxy (`proxied`), as a real deployment sees distinct clients.
 */
describe('lock-outs that cannot be turned on the owner', () => {
  const attempt = (email: string, password: string, ip: string) => logIn(proxied, email, password, ip);

  it('an attacker’s failures lock the attacker’s address out of the account, not the owner at another address', async () => {
    for (let i = 0; i < loginLimits.perAccountAndAddress; i++) expect((await attempt('coordinator@demo.vn', `sai-${i}`, '198.18.0.1')).status).toBe(401);
    const attacker = await attempt('coordinator@demo.vn', demoPassword, '198.18.0.1');
    expect(attacker.status).toBe(429);
    const text = await textOf(attacker.clone());
    expect(text).toContain('Đăng nhập sai quá nhiều lần từ địa chỉ này. Vui lòng thử lại sau 15 phút, hoặc chọn “Quên mật khẩu” để đặt lại mật khẩu và mở khóa ngay.');
    expect(await textOfLink(attacker)).toBe('/reset-password');
    expect((await attempt('coordinator@demo.vn', demoPassword, '198.18.0.2')).status).toBe(302);
  });

  it(`the account’s ceiling (${loginLimits.perAccount} in 24 hours from any addresses) locks it everywhere, says what to do, and a reset link unlocks it`, async () => {
    const email = 'appraiser@demo.vn';
    // 12 addresses, none reaching its own limit of 10.
    for (let start = 0; start < loginLimits.perAccount; start += 10) {
      const answers = await Promise.all(Array.from({ length: 10 }, (_, j) => attempt(email, `sai-${start + j}`, `198.18.1.${(start + j) % 12}`)));
      for (const answer of answers) expect(answer.status).toBe(401);
    }
    const owner = await attempt(email, demoPassword, '198.18.2.1');
    expect(owner.status).toBe(429);
    const text = await textOf(owner.clone());
    expect(text).toContain('Đăng nhập sai quá nhiều lần: tài khoản tạm bị khóa vì đã có 100 lần nhập sai mật khẩu trong 24 giờ. Chọn “Quên mật khẩu” để đặt lại mật khẩu và mở khóa ngay');
    expect(await textOfLink(owner)).toBe('/reset-password');

    // The admin's one-time link (the e-mailed one completes the same way).
    const admin = new Visitor(proxied.origin);
    expect((await admin.post('/login?_action=auth.logIn', { email: 'admin@demo.vn', password: demoPassword }, { 'x-forwarded-for': '198.18.3.1' })).status).toBe(302);
    const accounts = await (await admin.get('/app/admin/accounts', { 'x-forwarded-for': '198.18.3.1' })).text();
    const id = accounts.split('<tr>').find((row) => row.includes(email))!.match(/name="userId" value="(\d+)"/)![1];
    const issued = await admin.post('/app/admin/accounts?_action=admin.issuePasswordReset', { userId: id }, { 'x-forwarded-for': '198.18.3.1' });
    const path = new URL((await issued.text()).match(/data-reset-link>([^<]+)</)![1]).pathname;
    const token = path.split('/').pop()!;
    const done = await new Visitor(proxied.origin).post(`${path}?_action=auth.resetPassword`, { token, password: 'mật khẩu sau khi bị khóa', confirm: 'mật khẩu sau khi bị khóa' });
    expect(done.headers.get('location')).toBe('/login?passwordSet');
    expect((await attempt(email, 'mật khẩu sau khi bị khóa', '198.18.1.1')).status).toBe(302);
  });
});

/** Where the lock message's link leads. */
async function textOfLink(response: Response): Promise<string | undefined> {
  return (await response.text()).match(/<p data-unlock><a href="([^"]+)"/)?.[1];
}
