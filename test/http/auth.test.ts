import { describe, expect, it } from 'vitest';
import { demoPassword } from '../../db/seed/demo';
import { signedIn, textOf, Visitor } from '../support/http';
import { startServer, useServer } from '../support/server';

const server = useServer();

describe('health', () => {
  it('answers when the database does', async () => {
    const response = await fetch(`${server.origin}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });
});

describe('signing in', () => {
  it('starts a session in an HttpOnly, SameSite=Lax cookie and lands on the dashboard', async () => {
    const visitor = new Visitor(server.origin);
    const response = await visitor.logIn('journalist@demo.vn');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/app');
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/i); // http origin in this test
    const dashboard = await visitor.get('/app');
    expect(dashboard.status).toBe(200);
    expect(await textOf(dashboard)).toContain('Xin chào, Trần Thị Thu Hà');
  });

  it('refuses a wrong password with a message in Vietnamese, keeps the e-mail, sets no session', async () => {
    const visitor = new Visitor(server.origin);
    const response = await visitor.logIn('outlet@demo.vn', 'not-the-password');
    expect(response.status).toBe(401);
    const html = await response.text();
    expect(html).toContain('Thư điện tử hoặc mật khẩu không đúng.');
    expect(html).toContain('value="outlet@demo.vn"');
    expect(visitor.cookies.has('session')).toBe(false);
  });

  it('answers in English under /en/', async () => {
    const visitor = new Visitor(server.origin);
    const response = await visitor.post('/en/login?_action=auth.logIn', { email: 'outlet@demo.vn', password: 'wrong-password' });
    expect(await textOf(response)).toContain('The email address or password is not correct.');
  });

  it('names each missing field', async () => {
    const visitor = new Visitor(server.origin);
    const response = await visitor.post('/login?_action=auth.logIn', {});
    expect(response.status).toBe(400);
    const text = await textOf(response);
    expect(text).toContain('Nhập địa chỉ thư điện tử.');
    expect(text).toContain('Nhập mật khẩu.');
    const invalid = await visitor.post('/login?_action=auth.logIn', { email: 'not-an-email', password: 'x' });
    expect(await textOf(invalid)).toContain('Địa chỉ thư điện tử không hợp lệ');
  });

  it('returns to the page asked for, but only on this site', async () => {
    const cases: [string, string][] = [
      ['/app/admin/accounts', '/app/admin/accounts'],
      ['//evil.example/', '/app'],
      ['/\\evil.example', '/app'],
      ['https://evil.example/', '/app'],
    ];
    for (const [asked, expected] of cases) {
      const visitor = new Visitor(server.origin);
      const response = await visitor.post('/login?_action=auth.logIn', { email: 'admin@demo.vn', password: demoPassword, redirect: asked });
      expect(response.headers.get('location'), asked).toBe(expected);
    }
  });

  it('sends an anonymous visitor of a signed-in page to the login, remembering the page', async () => {
    const response = await new Visitor(server.origin).get('/app/admin/accounts');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/login?redirect=%2Fapp%2Fadmin%2Faccounts');
    const english = await new Visitor(server.origin).get('/en/app');
    expect(english.headers.get('location')).toBe('/en/login?redirect=%2Fapp');
  });

  it('blocks the eleventh attempt on an account, whatever X-Forwarded-For says', async () => {
    for (let i = 0; i < 10; i++) {
      const visitor = new Visitor(server.origin);
      await visitor.post('/login?_action=auth.logIn', { email: 'scorer3@demo.vn', password: `guess-${i}` }, { 'x-forwarded-for': `198.51.100.${i}` });
    }
    const last = await new Visitor(server.origin).post(
      '/login?_action=auth.logIn',
      { email: 'scorer3@demo.vn', password: demoPassword },
      { 'x-forwarded-for': '192.0.2.200' },
    );
    expect(last.status).toBe(429);
    expect(await textOf(last)).toContain('Đăng nhập sai quá nhiều lần');
  });
});

describe('sessions over HTTP', () => {
  it('ends the session on the server at logout: the old cookie no longer opens anything', async () => {
    const visitor = await signedIn(server.origin, 'coordinator@demo.vn');
    const stolen = visitor.cookieHeader;
    const response = await visitor.post('/logout?_action=auth.logOut', {});
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/login?loggedOut');
    const replay = await fetch(`${server.origin}/app`, { headers: { cookie: stolen }, redirect: 'manual' });
    expect(replay.status).toBe(302);
    expect(replay.headers.get('location')).toMatch(/^\/login/);
  });

  it('does not sign out on a GET (no state change on GET)', async () => {
    const visitor = await signedIn(server.origin, 'coordinator@demo.vn');
    await visitor.get('/logout');
    expect((await visitor.get('/app')).status).toBe(200);
  });

  it('treats a tampered cookie as no session and clears it', async () => {
    const visitor = await signedIn(server.origin, 'admin@demo.vn');
    const [id, secret] = visitor.cookies.get('session')!.split('.');
    const tampered = `session=${id}.${secret.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a'))}`;
    const response = await fetch(`${server.origin}/app`, { headers: { cookie: tampered }, redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/login?redirect=%2Fapp&expired');
    expect(response.headers.getSetCookie().some((c) => /^session=;/.test(c) && /Max-Age=0/i.test(c))).toBe(true);
    const login = await fetch(`${server.origin}/login?redirect=%2Fapp&expired`);
    expect(await textOf(login)).toContain('Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.');
  });

  it('gives a new session on each login and ends the one presented at login', async () => {
    const visitor = await signedIn(server.origin, 'scorer1@demo.vn');
    const first = visitor.cookieHeader;
    await visitor.logIn('scorer1@demo.vn');
    expect(visitor.cookieHeader).not.toBe(first);
    const old = await fetch(`${server.origin}/app`, { headers: { cookie: first }, redirect: 'manual' });
    expect(old.status).toBe(302);
  });
});

describe('https deployments', () => {
  it('marks the cookie Secure and sends HSTS when PUBLIC_ORIGIN is https', async () => {
    const secure = await startServer({ PUBLIC_ORIGIN: 'https://cchc.quangninh.example' });
    try {
      // The browser is at the public origin; the app is reached through the proxy (behind-proxy.test.ts).
      const response = await new Visitor(secure.origin).post('/login?_action=auth.logIn', { email: 'journalist@demo.vn', password: demoPassword }, { origin: 'https://cchc.quangninh.example' });
      expect(response.status).toBe(302);
      expect(response.headers.getSetCookie().find((c) => c.startsWith('session='))).toMatch(/Secure/);
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    } finally {
      await secure.stop();
    }
  });
});
