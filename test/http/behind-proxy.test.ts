import { describe, expect, it } from 'vitest';
import { demoPassword } from '../../db/seed/demo';
import { Visitor } from '../support/http';
import { useServer } from '../support/server';

/**
 * Behind a reverse proxy that ends TLS (the README's nginx example): the app listens on plain
 * http, and the browser's Origin is the https PUBLIC_ORIGIN. Forms must work, the session cookie
 * must be Secure, and neither a forged Host nor another origin may pass.
 */
const publicOrigin = 'https://cchc.example.vn';
const server = useServer({ PUBLIC_ORIGIN: publicOrigin, TRUSTED_PROXIES: '127.0.0.1' });

/** A login as nginx passes it on: Host and X-Forwarded-* set by the proxy, Origin by the browser. */
const logIn = (origin: string, host = 'cchc.example.vn') =>
  new Visitor(server.origin).post(
    '/login?_action=auth.logIn',
    { email: 'admin@demo.vn', password: demoPassword },
    { origin, host, 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' },
  );

describe('behind a TLS-ending reverse proxy', () => {
  it('accepts a form from the public origin and sets a Secure session cookie', async () => {
    const response = await logIn(publicOrigin);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/app');
    expect(response.headers.getSetCookie().join('\n')).toMatch(/^session=[^;]+;.*; Secure/m);
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });

  it('refuses the plain-http origin, another origin, and a forged Host', async () => {
    for (const origin of ['http://cchc.example.vn', 'https://evil.example', server.origin]) {
      expect((await logIn(origin)).status, origin).toBe(403);
    }
    expect((await logIn('https://evil.example', 'evil.example')).status).toBe(403);
    // A forged Host changes nothing: the public origin still works.
    expect((await logIn(publicOrigin, 'evil.example')).status).toBe(302);
  });
});
