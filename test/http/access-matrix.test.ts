import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActionName, actionPermissions, isActionName, type PageRoute, pagePermissions, type Permission, verdict } from '../../src/auth/permissions';
import { signedIn, textOf, Visitor } from '../support/http';
import { type Answer, data, everyone, loginFor, type Person, people, prepare, recordScopes, roleOf, samples } from '../support/route-samples';
import { actionNames, pageRoutes } from '../support/routes';
import { type RunningServer, startServer } from '../support/server';

/**
 * Every page and every Action, for every kind of person, on records that could leak: the answer
 * each gets must be exactly what the permission table (src/auth/permissions.ts) and the ownership
 * rules say. The routes are walked from src/pages and the Actions from src/actions, so a new one
 * without a row in the table, or without a sample (test/support/route-samples.ts), fails.
 */

let server: RunningServer;
const visitors = new Map<Person, Visitor>();

beforeAll(async () => {
  server = await startServer({}, { prepare });
  await Promise.all(
    everyone.map(async (person) => {
      const email = people[person];
      visitors.set(person, email ? await signedIn(server.origin, email) : new Visitor(server.origin));
    }),
  );
}, 120_000);
afterAll(() => server?.stop());

/** What the role check alone answers, before any record is looked at. */
function byRole<T>(permission: Permission, person: Person, allowed: T, signIn: T): T | 403 {
  const answer = verdict(permission, roleOf[person]);
  return answer === 'allowed' ? allowed : answer === 'sign-in' ? signIn : 403;
}

/** Runs `work` over `items`, a few at a time: the server is one process on a shared machine. */
async function inTurns<T>(items: T[], work: (item: T) => Promise<void>, concurrency = 4) {
  const queue = [...items];
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  }));
}

// Some 500 requests each; a few seconds on an idle machine, more on a busy one.
describe('the access matrix', { timeout: 120_000 }, () => {
  it('has a sample for every page route and a row for every page and Action', () => {
    expect(Object.keys(samples()).sort()).toEqual(pageRoutes());
    expect(Object.keys(pagePermissions).sort()).toEqual(pageRoutes());
    expect(Object.keys(actionPermissions).sort()).toEqual(actionNames());
    // Every route whose records decide who sees them is tried on a record someone may not see.
    const untried = Object.entries(samples())
      .filter(([route, list]) => recordScopes.includes(pagePermissions[route as PageRoute].scope) && !list.some((s) => s.ownership || s.lists))
      .map(([route]) => route);
    expect(untried).toEqual(['/app/entries/[id]/evidence']); // an upload: tried in the last test
  });

  it('answers every page to every person exactly as the table and the ownership rules say', async () => {
    const requests = Object.entries(samples()).flatMap(([route, list]) =>
      list.flatMap((sample) => everyone.map((person) => ({ route: route as PageRoute, sample, person }))),
    );
    const expected: Record<string, string> = {};
    const actual: Record<string, string> = {};
    for (const { route, sample, person } of requests) {
      const permission: Permission = pagePermissions[route];
      const status = byRole<Answer>(permission, person, sample.served ?? 200, `302 ${loginFor(sample.path)}`);
      // Ownership narrows what the role allows; it never opens what the role check shuts.
      const own = sample.ownership?.[person];
      if (own !== undefined) expect(verdict(permission, roleOf[person]), `${person} ${route}`).toBe('allowed');
      expected[`${person} GET ${sample.path}`] = String(own ?? status);
    }
    const lists: string[] = [];
    await inTurns(requests, async ({ sample, person }) => {
      const response = await visitors.get(person)!.get(sample.path);
      actual[`${person} GET ${sample.path}`] = response.status === 302 ? `302 ${response.headers.get('location')}` : String(response.status);
      const checks = sample.lists?.filter((list) => list.people.includes(person)) ?? [];
      if (!checks.length) return void (await response.body?.cancel());
      const text = await textOf(response);
      for (const { shown, hidden } of checks) {
        if (shown && !text.includes(shown)) lists.push(`${person} ${sample.path} does not show ${shown}`);
        if (text.includes(hidden)) lists.push(`${person} ${sample.path} shows ${hidden}`);
      }
    });
    expect(mismatches(expected, actual)).toEqual([]);
    expect(lists).toEqual([]);
  });

  it('refuses every Action by role before reading its input, by script and by form', async () => {
    const names = actionNames();
    expect(names.filter((name) => !isActionName(name))).toEqual([]);
    // Signing out would end the session the other requests use: only the visitor tries it.
    const requests = (names as ActionName[]).flatMap((name) =>
      everyone.filter((person) => name !== 'auth.logOut' || person === 'anonymous').map((person) => ({ name, person })),
    );
    const expected: Record<string, string> = {};
    const actual: Record<string, string> = {};
    for (const { name, person } of requests) {
      const permission: Permission = actionPermissions[name];
      // An empty form: the Action's input check refuses it (400) once the role check lets it through.
      expected[`${person} rpc ${name}`] = String(byRole(permission, person, emptyFormAnswer[name] ?? 400, 401));
      // A form posted to a page: refused before the Action runs. What an allowed form shows is the page's own affair.
      const form = verdict(permission, roleOf[person]);
      if (form !== 'allowed') expected[`${person} form ${name}`] = form === 'sign-in' ? `302 ${loginFor('/app')}` : '403';
    }
    await inTurns(requests, async ({ name, person }) => {
      const visitor = visitors.get(person)!;
      const rpc = await visitor.post(`/_actions/${name}`, {});
      await rpc.body?.cancel();
      actual[`${person} rpc ${name}`] = String(rpc.status);
      if (expected[`${person} form ${name}`] === undefined) return;
      const form = await visitor.post(`/app?_action=${name}`, {});
      await form.body?.cancel();
      actual[`${person} form ${name}`] = form.status === 302 ? `302 ${form.headers.get('location')}` : String(form.status);
    });
    expect(mismatches(expected, actual)).toEqual([]);
  });

  it('refuses an unknown Action with 404, whoever asks', async () => {
    for (const person of ['anonymous', 'admin'] as const) {
      expect((await visitors.get(person)!.post('/_actions/entries.deleteEverything', {})).status).toBe(404);
      expect((await visitors.get(person)!.post('/?_action=entries.deleteEverything', {})).status).toBe(404);
    }
  });

  it('refuses an Action by form under /en/ in English, and sends the visitor to the English login', async () => {
    const refused = await visitors.get('journalistA')!.post('/en/app?_action=admin.createOrganisation', {});
    expect(refused.status).toBe(403);
    expect(await textOf(refused)).toContain('Access denied');
    const anonymous = await visitors.get('anonymous')!.post('/en/app/entries?_action=entries.save', {});
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toBe(`/en${loginFor('/app/entries')}`);
  });

  it('refuses an Action on a record the role may act on but the person may not', async () => {
    const cases: [Person, ActionName, Record<string, string>, number][] = [
      ['journalistB', 'entries.withdraw', { entryId: String(data.draft), reason: 'Không phải bài của tôi' }, 404],
      ['journalistB', 'evidence.remove', { entryId: String(data.inReview), fileId: String(data.evidenceId) }, 404],
      ['outletAdmin', 'entries.confirm', { entryId: String(data.theirsSubmitted) }, 404],
      ['outletAdmin', 'entries.return', { entryId: String(data.theirsSubmitted), reason: 'Thiếu số liệu' }, 404],
      ['outletAdmin', 'admin.setActive', { userId: String(data.journalistBId), active: 'false' }, 404],
      ['outletAdmin', 'admin.issuePasswordReset', { userId: String(data.journalistBId) }, 404],
      ['scorerOwnOrganisation', 'scoring.save', { assignmentId: String(data.assignmentId), comment: 'Chấm hộ' }, 404],
      ['scorerOwnOrganisation', 'scoring.declareConflict', { assignmentId: String(data.assignmentId), reason: 'Cùng cơ quan' }, 404],
      // Not sent: it does not exist for Home Affairs, as on its page.
      ['appraiser', 'nominations.startAppraisal', { nominationId: String(data.draftNominationId) }, 404],
      ['appraiser', 'nominations.approve', { nominationId: String(data.draftNominationId), number: '12/QĐ-UBND', date: '2024-12-20' }, 404],
    ];
    const answers: string[] = [];
    for (const [person, name, body] of cases) {
      expect(verdict(actionPermissions[name], roleOf[person]), `${person} ${name}`).toBe('allowed');
      answers.push(`${person} ${name} ${(await visitors.get(person)!.post(`/_actions/${name}`, body)).status}`);
    }
    expect(answers).toEqual(cases.map(([person, name, , status]) => `${person} ${name} ${status}`));
    // Each condition an Action's row names is tried at least once here.
    const actionScopes = new Set(Object.values(actionPermissions).map((p: Permission) => p.scope).filter((scope) => recordScopes.includes(scope)));
    expect(new Set(cases.map(([, name]) => actionPermissions[name].scope))).toEqual(actionScopes);
    // An upload is not an Action: journalist B cannot add a file to A's draft either.
    const upload = new FormData();
    upload.append('file', new Blob(['%PDF-1.4\n%%EOF\n'], { type: 'application/pdf' }), 'them.pdf');
    const uploaded = await visitors.get('journalistB')!.request(`/app/entries/${data.draft}/evidence`, { method: 'POST', body: upload, headers: { origin: server.origin } });
    expect(uploaded.status).toBe(404);
    // Nothing changed: the records are where they were, and journalist B can still sign in.
    expect((await visitors.get('journalistA')!.get(`/app/entries/${data.draft}/edit`)).status).toBe(200);
    expect((await visitors.get('scorerAssigned')!.get(`/app/scoring/${data.assignmentId}`)).status).toBe(200);
    expect((await visitors.get('journalistB')!.get('/app')).status).toBe(200);
  });
});

/** Each request whose answer is not the one expected, one line each (a diff of 500 keys is cut short). */
function mismatches(expected: Record<string, string>, actual: Record<string, string>): string[] {
  return Object.keys(expected)
    .filter((key) => actual[key] !== expected[key])
    .map((key) => `${key}: expected ${expected[key]}, got ${actual[key]}`);
}

/** Actions whose empty form is a whole request: they run. */
const emptyFormAnswer: Partial<Record<ActionName, number>> = { 'auth.logOut': 200, 'notifications.markAllRead': 200 };
