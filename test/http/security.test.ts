import { describe, expect, it } from 'vitest';
import { signedIn, textOf, Visitor } from '../support/http';
import { useServer } from '../support/server';

const server = useServer();

describe('security headers', () => {
  it('sends CSP, nosniff, a referrer policy and no framing on HTML pages', async () => {
    for (const path of ['/', '/login', '/en/login', '/no-such-page']) {
      const response = await fetch(`${server.origin}${path}`);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toMatch(/script-src 'self'/);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
    }
  });

  it('keeps signed-in pages out of caches, but not public ones', async () => {
    const visitor = await signedIn(server.origin, 'journalist@demo.vn');
    expect((await visitor.get('/app')).headers.get('cache-control')).toBe('no-store');
    expect((await new Visitor(server.origin).get('/app')).headers.get('cache-control')).toBe('no-store');
    // public pages may be cached, but are revalidated every time (their ETag) so changes show at once
    expect((await new Visitor(server.origin).get('/')).headers.get('cache-control')).toBe('public, no-cache');
  });

  it('shows a generic not-found page with a 404', async () => {
    const response = await fetch(`${server.origin}/app-does-not-exist`);
    expect(response.status).toBe(404);
    expect(await textOf(response)).toContain('Không tìm thấy trang');
  });
});

describe('cross-site requests', () => {
  const forms: [string, BodyInit][] = [
    ['application/x-www-form-urlencoded', 'email=admin%40demo.vn&password=demo-password-2024'],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\nadmin@demo.vn\r\n--x--\r\n'],
    ['text/plain', 'email=admin@demo.vn'],
    ['Application/X-WWW-Form-Urlencoded; charset=UTF-8', 'email=admin%40demo.vn'],
  ];

  it('refuses a form POST from another origin with 403, whatever the form encoding', async () => {
    for (const [type, body] of forms) {
      for (const origin of ['https://evil.example', 'null']) {
        const response = await fetch(`${server.origin}/login?_action=auth.logIn`, {
          method: 'POST',
          headers: { 'content-type': type, origin },
          body,
          redirect: 'manual',
        });
        expect(response.status, `${type} from ${origin}`).toBe(403);
        expect(response.headers.getSetCookie()).toEqual([]);
      }
    }
  });

  it('refuses a signed-in cross-site POST to an admin action', async () => {
    const admin = await signedIn(server.origin, 'admin@demo.vn');
    const response = await admin.post(
      '/app/admin/organisations?_action=admin.createOrganisation',
      { kind: 'press', name: 'Báo Giả Mạo', shortName: 'BGM' },
      { origin: 'https://evil.example' },
    );
    expect(response.status).toBe(403);
    expect(await textOf(await admin.get('/app/admin/organisations'))).not.toContain('Báo Giả Mạo');
  });
});

describe('who may open what', () => {
  const matrix: [string, string, number][] = [
    ['journalist@demo.vn', '/app', 200],
    ['journalist@demo.vn', '/app/entries', 200],
    ['journalist@demo.vn', '/app/admin', 403],
    ['journalist@demo.vn', '/app/admin/accounts', 403],
    ['journalist@demo.vn', '/app/admin/organisations', 403],
    ['journalist@demo.vn', '/app/scoring', 403],
    ['journalist@demo.vn', '/app/nominations', 403],
    ['journalist@demo.vn', '/app/appraisal', 403],
    ['journalist@demo.vn', '/app/gallery', 403],
    ['outlet@demo.vn', '/app/entries', 200],
    ['outlet@demo.vn', '/app/admin/accounts', 200],
    ['outlet@demo.vn', '/app/admin/organisations', 403],
    ['scorer2@demo.vn', '/app/scoring', 200],
    ['scorer2@demo.vn', '/app/entries', 403],
    ['coordinator@demo.vn', '/app/nominations', 200],
    ['coordinator@demo.vn', '/app/gallery', 200],
    ['coordinator@demo.vn', '/app/scoring', 200],
    ['coordinator@demo.vn', '/app/appraisal', 403],
    ['appraiser@demo.vn', '/app/appraisal', 200],
    ['appraiser@demo.vn', '/app/gallery', 200],
    ['appraiser@demo.vn', '/app/nominations', 403],
    ['admin@demo.vn', '/app/admin/organisations', 200],
    ['admin@demo.vn', '/app/entries', 403],
  ];

  it('answers each role exactly as the section table says', async () => {
    const visitors = new Map<string, Visitor>();
    for (const [email, path, status] of matrix) {
      if (!visitors.has(email)) visitors.set(email, await signedIn(server.origin, email));
      const response = await visitors.get(email)!.get(path);
      expect(response.status, `${email} ${path}`).toBe(status);
      if (status === 403) expect(await textOf(response)).toContain('Không có quyền truy cập');
    }
  });

  it('refuses in English under /en/ too', async () => {
    const journalist = await signedIn(server.origin, 'journalist@demo.vn');
    const response = await journalist.get('/en/app/admin');
    expect(response.status).toBe(403);
    expect(await textOf(response)).toContain('Access denied');
  });

  it('refuses an admin action to a journalist, and nothing is written', async () => {
    const journalist = await signedIn(server.origin, 'journalist@demo.vn');
    const response = await journalist.post('/app/entries?_action=admin.createOrganisation', {
      kind: 'press',
      name: 'Báo Của Phóng Viên',
      shortName: 'BPV',
    });
    expect(response.status).toBe(403);
    const admin = await signedIn(server.origin, 'admin@demo.vn');
    expect(await textOf(await admin.get('/app/admin/organisations'))).not.toContain('Báo Của Phóng Viên');
  });
});
