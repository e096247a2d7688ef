import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { assignments, campaigns, nominationBatches, nominationEntries, nominations, rubricCriteria, users } from '../../db/schema';
import { type ActionName, actionPermissions } from '../../src/auth/permissions';
import { actorFor } from '../support/accounts';
import { createEntry } from '../support/entries';
import { prepareGallery } from '../support/gallery-fixture';
import { makeItem } from '../domain/gallery/fixtures';
import { signedIn, Visitor } from '../support/http';
import { testDbKind } from '../support/database';
import { actionNames } from '../support/routes';
import { type RunningServer, startServer } from '../support/server';

/**
 * Issue 17: every Action of the permission table, as a role allowed to run it, gets each field of
 * a valid form replaced in turn by a hostile value. No answer may be a 500, and none may carry SQL,
 * query parameters or a password hash: every value is refused (or stored clean) before the database.
 */
const hostile: Record<string, string> = {
  nul: '\u0000',
  nulInside: 'Một cửa\u0000liên thông',
  control: 'chuông\u0007\u001b[31m',
  c1: 'x\u0085y\u009b',
  bidi: 'admin\u202Egnp.exe',
  isolate: '\u2066abc\u2069',
  nfd: 'Ha\u0323 Long',
  huge: 'x'.repeat(60_000),
  impossibleDay: '2024-02-30',
  yearZero: '0000-01-01',
  badMonth: '2024-13-45',
  bigId: '99999999999',
  pastInteger: '2147483648',
  missingId: '2147483647',
  exponent: '1e10',
  smallExponent: '1e1',
  hex: '0x5',
  spaced: ' 7 ',
  negative: '-1',
  fraction: '1.5',
  infinity: 'Infinity',
  javascriptUrl: 'javascript:alert(document.cookie)',
  dataUrl: 'data:text/html,<script>alert(1)</script>',
  sql: "1'); DROP TABLE users;--",
  markup: '<img src=x onerror=alert(1)>',
  loneSurrogate: '\uD800',
  empty: '',
};

const leaks = [/insert into/i, /select /i, /params:/i, /\$argon2/i, /failed query/i, /\bat async\b/, /node_modules/];

type Form = Record<string, string | string[]>;

const ids = {
  campaignId: 0,
  draftId: 0,
  submittedId: 0,
  withdrawableId: 0,
  shortlistedId: 0,
  assignmentId: 0,
  /** An assignment of its own for the points test: the bulk run declares a conflict on the other. */
  pointsAssignmentId: 0,
  criterionIds: [] as number[],
  scorerId: 0,
  nominationId: 0,
  sentNominationId: 0,
  batchId: 0,
  itemId: 0,
  organisationId: 0,
  spareUserId: 0,
  journalistId: 0,
  /** An entry stored with a `javascript:` address before saves checked it. */
  javascriptEntryId: 0,
};

/** Who runs each Action: a role its row in the permission table allows. */
function runnerOf(name: ActionName): string | null {
  const { who } = actionPermissions[name];
  if (who === 'public') return null;
  if (who === 'signed-in') return 'journalist@demo.vn';
  const byRole: Record<string, string> = {
    journalist: 'journalist@demo.vn',
    outlet_admin: 'outlet@demo.vn',
    scorer: 'scorer1@demo.vn',
    coordinator: 'coordinator@demo.vn',
    appraiser: 'appraiser@demo.vn',
    admin: 'admin@demo.vn',
  };
  return byRole[who[0]];
}

const nominationForm = (): Form => ({
  nomineeType: 'individual',
  nomineeUserId: String(ids.journalistId),
  nomineeOrganisationId: '',
  awardForm: 'provincial_certificate',
  entryIds: [String(ids.shortlistedId)],
  achievementSummary: 'Loạt bài về một cửa liên thông',
  parIndexRating: 'not_rated',
  criteriaEvidence: '',
  eligibilityDeclared: 'on',
});

const campaignForm = (): Form => ({
  year: '2031',
  title: 'Đợt thi đua 2031',
  submissionOpensOn: '2031-01-01',
  submissionClosesOn: '2031-06-30',
  scoringClosesOn: '2031-08-31',
  nominationsDueOn: '2031-10-31',
  entryLimitPerAuthor: '3',
  maxFileMb: '20',
  maxEntryMb: '50',
  allowedFileTypes: ['pdf', 'jpeg'],
  scorersPerEntry: '3',
  spreadThreshold: '20',
  rankingBasis: 'raw',
});

const galleryForm = (): Form => ({
  title: 'Một cửa liên thông',
  slug: `mot-cua-${randomUUID().slice(0, 8)}`,
  summary: 'Tóm tắt',
  organisationId: String(ids.organisationId),
  authors: 'Nguyễn Văn A',
  parAreas: ['procedures'],
  pressType: 'online',
  originalUrl: 'https://baoquangninh.vn/bai-viet.html',
  award: '',
  coverFileId: '',
  imageFileIds: [],
});

/** A form each Action accepts (or refuses for a reason of the record, not of the input). */
const validForms: Record<ActionName, () => Form> = {
  'auth.logIn': () => ({ email: 'khong-co-ai@demo.vn', password: 'sai-mat-khau', redirect: '/app' }),
  'auth.logOut': () => ({}),
  'auth.resetPassword': () => ({ token: 'khong-phai-ma-that', password: 'mat-khau-moi-dai-du', confirm: 'mat-khau-moi-dai-du' }),
  'auth.verifySecondFactor': () => ({ code: '123456', redirect: '/app' }),
  'auth.requestPasswordReset': () => ({ email: 'khong-co-ai@demo.vn' }),
  'notifications.markAllRead': () => ({}),
  'account.enableTotp': () => ({ key: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', code: '123456' }),
  'account.removeTotp': () => ({ code: '123456' }),
  'mail.saveSettings': () => ({ locale: 'vi', reminders: 'on', workNotices: 'on' }),
  'entries.save': () => ({
    entryId: String(ids.draftId),
    formKey: randomUUID(),
    kind: 'article',
    intent: 'draft',
    title: 'Một cửa liên thông ở Cẩm Phả',
    parAreas: ['procedures'],
    angle: 'model',
    pressType: 'online',
    programme: 'Chuyên mục CCHC',
    publishedOn: '2024-05-12',
    url: 'https://baoquangninh.vn/mot-cua.html',
    lengthValue: '1200',
    lengthUnit: 'words',
    summary: 'Tóm tắt',
    background: '',
    coAuthorIds: [],
    externalCoAuthors: 'Trần Thị B',
  }),
  'entries.confirm': () => ({ entryId: String(ids.submittedId) }),
  'entries.return': () => ({ entryId: String(ids.submittedId), reason: 'Thiếu số liệu' }),
  'entries.withdraw': () => ({ entryId: String(ids.withdrawableId), reason: 'Rút để sửa' }),
  'evidence.remove': () => ({ entryId: String(ids.draftId), fileId: '1' }),
  'campaigns.create': () => ({ ...campaignForm(), formKey: randomUUID() }),
  'campaigns.update': () => ({ id: String(ids.campaignId), ...campaignForm(), year: '2024' }),
  'scoring.save': () => ({
    assignmentId: String(ids.assignmentId),
    comment: 'Nhận xét',
    intent: 'draft',
    ...Object.fromEntries(ids.criterionIds.map((id) => [`points.${id}`, '5'])),
  }),
  'scoring.declareConflict': () => ({ assignmentId: String(ids.assignmentId), reason: 'Người thân' }),
  'scoring.setPanel': () => ({ campaignId: String(ids.campaignId), scorerIds: [String(ids.scorerId)] }),
  'scoring.assign': () => ({ campaignId: String(ids.campaignId) }),
  'scoring.reassign': () => ({ assignmentId: String(ids.assignmentId), scorerId: String(ids.scorerId) }),
  'scoring.reopen': () => ({ assignmentId: String(ids.assignmentId), reason: 'Chấm lại' }),
  'scoring.updateRubric': () => ({ campaignId: String(ids.campaignId), name: ['Nội dung', 'Hình thức'], guidance: ['', ''], maxPoints: ['60', '40'] }),
  'scoring.shortlist': () => ({ campaignId: String(ids.campaignId), entryIds: [String(ids.shortlistedId)] }),
  'scoring.shortlistBy': () => ({ campaignId: String(ids.campaignId), rule: 'atLeast', top: '', atLeast: '72.5' }),
  'scoring.unshortlist': () => ({ entryId: String(ids.shortlistedId) }),
  'nominations.create': () => ({ campaignId: String(ids.campaignId), formKey: randomUUID(), ...nominationForm() }),
  'nominations.createBatch': () => ({ campaignId: String(ids.campaignId), title: 'Đợt trình', formKey: randomUUID() }),
  'nominations.deleteBatch': () => ({ batchId: String(ids.batchId) }),
  'nominations.addToBatch': () => ({ batchId: String(ids.batchId), nominationIds: [String(ids.nominationId)] }),
  'nominations.sendBatch': () => ({ batchId: String(ids.batchId) }),
  'nominations.postBatch': () => ({ batchId: String(ids.batchId) }),
  'nominations.handleComment': () => ({ commentId: '1', handling: 'Đã xác minh, ý kiến không có cơ sở.' }),
  'nominees.comment': () => ({ batchId: String(ids.batchId), nominationId: '', name: 'Nguyễn Văn A', contact: 'a@example.vn', body: 'Ý kiến về danh sách.', website: '' }),
  'nominations.updateBatchDetails': () => ({
    batchId: String(ids.batchId),
    proposalNumber: '12/TTr-STTTT',
    proposalDate: '2024-11-01',
    meetingDate: '2024-10-30',
    meetingPlace: 'Hạ Long',
    meetingChair: 'Ông A',
    meetingSecretary: 'Bà B',
    councilMembership: '9',
    membersPresentCount: '7',
    membersPresent: 'Ông A\nBà B',
    votingMethod: 'show_of_hands',
    [`votesFor.${ids.nominationId}`]: '5',
    [`votesAgainst.${ids.nominationId}`]: '1',
    [`votesAbstaining.${ids.nominationId}`]: '1',
  }),
  'nominations.update': () => ({ nominationId: String(ids.nominationId), ...nominationForm() }),
  'nominations.removeSignedScan': () => ({ batchId: String(ids.batchId), document: 'proposal', nominationId: '' }),
  'nominations.resend': () => ({ nominationId: String(ids.sentNominationId) }),
  'nominations.decideInHouse': () => ({ nominationId: String(ids.nominationId), number: '5/QĐ-STTTT', date: '2024-12-01' }),
  'nominations.startAppraisal': () => ({ nominationId: String(ids.sentNominationId) }),
  'nominations.returnForSupplement': () => ({ nominationId: String(ids.sentNominationId), reason: 'Bổ sung hồ sơ' }),
  'nominations.approve': () => ({ nominationId: String(ids.sentNominationId), number: '123/QĐ-UBND', date: '2024-12-10' }),
  'nominations.reject': () => ({ nominationId: String(ids.sentNominationId), reason: 'Chưa đủ tiêu chuẩn' }),
  'nominations.decide': () => ({ nominationId: String(ids.sentNominationId), decision: 'approve', number: '123/QĐ-UBND', date: '2024-12-10', reason: '' }),
  'gallery.create': () => ({ entryId: String(ids.shortlistedId), intent: 'draft', formKey: randomUUID(), ...galleryForm() }),
  'gallery.update': () => ({ itemId: String(ids.itemId), ...galleryForm() }),
  'gallery.publish': () => ({ itemId: String(ids.itemId) }),
  'gallery.unpublish': () => ({ itemId: String(ids.itemId) }),
  'admin.createOrganisation': () => ({ kind: 'newspaper', name: 'Báo Thử', shortName: 'BT', formKey: randomUUID() }),
  'admin.updateOrganisation': () => ({ id: String(ids.organisationId), kind: 'newspaper', name: 'Báo Quảng Ninh', shortName: 'BQN', active: 'on' }),
  'admin.createAccount': () => ({ email: `nguoi-moi-${randomUUID().slice(0, 8)}@demo.vn`, name: 'Người Mới', position: 'Phóng viên', role: 'journalist', organisationId: String(ids.organisationId), password: 'mat-khau-du-dai-123', formKey: randomUUID() }),
  'admin.changeRole': () => ({ userId: String(ids.spareUserId), role: 'journalist' }),
  'admin.setActive': () => ({ userId: String(ids.spareUserId), active: 'true' }),
  'admin.issuePasswordReset': () => ({ userId: String(ids.spareUserId) }),
};

async function prepare(db: Database) {
  const journalist = await actorFor(db, 'journalist@demo.vn');
  const coordinator = await actorFor(db, 'coordinator@demo.vn');
  const scorer = await actorFor(db, 'scorer1@demo.vn');
  ids.journalistId = journalist.id;
  ids.organisationId = journalist.organisationId;
  ids.scorerId = scorer.id;
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.year, 2024));
  ids.campaignId = campaign.id;
  ids.draftId = (await createEntry(db, 'journalist@demo.vn', { title: 'Bản nháp' })).id;
  ids.submittedId = (await createEntry(db, 'journalist@demo.vn', { status: 'submitted', title: 'Đã gửi' })).id;
  ids.withdrawableId = (await createEntry(db, 'journalist@demo.vn', { status: 'submitted', title: 'Sẽ rút' })).id;
  const inReview = await createEntry(db, 'journalist@demo.vn', { status: 'in_review', title: 'Đang chấm' });
  // The rubric of the campaign the entries under scoring belong to.
  ids.criterionIds = (await db.select({ id: rubricCriteria.id }).from(rubricCriteria).where(eq(rubricCriteria.campaignId, inReview.campaignId))).map((c) => c.id);
  expect(ids.criterionIds.length).toBeGreaterThan(0);
  const [assignment] = await db.insert(assignments).values({ entryId: inReview.id, scorerId: scorer.id, assignedAt: new Date() }).returning();
  ids.assignmentId = assignment.id;
  const toScore = await createEntry(db, 'journalist@demo.vn', { status: 'in_review', title: 'Chờ chấm điểm' });
  const [pointsAssignment] = await db.insert(assignments).values({ entryId: toScore.id, scorerId: scorer.id, assignedAt: new Date() }).returning();
  ids.pointsAssignmentId = pointsAssignment.id;
  const shortlisted = await createEntry(db, 'journalist@demo.vn', { status: 'shortlisted', title: 'Vào danh sách' });
  ids.shortlistedId = shortlisted.id;
  const [batch] = await db.insert(nominationBatches).values({ campaignId: campaign.id, title: 'Đợt trình nháp', createdById: coordinator.id }).returning();
  ids.batchId = batch.id;
  const [sentBatch] = await db.insert(nominationBatches).values({ campaignId: campaign.id, title: 'Đợt đã trình', status: 'sent', sentAt: new Date(), createdById: coordinator.id }).returning();
  const nominate = async (batchId: number | null, status: 'draft' | 'sent') => {
    const entry = await createEntry(db, 'journalist@demo.vn', { status: 'shortlisted', title: `Đề nghị ${status}` });
    const [row] = await db
      .insert(nominations)
      .values({ campaignId: campaign.id, batchId, nomineeType: 'individual', nomineeUserId: journalist.id, awardForm: 'provincial_certificate', achievementSummary: 'Thành tích', eligibilityDeclared: true, status, createdById: coordinator.id })
      .returning();
    await db.insert(nominationEntries).values({ nominationId: row.id, entryId: entry.id, campaignId: campaign.id });
    return row.id;
  };
  ids.nominationId = await nominate(null, 'draft');
  ids.sentNominationId = await nominate(sentBatch.id, 'sent');
  ids.itemId = (await prepareGallery(db)).laterId;
  const [{ passwordHash }] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, journalist.id));
  const [spare] = await db.insert(users).values({ email: 'du-phong@demo.vn', name: 'Dự Phòng', passwordHash, role: 'journalist', organisationId: journalist.organisationId }).returning();
  ids.spareUserId = spare.id;
  ids.javascriptEntryId = (await createEntry(db, 'journalist@demo.vn', { title: 'Địa chỉ cũ', url: 'javascript:alert(document.cookie)' })).id;
  for (const [i, title] of feedTitles.entries()) {
    await makeItem(db, coordinator, { title, summary: feedSummaries[i], values: { slug: `tin-${i}` }, at: new Date(Date.UTC(2024, 10, 20 + i)) });
  }
}

/** Titles and summaries a feed reader must show as typed, never run. */
const feedTitles = ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;', ']]><img src=x onerror=alert(1)><![CDATA['];
const feedSummaries = ['<p>&lt;img src=x onerror=alert(1)&gt;</p>', '<p>&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;</p>', '<p>Một cửa</p>'];

let server: RunningServer;
const visitors = new Map<string | null, Visitor>();

beforeAll(async () => {
  server = await startServer({}, { prepare });
  visitors.set(null, new Visitor(server.origin));
  for (const email of new Set(Object.keys(actionPermissions).map((name) => runnerOf(name as ActionName)))) {
    if (email) visitors.set(email, await signedIn(server.origin, email));
  }
}, 120_000);
afterAll(() => server?.stop());

function body(form: Form): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
  return params;
}

interface Answer {
  name: ActionName;
  label: string;
  status: number;
  text: string;
}

async function post(name: ActionName, label: string, init: { body: BodyInit; contentType?: string }): Promise<Answer> {
  const visitor = visitors.get(runnerOf(name))!;
  const headers: Record<string, string> = { origin: server.origin };
  if (init.contentType) headers['content-type'] = init.contentType;
  const response = await visitor.request(`/_actions/${name}`, { method: 'POST', body: init.body, headers });
  return { name, label: `${name} ${label}`, status: response.status, text: await response.text() };
}

/** Every variant of one Action's form: each field replaced by each hostile value, repeated, nested, a file. */
function variants(name: ActionName): { label: string; body: () => BodyInit; contentType?: string }[] {
  const form = validForms[name]();
  const urlencoded = 'application/x-www-form-urlencoded';
  const fields = [...Object.keys(form), 'unexpectedField'];
  const list: { label: string; body: () => BodyInit; contentType?: string }[] = [{ label: 'as is', body: () => body(validForms[name]()), contentType: urlencoded }];
  for (const field of fields) {
    for (const [kind, value] of Object.entries(hostile)) {
      list.push({ label: `${field}=${kind}`, body: () => body({ ...validForms[name](), [field]: value }), contentType: urlencoded });
    }
    // An array where one value is expected, and an object (Astro reads `field.key` as nesting).
    list.push({ label: `${field} twice`, body: () => body({ ...validForms[name](), [field]: [hostile.nul, hostile.bigId] }), contentType: urlencoded });
    list.push({ label: `${field} as object`, body: () => body({ ...validForms[name](), [`${field}.x`]: '1', [`${field}.__proto__`]: hostile.nul }), contentType: urlencoded });
    list.push({
      label: `${field} as a file`,
      body: () => {
        const data = new FormData();
        for (const [k, v] of body(validForms[name]())) if (k !== field) data.append(k, v);
        data.append(field, new Blob(['\u0000%PDF'], { type: 'application/pdf' }), 'x.pdf');
        return data;
      },
    });
  }
  // JSON where a form is expected, with an object and an array for strings.
  list.push({ label: 'JSON', body: () => JSON.stringify(Object.fromEntries(fields.map((f) => [f, { toString: 1, [f]: [hostile.nul] }]))), contentType: 'application/json' });
  return list;
}

/** A few requests at a time: the machine is small and PGlite answers one query at a time. */
async function inTurn<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]);
      }
    }),
  );
  return results;
}

describe('each kind of bad value is refused on its field', () => {
  const save = (changes: Form) => refusal('entries.save', { ...validForms['entries.save'](), ...changes });

  it('NUL and control characters in text', async () => {
    expect(await save({ title: hostile.nulInside })).toMatchObject({ status: 400, fields: { title: ['input.controlCharacters'] } });
    expect((await save({ summary: hostile.control })).fields).toEqual({ summary: ['input.controlCharacters'] });
    expect((await refusal('admin.createAccount', { ...validForms['admin.createAccount'](), name: hostile.nul })).fields).toEqual({ name: ['input.controlCharacters'] });
  });

  it('days that do not exist', async () => {
    for (const day of [hostile.impossibleDay, hostile.yearZero, hostile.badMonth]) {
      expect((await save({ publishedOn: day })).fields, day).toEqual({ publishedOn: ['entries.errors.date'] });
      expect((await refusal('campaigns.update', { ...validForms['campaigns.update'](), scoringClosesOn: day })).fields, day).toEqual({ scoringClosesOn: ['campaigns.errors.scoringDate'] });
      expect((await refusal('nominations.approve', { ...validForms['nominations.approve'](), date: day })).fields, day).toEqual({ date: ['nominations.errors.decisionDate'] });
    }
  });

  it('ids past PostgreSQL integer, or not written as digits', async () => {
    for (const value of [hostile.bigId, hostile.exponent, hostile.hex, hostile.spaced, hostile.pastInteger]) {
      expect((await save({ entryId: value })).fields, value).toEqual({ entryId: ['input.id'] });
      expect((await refusal('entries.confirm', { entryId: value })).fields, value).toEqual({ entryId: ['input.id'] });
    }
    // Path ids: 404.
    const journalist = visitors.get('journalist@demo.vn')!;
    for (const value of [hostile.bigId, hostile.exponent, hostile.pastInteger]) {
      expect((await journalist.get(`/app/entries/${value}`)).status, value).toBe(404);
    }
    expect((await visitors.get('coordinator@demo.vn')!.get(`/app/nominations/${hostile.bigId}/edit`)).status).toBe(404);
  });

  it('a campaign, an entry or a nomination that does not exist: 404', async () => {
    for (const name of ['scoring.setPanel', 'scoring.updateRubric', 'nominations.createBatch', 'scoring.assign', 'scoring.shortlist'] as const) {
      expect((await refusal(name, { ...validForms[name](), campaignId: hostile.missingId })).status, name).toBe(404);
    }
    expect((await refusal('campaigns.update', { ...validForms['campaigns.update'](), id: hostile.missingId })).status).toBe(404);
    expect((await refusal('nominations.approve', { ...validForms['nominations.approve'](), nominationId: hostile.missingId })).status).toBe(404);
  });

  it('points only as plain decimal digits', async () => {
    const [first] = ids.criterionIds;
    for (const value of [hostile.hex, hostile.smallExponent, hostile.spaced, hostile.fraction, hostile.negative]) {
      const answer = await refusal('scoring.save', { ...validForms['scoring.save'](), assignmentId: String(ids.pointsAssignmentId), [`points.${first}`]: value });
      expect(answer.status, value).toBe(400);
      expect(JSON.parse(answer.message!), value).toEqual([expect.objectContaining({ key: 'scoring.errors.pointsRange', field: `points.${first}` })]);
    }
    expect((await refusal('scoring.shortlistBy', { ...validForms['scoring.shortlistBy'](), atLeast: hostile.smallExponent })).fields).toEqual({ atLeast: ['scoring.errors.points'] });
  });

  it('a javascript: address, on a draft too; and one stored before is shown as text, not as a link', async () => {
    for (const url of [hostile.javascriptUrl, hostile.dataUrl, 'JavaScript:alert(1)']) {
      expect((await save({ url })).fields, url).toEqual({ url: ['entries.errors.url'] });
    }
    expect((await refusal('gallery.update', { ...validForms['gallery.update'](), originalUrl: hostile.javascriptUrl })).fields).toEqual({ originalUrl: ['gallery.errors.urlInvalid'] });
    const html = await (await visitors.get('journalist@demo.vn')!.get(`/app/entries/${ids.javascriptEntryId}`)).text();
    expect(html).toContain('javascript:alert(document.cookie)');
    expect(html).not.toMatch(/href="javascript:/i);
  });

  it('stores plain text in NFC without bidi controls', async () => {
    const answer = await save({ title: 'Ha\u0323 Long \u202Egnp.exe\u2066' });
    expect(answer.status).toBe(200);
    const html = await (await visitors.get('journalist@demo.vn')!.get(`/app/entries/${ids.draftId}`)).text();
    expect(html).toContain('Hạ Long gnp.exe');
    expect(html).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });
});

describe('the feed', () => {
  /** The text a reader gets from an element: XML entities decoded once, as an XML parser does. */
  const xmlText = (raw: string) => raw.replace(/&(lt|gt|quot|apos|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name]!);

  it('carries titles and summaries that stay text once a reader decodes them as HTML', async () => {
    const xml = await (await fetch(`${server.origin}/gallery/rss.xml`)).text();
    const items = [...xml.matchAll(/<item>([\s\S]*?)<\/item>/g)].map(([, item]) => ({
      title: xmlText(item.match(/<title>([^<]*)<\/title>/)![1]),
      description: xmlText(item.match(/<description>([^<]*)<\/description>/)![1]),
    }));
    // The newest three are ours; after the XML, what is left is HTML that shows the text as typed.
    const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    expect(items.slice(0, 3).map((i) => i.title)).toEqual([...feedTitles].reverse().map(html));
    expect(items.slice(0, 3).map((i) => i.description)).toEqual(['Một cửa', '&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;', '&lt;img src=x onerror=alert(1)&gt;']);
    for (const item of items) {
      expect(item.title).not.toMatch(/</);
      expect(item.description).not.toMatch(/</);
    }
    expect(xml).not.toContain('<img');
    expect(xml).not.toContain(']]><');
  });
});

describe('hostile input to every Action', () => {
  it('has a valid form for every Action of the permission table', () => {
    expect(Object.keys(validForms).sort()).toEqual(actionNames());
    expect(Object.keys(actionPermissions).sort()).toEqual(actionNames());
  });

  /*
   * The sweep (over 3,000 requests, most of this file's time) runs on one database: PostgreSQL when
   * the run has one (CI), else PGlite. What it tests is the request's way in — form parsing, the
   * Actions' input schemas, the error pages — which is the same code on either database, and
   * nearly every value is refused before any query. What does depend on the database is covered
   * on both above: ids past PostgreSQL integer, rows that do not exist, text stored in NFC, the feed.
   */
  const sweepHere = testDbKind === 'postgres' || !process.env.TEST_DATABASE_URL;
  if (sweepHere) it('never answers 500, nor shows SQL, query parameters or a hash', async () => {
    const names = Object.keys(validForms) as ActionName[];
    const requests = names.flatMap((name) => variants(name).map((v) => ({ name, ...v })));
    const answers = await inTurn(requests, 3, (r) => post(r.name, r.label, { body: r.body(), contentType: r.contentType }));
    const failures = answers.filter((a) => a.status >= 500 || leaks.some((leak) => leak.test(a.text)));
    expect(failures.map((a) => `${a.label}: ${a.status} ${a.text.slice(0, 300)}`)).toEqual([]);
    // Each Action ran as a signed-in role the table allows, so its input was read.
    // (A public Action answers 401 for its own reason: the login refuses a wrong password.)
    expect(answers.filter((a) => a.label.endsWith(' as is') && a.status === 401 && runnerOf(a.name) !== null).map((a) => a.label)).toEqual([]);
    // The server log has the detail of anything unexpected, never a hash.
    expect(server.output()).not.toMatch(/\$argon2/);
    expect(answers.length).toBeGreaterThan(3000);
  }, 600_000);
});

/** What a form-posting person gets back: the field each message is for. */
async function refusal(name: ActionName, form: Form): Promise<{ status: number; fields: Record<string, string[]>; message?: string }> {
  const answer = await post(name, 'exact', { body: body(form), contentType: 'application/x-www-form-urlencoded' });
  const json = JSON.parse(answer.text || '{}') as { fields?: Record<string, string[]>; message?: string };
  return { status: answer.status, fields: json.fields ?? {}, message: json.message };
}
