import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { galleryItems, nominationBatches, nominationEntries, nominations, type Entry } from '../../db/schema';
import type { Database } from '../../db/client';
import { vietnamDay } from '../../src/domain/campaigns/campaigns';
import { createBatch } from '../../src/domain/nominations/decisions';
import { actorFor } from '../support/accounts';
import { demoCampaign } from '../support/campaigns';
import { createEntry } from '../support/entries';
import { signedIn, textOf, Visitor, type Visitor as VisitorType } from '../support/http';
import { onePagePdf } from '../support/pdf';
import { type RunningServer, startServer } from '../support/server';

/**
 * Issue 13 items 2–3 through the built server: a returned nomination is supplemented within its
 * own sent batch (its report takes a new scan, nothing else of the batch does) and never moves to
 * another batch; its award form stays the batch's; a decision is checked (date not in the future,
 * not before sending, one date per number of an authority and year), moves the entries to
 * awarded / not awarded, tells the authors by mail, and is the only source of /results' awards.
 */
const day = (offset: number) => vietnamDay(new Date(Date.now() + offset * 86_400_000));
const sentDaysAgo = 5;
const titles = {
  returned: 'Loạt bài một cửa liên thông Cẩm Phả',
  other: 'Phóng sự dịch vụ công trực tuyến Uông Bí',
  collective: 'Chuyên mục Chính quyền số của Trung tâm',
  rejected: 'Tọa đàm cải cách thủ tục đất đai',
  typed: 'Mô hình chưa từng được đề nghị',
};
const typedAward = 'Bằng khen của Thủ tướng Chính phủ';

const ids = { sentBatch: 0, draftBatch: 0, returned: 0, other: 0, collective: 0, rejected: 0, returnedEntry: 0, rejectedEntry: 0, journalistId: 0 };
let collectiveName = '';
let server: RunningServer;

/** A Bằng khen nomination resting on `entry`, in the sent batch, as sending it leaves it. */
async function sentNomination(db: Database, entry: Entry, nominee: { userId: number } | { organisationId: number }) {
  const coordinator = await actorFor(db, 'coordinator@demo.vn');
  const [row] = await db
    .insert(nominations)
    .values({
      campaignId: entry.campaignId,
      batchId: ids.sentBatch,
      nomineeType: 'userId' in nominee ? 'individual' : 'collective',
      nomineeUserId: 'userId' in nominee ? nominee.userId : null,
      nomineeOrganisationId: 'organisationId' in nominee ? nominee.organisationId : null,
      awardForm: 'provincial_certificate',
      achievementSummary: 'Có tác phẩm tuyên truyền cải cách hành chính được chấm điểm cao.',
      collectiveCriteria: 'organisationId' in nominee ? { completedParTasks: true, metEmulationContent: true, parIndexRating: 'good', evidence: 'Báo cáo CCHC.' } : null,
      eligibilityDeclared: true,
      status: 'sent',
      votesAgree: 7,
      votesAgainst: 0,
      votesAbstaining: 0,
      createdById: coordinator.id,
    })
    .returning();
  await db.insert(nominationEntries).values({ nominationId: row.id, entryId: entry.id, campaignId: entry.campaignId });
  return row.id;
}

beforeAll(async () => {
  server = await startServer({}, {
    prepare: async (db) => {
      const campaign = await demoCampaign(db);
      const coordinator = await actorFor(db, 'coordinator@demo.vn');
      const journalist = await actorFor(db, 'journalist@demo.vn');
      const journalist2 = await actorFor(db, 'journalist2@demo.vn');
      const outlet = await actorFor(db, 'outlet@demo.vn');
      ids.journalistId = journalist.id;
      collectiveName = outlet.organisationName;
      const [sent] = await db
        .insert(nominationBatches)
        .values({ campaignId: campaign.id, title: 'Đợt trình tháng 11', status: 'sent', sentAt: new Date(Date.now() - sentDaysAgo * 86_400_000), createdById: coordinator.id })
        .returning();
      ids.sentBatch = sent.id;
      ids.draftBatch = (await createBatch(db, coordinator, campaign.id, 'Đợt trình bổ sung')).id;

      const returnedEntry = await createEntry(db, 'journalist@demo.vn', { status: 'shortlisted', title: titles.returned });
      ids.returnedEntry = returnedEntry.id;
      ids.returned = await sentNomination(db, returnedEntry, { userId: journalist.id });
      ids.other = await sentNomination(db, await createEntry(db, 'journalist2@demo.vn', { status: 'shortlisted', title: titles.other }), { userId: journalist2.id });
      const collectiveEntry = await createEntry(db, 'outlet@demo.vn', { status: 'shortlisted', title: titles.collective, collective: true });
      ids.collective = await sentNomination(db, collectiveEntry, { organisationId: outlet.organisationId });
      const rejectedEntry = await createEntry(db, 'journalist@demo.vn', { status: 'shortlisted', title: titles.rejected });
      ids.rejectedEntry = rejectedEntry.id;
      ids.rejected = await sentNomination(db, rejectedEntry, { userId: journalist.id });

      // The returned nomination's work is in the gallery (no award line yet); a never-nominated
      // work has an award typed straight into its row, as the old free-text field allowed.
      const published = { published: true, publishedAt: new Date('2024-11-20T08:00:00+07:00'), createdById: coordinator.id, year: 2024 };
      await db.insert(galleryItems).values({ entryId: returnedEntry.id, slug: 'mot-cua-cam-pha', title: titles.returned, kind: 'article', organisationId: returnedEntry.organisationId, ...published });
      const typed = await createEntry(db, 'journalist2@demo.vn', { status: 'scored', title: titles.typed });
      await db.insert(galleryItems).values({ entryId: typed.id, slug: 'mo-hinh-chua-de-nghi', title: titles.typed, kind: 'article', organisationId: typed.organisationId, award: typedAward, ...published });
    },
  });
});
afterAll(() => server?.stop());

const form = (visitor: VisitorType, path: string, body: Record<string, string>) =>
  visitor.request(path, { method: 'POST', body: new URLSearchParams(body), headers: { origin: server.origin, 'content-type': 'application/x-www-form-urlencoded' } });

function scan(visitor: VisitorType, query: string) {
  const body = new FormData();
  body.append('file', new Blob([new Uint8Array(onePagePdf('Báo cáo thành tích đã bổ sung'))], { type: 'application/pdf' }), 'bao-cao-bo-sung.pdf');
  return visitor.request(`/app/dossiers/${ids.sentBatch}/scan?${query}`, { method: 'POST', body, headers: { origin: server.origin, accept: 'application/json' } });
}

describe('a nomination returned for supplement', () => {
  it('stays in its sent batch, keeps the batch’s award form, and reopens only its own report', async () => {
    const appraiser = await signedIn(server.origin, 'appraiser@demo.vn');
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    expect((await appraiser.post(`/app/appraisal/${ids.returned}?_action=nominations.returnForSupplement`, { nominationId: String(ids.returned), reason: 'Bổ sung báo cáo thành tích có xác nhận.' })).status).toBe(302);

    // The two-batch case: moving it into a draft batch is refused, naming the batch it stays in.
    const moved = await form(coordinator, '/app/nominations?_action=nominations.addToBatch', { batchId: String(ids.draftBatch), nominationIds: String(ids.returned) });
    expect(moved.status).toBe(409);
    expect(await textOf(moved)).toContain(`Đề nghị số ${ids.returned} thuộc đợt trình “Đợt trình tháng 11” đã gửi cơ quan thẩm định, không chuyển sang đợt khác được`);
    // Home Affairs still sees it in the batch it received, and the draft batch stays empty.
    expect((await appraiser.get(`/app/appraisal/${ids.returned}`)).status).toBe(200);
    const empty = await form(coordinator, '/app/nominations?_action=nominations.sendBatch', { batchId: String(ids.draftBatch) });
    expect(empty.status).toBe(409);
    expect(await textOf(empty)).toContain('Đợt trình chưa có đề nghị nào.');

    // Its award form cannot leave the batch's while it is in the batch.
    const edit = {
      nominationId: String(ids.returned),
      nomineeType: 'individual',
      nomineeUserId: String(ids.journalistId),
      awardForm: 'department_certificate',
      entryIds: String(ids.returnedEntry),
      achievementSummary: 'Loạt bài có sức lan tỏa; đã bổ sung xác nhận.',
      eligibilityDeclared: 'on',
    };
    const changedForm = await form(coordinator, `/app/nominations/${ids.returned}/edit?_action=nominations.update`, edit);
    expect(changedForm.status).toBe(409);
    expect(await textOf(changedForm)).toContain('Đề nghị đã thuộc một đợt trình Bằng khen, không đổi hình thức khen thưởng được.');
    expect((await form(coordinator, `/app/nominations/${ids.returned}/edit?_action=nominations.update`, { ...edit, awardForm: 'provincial_certificate' })).status).toBe(302);

    // Its own report takes a new signed scan; another nominee's report and the batch's documents stay as sent.
    expect((await scan(coordinator, `document=report&nomination=${ids.returned}`)).status).toBe(201);
    for (const query of [`document=report&nomination=${ids.other}`, 'document=proposal', 'document=minutes']) {
      const refused = await scan(coordinator, query);
      expect(refused.status, query).toBe(409);
    }
    const dossier = await (await coordinator.get(`/app/dossiers/${ids.sentBatch}`)).text();
    const uploads = [...dossier.matchAll(/action="[^"]*\/scan\?([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
    expect(uploads).toEqual([`document=report&nomination=${ids.returned}`]);

    // Resent from its own batch: the timeline keeps the return, then the resending; the report is read-only again.
    expect((await form(coordinator, `/app/nominations/${ids.returned}?_action=nominations.resend`, { nominationId: String(ids.returned) })).status).toBe(302);
    expect((await scan(coordinator, `document=report&nomination=${ids.returned}`)).status).toBe(409);
    const page = await textOf(await coordinator.get(`/app/nominations/${ids.returned}`));
    const returnedAt = page.indexOf('trả lại để bổ sung');
    expect(returnedAt).toBeGreaterThan(-1);
    expect(page.indexOf('trình cơ quan thẩm định', returnedAt)).toBeGreaterThan(returnedAt);
  });
});

describe('recording the decision', () => {
  const approve = (appraiser: VisitorType, id: number, number: string, date: string) =>
    form(appraiser, `/app/appraisal/${id}?_action=nominations.approve`, { nominationId: String(id), number, date, confirmed: '1' });

  it('refuses a date in the future, a date before sending and a number already given another date', async () => {
    const appraiser = await signedIn(server.origin, 'appraiser@demo.vn');
    const future = await approve(appraiser, ids.other, '901/QĐ-UBND', day(1));
    expect(future.status).toBe(400);
    expect(await textOf(future)).toContain('Ngày quyết định không được sau ngày hôm nay.');
    const early = await approve(appraiser, ids.other, '901/QĐ-UBND', day(-sentDaysAgo - 1));
    expect(early.status).toBe(400);
    expect(await textOf(early)).toContain(`Ngày quyết định không được trước ngày trình hồ sơ sang cơ quan thẩm định (${day(-sentDaysAgo).split('-').reverse().join('/')}).`);

    expect((await approve(appraiser, ids.other, '901/QĐ-UBND', day(-2))).status).toBe(302);
    const taken = await approve(appraiser, ids.returned, '901/QĐ-UBND', day(-1));
    expect(taken.status).toBe(409);
    expect(await textOf(taken)).toContain(`Số quyết định 901/QĐ-UBND của cơ quan khen thưởng trong năm đã được ghi với ngày ${day(-2).split('-').reverse().join('/')}`);
    // The same decision, with its own date, awards several nominees.
    expect((await approve(appraiser, ids.returned, '901/QĐ-UBND', day(-2))).status).toBe(302);
    expect((await approve(appraiser, ids.collective, '902/QĐ-UBND', day(0))).status).toBe(302);
    expect((await form(appraiser, `/app/appraisal/${ids.rejected}?_action=nominations.reject`, { nominationId: String(ids.rejected), reason: 'Thành tích chưa tiêu biểu ở cấp tỉnh.', confirmed: '1' })).status).toBe(302);
  });

  it('moves the entries to awarded or not awarded and tells the authors, by mail too', async () => {
    const journalist = await signedIn(server.origin, 'journalist@demo.vn');
    expect(await textOf(await journalist.get(`/app/entries/${ids.returnedEntry}`))).toContain('Được khen thưởng');
    expect(await textOf(await journalist.get(`/app/entries/${ids.rejectedEntry}`))).toContain('Không được khen thưởng');
    expect(await textOf(await journalist.get('/app'))).toContain('Đề nghị khen thưởng đã được quyết định (901/QĐ-UBND).');
    const admin = await signedIn(server.origin, 'admin@demo.vn');
    expect(await textOf(await admin.get('/app/admin/outbox'))).toContain('901/QĐ-UBND');
  });

  it('is the only source of /results and of the gallery’s award line', async () => {
    const visitor = new Visitor(server.origin);
    const html = await (await visitor.get('/results/2024')).text();
    const awarded = html.match(/<table class="awarded-table[\s\S]*?<\/table>/)?.[0] ?? '';
    const text = await textOf(new Response(awarded));
    for (const part of ['Trần Thị Thu Hà', collectiveName, 'tập thể', 'Số 901/QĐ-UBND', 'Số 902/QĐ-UBND', titles.returned]) expect(text).toContain(part);
    expect(awarded).toContain('href="/gallery/mot-cua-cam-pha"');
    // Typing an award on a gallery item makes no award; a rejected nomination is none either.
    expect(html).not.toContain(typedAward);
    expect(html).not.toContain(titles.typed);
    expect(text).not.toContain(titles.rejected);
    const english = await textOf(await visitor.get('/en/results/2024'));
    expect(english).toContain('Awarded collectives and individuals');
    expect(english).toContain('No. 902/QĐ-UBND');

    // The awarded work's gallery page shows the decision's award line; the curator's form has no award to type.
    expect(await textOf(await visitor.get('/gallery/mot-cua-cam-pha'))).toContain('Bằng khen của Chủ tịch UBND tỉnh (Quyết định số 901/QĐ-UBND)');
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const list = await coordinator.get('/app/gallery');
    const itemId = (await list.text()).match(/href="\/app\/gallery\/(\d+)"[^>]*>[^<]*Loạt bài một cửa liên thông Cẩm Phả/)?.[1];
    expect(itemId).toBeDefined();
    const editForm = await (await coordinator.get(`/app/gallery/${itemId}`)).text();
    expect(editForm).not.toContain('name="award"');
    expect(editForm).toContain('Bằng khen của Chủ tịch UBND tỉnh (Quyết định số 901/QĐ-UBND)');
  });
});
