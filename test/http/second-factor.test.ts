import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFacts } from '../../db/schema';
import { demoPassword } from '../../db/seed/demo';
import { secondFactorLimits } from '../../src/auth/second-factor';
import { signedIn, textOf, Visitor } from '../support/http';
import { type RunningServer, startServer } from '../support/server';
import { Authenticator } from '../support/totp';

/**
 * Issue #17 item 4: TOTP as a second factor, against the built server. The sign-in's second step
 * comes before any session; each code is good once; wrong codes have their own limit; recovery codes
 * are single use; enabling and removing end the user's other sessions; MFA_REQUIRED_ROLES sends such a
 * user to enrolment before anything else under /app (none on the demo database, as DESIGN.md says).
 */

let demo: RunningServer;
/** A database the demo did not make (its mark removed), MFA_REQUIRED_ROLES unset: the default roles. */
let production: RunningServer;
beforeAll(async () => {
  [demo, production] = await Promise.all([
    startServer(),
    startServer({ MFA_REQUIRED_ROLES: undefined }, { prepare: async (db) => void (await db.delete(databaseFacts)) }),
  ]);
}, 120_000);
afterAll(async () => {
  await Promise.all([demo?.stop(), production?.stop()]);
});

const security = '/app/account/security';

/** Opens the security page and turns the second factor on; returns the app and the recovery codes. */
async function enrol(visitor: Visitor): Promise<{ app: Authenticator; recoveryCodes: string[] }> {
  const page = await visitor.get(security);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('data-mfa-status="off"');
  expect(html).toMatch(/<svg [^>]*role="img"/);
  const key = html.match(/name="key" value="([A-Z2-7]{32})"/)![1];
  // The key shown for manual entry is the one posted.
  expect(html.match(/data-totp-key>([^<]+)</)![1].replace(/ /g, '')).toBe(key);
  const app = new Authenticator(key);
  const enabled = await visitor.post(`${security}?_action=account.enableTotp`, { key, code: await app.nextCode() });
  expect(enabled.status).toBe(200);
  const text = await enabled.text();
  const recoveryCodes = [...text.matchAll(/<li><code>([a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4})<\/code><\/li>/g)].map((m) => m[1]);
  expect(recoveryCodes).toHaveLength(10);
  expect(new Set(recoveryCodes).size).toBe(10);
  return { app, recoveryCodes };
}

/** The password step; answers where it sends the person (the second step for an enrolled user). */
async function passwordStep(server: RunningServer, email: string): Promise<{ visitor: Visitor; response: Response }> {
  const visitor = new Visitor(server.origin);
  const response = await visitor.post('/login?_action=auth.logIn', { email, password: demoPassword });
  return { visitor, response };
}

const secondStep = (visitor: Visitor, code: string) => visitor.post('/login/second-factor?redirect=%2Fapp&_action=auth.verifySecondFactor', { code, redirect: '/app' });

describe('TOTP on an account', () => {
  let app: Authenticator;
  let recoveryCodes: string[];
  let main: Visitor;

  it('enrolment refuses a wrong code in Vietnamese, takes the right one, and ends the user’s other sessions', async () => {
    main = await signedIn(demo.origin, 'journalist@demo.vn');
    const elsewhere = await signedIn(demo.origin, 'journalist@demo.vn');
    const page = await (await main.get(security)).text();
    const key = page.match(/name="key" value="([A-Z2-7]{32})"/)![1];
    const wrong = await main.post(`${security}?_action=account.enableTotp`, { key, code: new Authenticator(key).wrongCode() });
    expect(wrong.status).toBe(400);
    const wrongText = await textOf(wrong);
    expect(wrongText).toContain('Mã xác thực không đúng hoặc đã được dùng.');
    expect(wrongText).toContain('Xác thực hai yếu tố chưa bật.');

    ({ app, recoveryCodes } = await enrol(main));
    expect((await elsewhere.get('/app')).status).toBe(302);
    expect((await main.get('/app')).status).toBe(200);
    expect(await textOf(await main.get(security))).toContain('Còn 10 mã khôi phục chưa dùng.');
  });

  it('the password alone no longer opens a session: the second step does, and a code is good once', async () => {
    const { visitor, response } = await passwordStep(demo, 'journalist@demo.vn');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/login/second-factor?redirect=%2Fapp');
    expect(visitor.cookies.has('session')).toBe(false);
    expect(visitor.cookies.has('login_challenge')).toBe(true);
    expect((await visitor.get('/app')).status).toBe(302);
    const form = await visitor.get('/login/second-factor?redirect=%2Fapp');
    expect(form.status).toBe(200);
    expect(await form.text()).toMatch(/<label for="code">Mã xác thực<\/label>/);

    const wrong = await secondStep(visitor, app.wrongCode());
    expect(wrong.status).toBe(400);
    expect(await textOf(wrong)).toContain('Mã xác thực không đúng hoặc đã được dùng.');
    expect(visitor.cookies.has('session')).toBe(false);

    const code = await app.nextCode();
    const right = await secondStep(visitor, code);
    expect(right.status).toBe(302);
    expect(right.headers.get('location')).toBe('/app');
    expect(visitor.cookies.has('login_challenge')).toBe(false);
    expect((await visitor.get('/app')).status).toBe(200);

    // The same code, seen over a shoulder, does not open a second session.
    const again = await passwordStep(demo, 'journalist@demo.vn');
    const replay = await secondStep(again.visitor, code);
    expect(replay.status).toBe(400);
    expect(again.visitor.cookies.has('session')).toBe(false);
  });

  it('a recovery code signs in once, and never again', async () => {
    const first = await passwordStep(demo, 'journalist@demo.vn');
    const used = await secondStep(first.visitor, recoveryCodes[0].toUpperCase().replace(/-/g, ' '));
    expect(used.status).toBe(302);
    expect((await first.visitor.get('/app')).status).toBe(200);
    expect(await textOf(await first.visitor.get(security))).toContain('Còn 9 mã khôi phục chưa dùng.');

    const second = await passwordStep(demo, 'journalist@demo.vn');
    const reused = await secondStep(second.visitor, recoveryCodes[0]);
    expect(reused.status).toBe(400);
    expect(await textOf(reused)).toContain('Mã xác thực không đúng hoặc đã được dùng.');
    expect(second.visitor.cookies.has('session')).toBe(false);
  });

  it('without the password step there is nothing to answer', async () => {
    const stranger = new Visitor(demo.origin);
    const page = await stranger.get('/login/second-factor');
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/login?redirect=%2Fapp');
    const posted = await secondStep(stranger, recoveryCodes[9]);
    expect(posted.status).toBe(401);
    expect(await textOf(posted)).toContain('Bước xác thực đã hết hạn (5 phút).');
    expect(stranger.cookies.has('session')).toBe(false);
  });

  it('removal asks for a code, then ends the other sessions; the password alone then signs in', async () => {
    const elsewhere = await passwordStep(demo, 'journalist@demo.vn');
    expect((await secondStep(elsewhere.visitor, recoveryCodes[2])).status).toBe(302);
    expect((await elsewhere.visitor.get('/app')).status).toBe(200);

    const wrong = await main.post(`${security}?_action=account.removeTotp`, { code: app.wrongCode() });
    expect(wrong.status).toBe(400);
    expect(await textOf(wrong)).toContain('Mã xác thực không đúng');
    const removed = await main.post(`${security}?_action=account.removeTotp`, { code: recoveryCodes[1] });
    expect(removed.status).toBe(302);
    expect(removed.headers.get('location')).toBe(`${security}?removed`);
    expect(await textOf(await main.get(`${security}?removed`))).toContain('Đã tắt xác thực hai yếu tố.');
    expect((await elsewhere.visitor.get('/app')).status).toBe(302);
    expect((await main.get('/app')).status).toBe(200);

    const { response } = await passwordStep(demo, 'journalist@demo.vn');
    expect(response.headers.get('location')).toBe('/app');
  });
});

describe('the second step’s own attempt limit', () => {
  it(`after ${secondFactorLimits.perAccount} wrong codes even the right one is refused, with a message that says how long`, async () => {
    const owner = await signedIn(demo.origin, 'outlet@demo.vn');
    const { app, recoveryCodes } = await enrol(owner);
    const { visitor } = await passwordStep(demo, 'outlet@demo.vn');
    for (let i = 0; i < secondFactorLimits.perAccount; i++) expect((await secondStep(visitor, app.wrongCode())).status, `attempt ${i}`).toBe(400);
    const blocked = await secondStep(visitor, await app.nextCode());
    expect(blocked.status).toBe(429);
    expect(await textOf(blocked)).toContain('Nhập sai mã xác thực quá nhiều lần (5 lần trong 15 phút). Vui lòng thử lại sau 15 phút.');
    expect(visitor.cookies.has('session')).toBe(false);
    // A new password step gains nothing: the count is the account's; an unused recovery code is refused too.
    const again = await passwordStep(demo, 'outlet@demo.vn');
    expect((await secondStep(again.visitor, recoveryCodes[0])).status).toBe(429);
  });
});

describe('MFA_REQUIRED_ROLES', () => {
  it('on the demo database it is empty by default: the demo coordinator signs in with the password alone', async () => {
    const coordinator = await signedIn(demo.origin, 'coordinator@demo.vn');
    expect((await coordinator.get('/app')).status).toBe(200);
    expect((await coordinator.get('/app/nominations')).status).toBe(200);
  });

  it('elsewhere it defaults to admin, coordinator and appraiser: they enrol right after the password, before anything else', async () => {
    const coordinator = await signedIn(production.origin, 'coordinator@demo.vn');
    for (const path of ['/app', '/app/nominations', '/app/campaigns', '/en/app']) {
      const answer = await coordinator.get(path);
      expect(answer.status, path).toBe(302);
      expect(answer.headers.get('location'), path).toBe(path.startsWith('/en') ? `/en${security}` : security);
    }
    const rpc = await coordinator.post('/_actions/campaigns.create', {});
    expect(rpc.status).toBe(403);
    const page = await coordinator.get(security);
    expect(page.status).toBe(200);
    expect(await textOf(page)).toContain('Vai trò của bạn bắt buộc dùng xác thực hai yếu tố.');

    const { app } = await enrol(coordinator);
    expect((await coordinator.get('/app/nominations')).status).toBe(200);
    // From now on the sign-in asks for the code.
    const { visitor, response } = await passwordStep(production, 'coordinator@demo.vn');
    expect(response.headers.get('location')).toBe('/login/second-factor?redirect=%2Fapp');
    expect((await secondStep(visitor, await app.nextCode())).status).toBe(302);
    expect((await visitor.get('/app/nominations')).status).toBe(200);

    // A journalist is not among the roles: straight in.
    const journalist = await signedIn(production.origin, 'journalist@demo.vn');
    expect((await journalist.get('/app/entries')).status).toBe(200);
  });
});
