import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignments, campaigns, evidenceFiles, nominationBatches, nominationEntries, nominations, users, type Role } from '../../db/schema';
import { type ActionName, actionPermissions, isActionName, type PageRoute, pagePermissions, type Permission, type Scope, verdict } from '../../src/auth/permissions';
import { actorFor } from '../support/accounts';
import { createEntry } from '../support/entries';
import { laterSlug, prepareGallery } from '../support/gallery-fixture';
import { signedIn, textOf, Visitor } from '../support/http';
import { actionNames, pageRoutes } from '../support/routes';
import { type RunningServer, startServer } from '../support/server';

/**
 * Every page and every Action, for every kind of person, on records that could leak: the answer
 * each gets must be exactly what the permission table (src/auth/permissions.ts) and the ownership
 * rules say. The routes are walked from src/pages and the Actions from src/actions, so a new one
 * without a row in the table, or without a sample here, fails.
 */

const people = {
  anonymous: null,
  journalistA: 'journalist@demo.vn',
  journalistB: 'journalist2@demo.vn',
  outletAdmin: 'outlet@demo.vn',
  // A scorer employed by journalist A's outlet: never assigned its entries (conflict of interest).
  scorerOwnOrganisation: 'scorer-halong@demo.vn',
  scorerAssigned: 'scorer1@demo.vn',
  coordinator: 'coordinator@demo.vn',
  appraiser: 'appraiser@demo.vn',
  admin: 'admin@demo.vn',
} as const;
type Person = keyof typeof people;
const roleOf: Record<Person, Role | null> = {
  anonymous: null,
  journalistA: 'journalist',
  journalistB: 'journalist',
  outletAdmin: 'outlet_admin',
  scorerOwnOrganisation: 'scorer',
  scorerAssigned: 'scorer',
  coordinator: 'coordinator',
  appraiser: 'appraiser',
  admin: 'admin',
};
const everyone = Object.keys(people) as Person[];

/** Journalist A's records (and one of B's), made before the server starts. */
const data = {
  campaignId: 0,
  draft: 0,
  inReview: 0,
  theirsSubmitted: 0,
  evidenceId: 0,
  assignmentId: 0,
  sentBatchId: 0,
  draftBatchId: 0,
  sentNominationId: 0,
  draftNominationId: 0,
  unpublishedItemId: 0,
  shortlisted: 0,
  journalistBId: 0,
};

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

async function prepare(db: Database, dataDir: string) {
  const a = await actorFor(db, 'journalist@demo.vn');
  const coordinator = await actorFor(db, 'coordinator@demo.vn');
  const scorer = await actorFor(db, 'scorer1@demo.vn');
  data.journalistBId = (await actorFor(db, 'journalist2@demo.vn')).id;
  // The demo password, without hashing it once more.
  const [{ passwordHash }] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, scorer.id));
  await db.insert(users).values({
    email: people.scorerOwnOrganisation,
    name: 'Phạm Văn Chấm',
    passwordHash,
    role: 'scorer',
    organisationId: a.organisationId,
  });
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.year, 2024));
  data.campaignId = campaign.id;

  data.draft = (await createEntry(db, 'journalist@demo.vn', { title: 'Bản nháp chưa ai được thấy' })).id;
  data.inReview = (await createEntry(db, 'journalist@demo.vn', { status: 'in_review', title: 'Tác phẩm đang chấm' })).id;
  data.theirsSubmitted = (await createEntry(db, 'journalist2@demo.vn', { status: 'submitted', title: 'Bài của Cẩm Phả đã gửi' })).id;
  const [assignment] = await db.insert(assignments).values({ entryId: data.inReview, scorerId: scorer.id, assignedAt: new Date() }).returning();
  data.assignmentId = assignment.id;

  // A scanned report on the entry under review, where the server keeps uploads.
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  const storedName = `${randomBytes(16).toString('hex')}.pdf`;
  mkdirSync(path.join(dataDir, 'uploads'), { recursive: true });
  writeFileSync(path.join(dataDir, 'uploads', storedName), pdf);
  const [file] = await db
    .insert(evidenceFiles)
    .values({
      entryId: data.inReview,
      storedName,
      originalName: 'so-lieu.pdf',
      fileType: 'pdf',
      mediaType: 'application/pdf',
      sizeBytes: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      uploadedById: a.id,
    })
    .returning();
  data.evidenceId = file.id;

  // A sent batch with its nomination, and a nomination Home Affairs has not been sent.
  const nominate = async (title: string, batchId: number | null, status: 'draft' | 'sent') => {
    const entry = await createEntry(db, 'journalist@demo.vn', { status: 'shortlisted', title });
    const [row] = await db
      .insert(nominations)
      .values({ campaignId: campaign.id, batchId, nomineeType: 'individual', nomineeUserId: a.id, awardForm: 'provincial_certificate', achievementSummary: title, eligibilityDeclared: true, status, createdById: coordinator.id })
      .returning();
    await db.insert(nominationEntries).values({ nominationId: row.id, entryId: entry.id, campaignId: campaign.id });
    data.shortlisted = entry.id;
    return row.id;
  };
  const batch = async (status: 'draft' | 'sent') =>
    (await db.insert(nominationBatches).values({ campaignId: campaign.id, title: `Đợt trình (${status})`, status, sentAt: status === 'sent' ? new Date() : null, createdById: coordinator.id }).returning())[0].id;
  data.sentBatchId = await batch('sent');
  data.draftBatchId = await batch('draft');
  data.sentNominationId = await nominate('Loạt bài đã trình', data.sentBatchId, 'sent');
  data.draftNominationId = await nominate('Đề nghị chưa trình', null, 'draft');

  data.unpublishedItemId = (await prepareGallery(db)).laterId;
}

/** A status, or a redirect with where it leads. */
type Answer = number | `302 ${string}`;

/** A path to request, and where its answer differs from the role check: the record's own rules. */
interface Sample {
  path: string;
  /** The answer when the role may open the route; 200 unless said. */
  served?: Answer;
  ownership?: Partial<Record<Person, Answer>>;
  /** On a list, what each of these people is shown, and what of someone else's is kept from them. */
  lists?: { people: Person[]; shown?: string; hidden: string }[];
}

/** The conditions a record itself decides, which the role check cannot show on its own. */
const recordScopes: readonly Scope[] = ['entry', 'own-organisation', 'assigned', 'sent-batch'];

const notFoundToAll: Partial<Record<Person, Answer>> = Object.fromEntries(everyone.map((p) => [p, 404]));
const signedInPeople = everyone.filter((p) => p !== 'anonymous');

/** One or more requests for every page route, with the real ids of the data above. */
function samples(): Record<PageRoute, Sample[]> {
  const entryReaders = { journalistB: 404 };
  return {
    '/': [{ path: '/' }],
    '/403': [{ path: '/403', served: 403 }],
    '/404': [{ path: '/404', served: 404 }],
    '/500': [{ path: '/500', served: 500 }],
    // Someone signed in is sent on to their dashboard.
    '/login': [{ path: '/login', ownership: Object.fromEntries(signedInPeople.map((p) => [p, '302 /app'])) }],
    // The second step needs the challenge the password step sets; without it, the password comes first.
    '/login/second-factor': [{ path: '/login/second-factor', served: `302 ${loginFor('/app')}` }],
    // Signing out is a POST; a GET changes nothing and leads home.
    '/logout': [{ path: '/logout', served: '302 /' }],
    '/reset-password': [{ path: '/reset-password' }],
    '/reset-password/[token]': [{ path: '/reset-password/khong-phai-ma-that', served: 410 }],
    '/healthz': [{ path: '/healthz' }],
    '/robots.txt': [{ path: '/robots.txt' }],
    '/sitemap.xml': [{ path: '/sitemap.xml' }],
    '/gallery': [{ path: '/gallery' }],
    // Not yet published: no one sees it on the public site, curators included.
    '/gallery/[slug]': [{ path: `/gallery/${laterSlug}`, ownership: notFoundToAll }],
    // An evidence file is not a gallery image: the public route never serves it.
    '/gallery/images/[fileId]': [{ path: `/gallery/images/${data.evidenceId}`, ownership: notFoundToAll }],
    '/gallery/rss.xml': [{ path: '/gallery/rss.xml' }],
    '/results/[year]': [{ path: '/results/2024' }],
    '/en': [{ path: '/en' }],
    '/en/gallery': [{ path: '/en/gallery' }],
    '/en/gallery/[slug]': [{ path: `/en/gallery/${laterSlug}`, ownership: notFoundToAll }],
    '/en/results/[year]': [{ path: '/en/results/2024' }],

    '/app': [{ path: '/app' }],
    '/app/account/security': [{ path: '/app/account/security' }],
    '/app/entries': [
      {
        path: '/app/entries',
        lists: [
          { people: ['journalistA'], shown: 'Bản nháp chưa ai được thấy', hidden: 'Bài của Cẩm Phả đã gửi' },
          { people: ['outletAdmin'], shown: 'Tác phẩm đang chấm', hidden: 'Bài của Cẩm Phả đã gửi' },
          { people: ['journalistB'], shown: 'Bài của Cẩm Phả đã gửi', hidden: 'Tác phẩm đang chấm' },
        ],
      },
    ],
    '/app/entries/new': [{ path: '/app/entries/new' }],
    '/app/entries/[id]': [{ path: `/app/entries/${data.inReview}`, ownership: entryReaders }, { path: `/app/entries/${data.theirsSubmitted}`, ownership: { journalistA: 404, outletAdmin: 404 } }],
    '/app/entries/[id]/edit': [{ path: `/app/entries/${data.draft}/edit`, ownership: entryReaders }],
    // Uploads are POSTed; a GET finds nothing to answer.
    '/app/entries/[id]/evidence': [{ path: `/app/entries/${data.draft}/evidence`, served: 404 }],
    '/app/entries/[id]/evidence/[fileId]': [{ path: `/app/entries/${data.inReview}/evidence/${data.evidenceId}`, ownership: { journalistB: 404, scorerOwnOrganisation: 404 } }],
    '/app/campaigns': [{ path: '/app/campaigns' }],
    '/app/campaigns/new': [{ path: '/app/campaigns/new' }],
    '/app/campaigns/[id]': [{ path: `/app/campaigns/${data.campaignId}` }],
    '/app/scoring': [{ path: '/app/scoring', lists: [{ people: ['scorerAssigned'], shown: 'Tác phẩm đang chấm', hidden: 'Bản nháp chưa ai được thấy' }, { people: ['scorerOwnOrganisation'], hidden: 'Tác phẩm đang chấm' }] }],
    '/app/scoring/[assignmentId]': [{ path: `/app/scoring/${data.assignmentId}`, ownership: { scorerOwnOrganisation: 404 } }],
    '/app/scoring/assignments': [{ path: '/app/scoring/assignments' }],
    '/app/scoring/results': [{ path: '/app/scoring/results' }],
    '/app/scoring/rubric': [{ path: '/app/scoring/rubric' }],
    '/app/scoring/export.csv': [{ path: '/app/scoring/export.csv' }],
    '/app/scoring/export.xlsx': [{ path: '/app/scoring/export.xlsx' }],
    '/app/nominations': [{ path: '/app/nominations' }],
    '/app/nominations/new': [{ path: '/app/nominations/new' }],
    '/app/nominations/[id]': [{ path: `/app/nominations/${data.sentNominationId}` }, { path: `/app/nominations/${data.draftNominationId}` }],
    // A sent nomination is no longer the coordinator's to edit: its page is shown instead.
    '/app/nominations/[id]/edit': [{ path: `/app/nominations/${data.draftNominationId}/edit` }, { path: `/app/nominations/${data.sentNominationId}/edit`, served: `302 /app/nominations/${data.sentNominationId}` }],
    '/app/appraisal': [{ path: '/app/appraisal', lists: [{ people: ['appraiser'], shown: 'Đợt trình (sent)', hidden: 'Đợt trình (draft)' }] }],
    '/app/appraisal/[id]': [{ path: `/app/appraisal/${data.sentNominationId}` }, { path: `/app/appraisal/${data.draftNominationId}`, ownership: { appraiser: 404 } }],
    // A batch not yet sent: Home Affairs is refused (403) rather than told it does not exist.
    '/app/dossiers/[batchId]': [{ path: `/app/dossiers/${data.sentBatchId}` }, { path: `/app/dossiers/${data.draftBatchId}`, ownership: { appraiser: 404 } }],
    '/app/dossiers/[batchId]/document': [{ path: `/app/dossiers/${data.sentBatchId}/document?document=proposal` }, { path: `/app/dossiers/${data.draftBatchId}/document?document=proposal`, ownership: { appraiser: 404 } }],
    '/app/dossiers/[batchId]/list.csv': [{ path: `/app/dossiers/${data.sentBatchId}/list.csv` }, { path: `/app/dossiers/${data.draftBatchId}/list.csv`, ownership: { appraiser: 404 } }],
    '/app/dossiers/[batchId]/list.xlsx': [{ path: `/app/dossiers/${data.sentBatchId}/list.xlsx` }, { path: `/app/dossiers/${data.draftBatchId}/list.xlsx`, ownership: { appraiser: 404 } }],
    '/app/dossiers/[batchId]/print': [{ path: `/app/dossiers/${data.sentBatchId}/print?document=minutes` }, { path: `/app/dossiers/${data.draftBatchId}/print?document=minutes`, ownership: { appraiser: 404 } }],
    // Scans are POSTed; a GET finds nothing to answer.
    '/app/dossiers/[batchId]/scan': [{ path: `/app/dossiers/${data.draftBatchId}/scan`, served: 404 }],
    '/app/gallery': [{ path: '/app/gallery' }],
    '/app/gallery/new': [{ path: `/app/gallery/new?entry=${data.shortlisted}` }],
    '/app/gallery/[id]': [{ path: `/app/gallery/${data.unpublishedItemId}` }],
    '/app/admin': [{ path: '/app/admin' }],
    '/app/admin/accounts': [{ path: '/app/admin/accounts', lists: [{ people: ['outletAdmin'], shown: 'journalist@demo.vn', hidden: 'journalist2@demo.vn' }] }],
    '/app/admin/organisations': [{ path: '/app/admin/organisations' }],
    '/app/admin/outbox': [{ path: '/app/admin/outbox' }],
    '/app/account/notifications': [{ path: '/app/account/notifications' }],
  };
}

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

function loginFor(path: string): string {
  return `/login?redirect=${encodeURIComponent(path)}`;
}
