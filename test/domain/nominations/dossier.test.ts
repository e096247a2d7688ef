import { eq } from 'drizzle-orm';
import { unzipSync, strFromU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { assignments, nominationBatches, nominations, organisationNames, organisations, users, type Campaign } from '../../../db/schema';
import { updateOrganisation } from '../../../src/domain/organisations/organisations';
import { addToBatch, createBatch } from '../../../src/domain/nominations/decisions';
import { dossierFor, dossierOf, oneLineAchievement, type Dossier } from '../../../src/domain/nominations/dossier/data';
import { renderDossierDocx } from '../../../src/domain/nominations/dossier/docx';
import { dossierFileName } from '../../../src/domain/nominations/dossier/documents';
import { renderDossierHtml } from '../../../src/domain/nominations/dossier/html';
import { dossierParts } from '../../../src/domain/nominations/dossier/scans';
import { batchList } from '../../../src/domain/nominations/batch-export';
import { vietnameseDate } from '../../../src/domain/nominations/dossier/templates/administrative';
import { createNomination } from '../../../src/domain/nominations/nominations';
import { translator } from '../../../src/i18n';
import { actorFor } from '../../support/accounts';
import { demoCampaign } from '../../support/campaigns';
import { countedDatabase } from '../../support/counted-database';
import { testDatabase, useTestDatabase } from '../../support/database';
import { createEntry } from '../../support/entries';
import { collectiveNominationOf, individualNomination } from '../../support/nominations';
import { refusal } from '../../support/refusal';

const handle = useTestDatabase();
let campaign: Campaign;
beforeAll(async () => {
  campaign = await demoCampaign(handle.db);
});


/** Submitted totals from the three demo scorers, as the scoring pages would leave them. */
async function score(db: Database, entryId: number, totals: number[]) {
  const scorers = await Promise.all(['scorer1@demo.vn', 'scorer2@demo.vn', 'scorer3@demo.vn'].map((email) => actorFor(db, email)));
  const at = new Date('2024-10-20T03:00:00Z');
  await db.insert(assignments).values(totals.map((total, i) => ({ entryId, scorerId: scorers[i].id, assignedAt: at, scoreStatus: 'submitted' as const, total, submittedAt: at })));
}

/**
 * A batch with an individual (two scored entries) and a collective (one), the review meeting
 * and the votes recorded, and an entry of another outlet ranked above them all.
 */
async function scoredBatch(db: Database, { individualName }: { individualName?: string } = {}) {
  const coordinator = await actorFor(db, 'coordinator@demo.vn');
  const journalist = await actorFor(db, 'journalist@demo.vn');
  if (individualName) await db.update(users).set({ name: individualName }).where(eq(users.id, journalist.id));
  const best = await createEntry(db, 'journalist2@demo.vn', { status: 'scored', title: 'Cẩm Phả số hóa một cửa' });
  await score(db, best.id, [95, 95, 95]);
  const first = await createEntry(db, 'journalist@demo.vn', {
    status: 'shortlisted',
    title: 'Hạ Long: “một cửa” không giấy tờ',
    pressType: 'online',
    programme: 'Cải cách hành chính',
    publishedOn: '2024-05-10',
    url: 'https://baohalong.vn/cai-cach/mot-cua-khong-giay-to',
  });
  await score(db, first.id, [80, 90, 85]);
  const second = await createEntry(db, 'journalist@demo.vn', { status: 'shortlisted', title: 'Dịch vụ công trực tuyến toàn trình', pressType: 'television', publishedOn: '2024-08-02' });
  await score(db, second.id, [70, 72, 74]);
  const agency = await createEntry(db, 'outlet@demo.vn', { status: 'shortlisted', collective: true, title: 'Chuyên trang Cải cách hành chính', pressType: 'online', publishedOn: '2024-03-01' });
  await score(db, agency.id, [60, 62, 64]);

  const person = await createNomination(db, coordinator, {
    campaignId: campaign.id,
    nominee: { type: 'individual', userId: journalist.id },
    awardForm: 'provincial_certificate',
    entryIds: [first.id, second.id],
    achievementSummary: 'Có loạt bài tuyên truyền cải cách hành chính hiệu quả, được bạn đọc đón nhận.\nBài viết phản ánh kịp thời vướng mắc của người dân.',
    eligibilityDeclared: true,
  });
  const collective = await createNomination(
    db,
    coordinator,
    await collectiveNominationOf(db, 'outlet@demo.vn', agency, {
      campaignId: campaign.id,
      collectiveCriteria: { completedParTasks: true, metEmulationContent: true, parIndexRating: 'fair', evidence: 'Chỉ số CCHC năm 2023 đạt 85,2 điểm.' },
    }),
  );
  const batch = await createBatch(db, coordinator, campaign.id, 'Đợt trình tháng 12/2024');
  await addToBatch(db, coordinator, batch.id, [person.id, collective.id]);
  await db
    .update(nominationBatches)
    .set({
      proposalNumber: '125',
      proposalDate: '2024-12-05',
      meetingDate: '2024-11-28',
      meetingPlace: 'Phòng họp tầng 3, Sở Thông tin và Truyền thông',
      membersPresent: 'Bùi Thanh Hương – Phó Giám đốc Sở, Chủ tịch Hội đồng\nHoàng Minh Tuấn – Trưởng phòng Thông tin – Báo chí\n\n  Đỗ Quang Huy – Chuyên viên, Thư ký  ',
      meetingChair: 'Bùi Thanh Hương',
      meetingSecretary: 'Đỗ Quang Huy',
      councilMembership: 9,
      membersPresentCount: 9,
      votingMethod: 'secret_ballot',
    })
    .where(eq(nominationBatches.id, batch.id));
  await db.update(nominations).set({ votesAgree: 7, votesAgainst: 2, votesAbstaining: 0 }).where(eq(nominations.id, person.id));
  await db.update(nominations).set({ votesAgree: 9, votesAgainst: 0, votesAbstaining: 0 }).where(eq(nominations.id, collective.id));
  return { batchId: batch.id, person: person.id, collective: collective.id, entries: { best, first, second, agency } };
}

/** The text of a DOCX: the `w:t` runs of word/document.xml, a line per paragraph, entities decoded. */
function docxFiles(buffer: Buffer) {
  const files = unzipSync(new Uint8Array(buffer));
  return { document: strFromU8(files['word/document.xml']), styles: strFromU8(files['word/styles.xml']), names: Object.keys(files) };
}

/** Each of `expected` stands as a whole paragraph of the document's text (not merely inside one). */
function expectParagraphs(text: string, expected: string[]) {
  const lines = text.split('\n');
  for (const line of expected) {
    expect(lines).toContain(line);
  }
}

function docxText(buffer: Buffer): string {
  const xml = docxFiles(buffer).document;
  return xml
    .split('</w:p>')
    .map((paragraph) =>
      [...paragraph.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
        .map((m) => m[1])
        .join('')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&'),
    )
    .filter(Boolean)
    .join('\n');
}

describe('the dossier of a batch', () => {
  let fixture: Awaited<ReturnType<typeof scoredBatch>>;
  let dossier: Dossier;
  beforeAll(async () => {
    fixture = await scoredBatch(handle.db);
    dossier = await dossierOf(handle.db, fixture.batchId);
  });

  it('gathers the batch, the departments and the nominees, collectives first, with their entries ranked campaign-wide', () => {
    expect(dossier.batch).toMatchObject({
      title: 'Đợt trình tháng 12/2024',
      status: 'draft',
      proposalNumber: '125',
      proposalDate: '2024-12-05',
      meetingDate: '2024-11-28',
      membersPresent: [
        'Bùi Thanh Hương – Phó Giám đốc Sở, Chủ tịch Hội đồng',
        'Hoàng Minh Tuấn – Trưởng phòng Thông tin – Báo chí',
        'Đỗ Quang Huy – Chuyên viên, Thư ký',
      ],
    });
    expect(dossier.campaign).toEqual({ id: campaign.id, year: 2024, title: 'Phong trào thi đua “Đẩy mạnh cải cách hành chính” năm 2024 – khối báo chí', postingWindowDays: 10 });
    expect(dossier.posting).toBeNull();
    expect(dossier.proposingBody).toBe('Sở Thông tin và Truyền thông tỉnh Quảng Ninh');
    expect(dossier.appraisingBody).toBe('Sở Nội vụ tỉnh Quảng Ninh');
    expect(dossier.regime).toMatchObject({ id: 'nd98-2023', decree: 'Nghị định số 98/2023/NĐ-CP', reportForm: 'Mẫu số 08' });
    expect(dossier.awardingBody).toMatchObject({ name: 'Ủy ban nhân dân tỉnh Quảng Ninh', shortName: 'UBND tỉnh Quảng Ninh' });
    expect(dossier.scans).toEqual([]);

    expect(dossier.nominees.map((n) => [n.nominationId, n.type, n.name, n.position, n.unit, n.vote, n.outcome])).toEqual([
      [fixture.collective, 'collective', 'Báo Hạ Long điện tử', null, null, { for: 9, against: 0, abstaining: 0 }, 'proposed'],
      [fixture.person, 'individual', 'Trần Thị Thu Hà', 'Phóng viên', 'Báo Hạ Long điện tử', { for: 7, against: 2, abstaining: 0 }, 'proposed'],
    ]);
    const [collective, person] = dossier.nominees;
    expect(person.achievementLine).toBe('Có loạt bài tuyên truyền cải cách hành chính hiệu quả, được bạn đọc đón nhận.');
    expect(collective.collectiveCriteria?.parIndexRating).toBe('fair');
    // Ranked among the four scored entries of the campaign, the other outlet's first.
    expect(person.entries).toEqual([
      {
        entryId: fixture.entries.first.id,
        kind: 'article',
        title: 'Hạ Long: “một cửa” không giấy tờ',
        pressType: 'online',
        programme: 'Cải cách hành chính',
        publishedOn: '2024-05-10',
        url: 'https://baohalong.vn/cai-cach/mot-cua-khong-giay-to',
        collective: false,
        organisationName: 'Báo Hạ Long điện tử',
        authors: ['Trần Thị Thu Hà'],
        score: { count: 3, result: 85, rank: 2, rankedCount: 4 },
      },
      expect.objectContaining({ entryId: fixture.entries.second.id, publishedOn: '2024-08-02', score: { count: 3, result: 72, rank: 3, rankedCount: 4 } }),
    ]);
    expect(collective.entries.map((e) => [e.title, e.collective, e.score])).toEqual([['Chuyên trang Cải cách hành chính', true, { count: 3, result: 62, rank: 4, rankedCount: 4 }]]);
  });

  it('is read by the coordinator, and by Home Affairs only once the batch is sent', async () => {
    const appraiser = await actorFor(handle.db, 'appraiser@demo.vn');
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    expect((await refusal(dossierFor(handle.db, appraiser, fixture.batchId))).code).toBe('NOT_FOUND');
    expect((await refusal(dossierFor(handle.db, journalist, fixture.batchId))).code).toBe('FORBIDDEN');
    expect((await dossierFor(handle.db, await actorFor(handle.db, 'coordinator@demo.vn'), fixture.batchId)).nominees).toHaveLength(2);
    expect((await refusal(dossierOf(handle.db, 999_999))).code).toBe('NOT_FOUND');
  });

  it('drafts the proposal letter as a Word file: Decree 30 masthead, number, date, the nominees listed', async () => {
    const file = await renderDossierDocx(dossier, 'proposal');
    const { document, styles, names } = docxFiles(file);
    expect(names).toContain('word/header1.xml');
    // A4 portrait, left margin 30 mm, Times New Roman 14 pt
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(document).toMatch(/w:left="1701"/);
    expect(styles).toContain('w:ascii="Times New Roman"');
    expect(styles).toMatch(/<w:sz w:val="28"\/>/);
    expect(document.match(/<w:tbl>/g)).toHaveLength(3); // masthead, nominee list, signatures
    const text = docxText(file);
    expectParagraphs(text, [
      'UBND TỈNH QUẢNG NINH',
      'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
      'Số: 125/TTr-STTTT',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Quảng Ninh, ngày 05 tháng 12 năm 2024',
      'TỜ TRÌNH',
      'Về việc đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh cho các tập thể, cá nhân có thành tích trong phong trào thi đua “Đẩy mạnh cải cách hành chính” năm 2024 – khối báo chí',
      'Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Quảng Ninh',
      '(qua Sở Nội vụ tỉnh Quảng Ninh)',
      'Căn cứ Kế hoạch số 40/KH-UBND ngày 19 tháng 02 năm 2024 của Ủy ban nhân dân tỉnh phát động phong trào thi đua “Đẩy mạnh cải cách hành chính” trên địa bàn tỉnh Quảng Ninh năm 2024;',
      'Căn cứ kết quả họp xét của Hội đồng Thi đua – Khen thưởng Sở Thông tin và Truyền thông ngày 28 tháng 11 năm 2024;',
      'Sở Thông tin và Truyền thông tỉnh Quảng Ninh kính trình Chủ tịch Ủy ban nhân dân tỉnh Quảng Ninh xem xét, tặng Bằng khen của Chủ tịch UBND tỉnh cho 01 tập thể và 01 cá nhân đã có thành tích trong phong trào thi đua “Đẩy mạnh cải cách hành chính” năm 2024 – khối báo chí, cụ thể như sau:',
      'Có loạt bài tuyên truyền cải cách hành chính hiệu quả, được bạn đọc đón nhận.',
      'GIÁM ĐỐC',
    ]);
    // The list: a row per nominee, numbered, in the dossier's order (a collective has no position).
    expect(text).toContain('1\nBáo Hạ Long điện tử\nBằng khen của Chủ tịch UBND tỉnh\nCơ quan hoàn thành xuất sắc nhiệm vụ tuyên truyền CCHC năm 2024.');
    expect(text).toContain('2\nTrần Thị Thu Hà\nPhóng viên, Báo Hạ Long điện tử\nBằng khen của Chủ tịch UBND tỉnh\n');
  });

  it('drafts the minutes with the meeting and each nominee’s vote', async () => {
    const text = docxText(await renderDossierDocx(dossier, 'minutes'));
    expectParagraphs(text, [
      'HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG',
      'Quảng Ninh, ngày 28 tháng 11 năm 2024',
      'BIÊN BẢN',
      'Địa điểm: Phòng họp tầng 3, Sở Thông tin và Truyền thông',
      'Chủ trì: Bùi Thanh Hương',
      'Thư ký: Đỗ Quang Huy',
      'Thành phần tham dự: 09/09 thành viên Hội đồng, gồm:',
      '- Hoàng Minh Tuấn – Trưởng phòng Thông tin – Báo chí',
      'CHỦ TỊCH HỘI ĐỒNG',
    ]);
    expect(text).toContain('Báo Hạ Long điện tử\nBằng khen của Chủ tịch UBND tỉnh\n9/9\n0\n0\n100,00%\nĐề nghị khen thưởng');
    expect(text).toContain('Trần Thị Thu Hà\nPhóng viên, Báo Hạ Long điện tử\nBằng khen của Chủ tịch UBND tỉnh\n7/9\n2\n0\n77,78%\nĐề nghị khen thưởng');
    expect(text).toContain('bỏ phiếu kín');
    expect(text).toContain('trình khen thưởng 02 tập thể, cá nhân đạt tỷ lệ phiếu đồng ý: Báo Hạ Long điện tử; Trần Thị Thu Hà.');
    expect(text).not.toContain('thống nhất');
  });

  it('drafts a person’s achievement report after Mẫu 08 of Decree 98/2023, with the entries and their scores', async () => {
    const text = docxText(await renderDossierDocx(dossier, 'report', fixture.person));
    expectParagraphs(text, [
      'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
      'BÁO HẠ LONG ĐIỆN TỬ',
      'Độc lập - Tự do - Hạnh phúc',
      'Quảng Ninh, ngày …… tháng …… năm ……',
      'BÁO CÁO THÀNH TÍCH',
      'Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh',
      'trong phong trào thi đua “Đẩy mạnh cải cách hành chính” năm 2024 – khối báo chí',
      'Trần Thị Thu Hà – Phóng viên, Báo Hạ Long điện tử',
      'I. SƠ LƯỢC LÝ LỊCH',
      'Họ và tên: Trần Thị Thu Hà',
      // not stored: left to fill in by hand
      'Ngày, tháng, năm sinh: ……………………………………………………',
      'Đơn vị công tác: Báo Hạ Long điện tử',
      'Chức vụ (Đảng, chính quyền, đoàn thể): Phóng viên',
      'II. THÀNH TÍCH ĐẠT ĐƯỢC',
      'Bài viết phản ánh kịp thời vướng mắc của người dân.',
      '2. Tác phẩm, sáng kiến tham gia phong trào thi đua (02)',
      'NGƯỜI BÁO CÁO THÀNH TÍCH',
      'XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG',
    ]);
    expect(text).toContain(
      '1\nHạ Long: “một cửa” không giấy tờ\nChuyên mục, chương trình: Cải cách hành chính\nhttps://baohalong.vn/cai-cach/mot-cua-khong-giay-to\nBáo điện tử\n10/05/2024\n85,00\n2/4',
    );
    expect(text).toContain('2\nDịch vụ công trực tuyến toàn trình\nTruyền hình\n02/08/2024\n72,00\n3/4');
    expect(text).not.toContain('Chuyên trang Cải cách hành chính');
  });

  it('drafts a collective’s report with dotted lines for what the platform does not hold, and its criteria', async () => {
    expectParagraphs(docxText(await renderDossierDocx(dossier, 'report', fixture.collective)), [
      'Báo Hạ Long điện tử',
      'I. THÔNG TIN CHUNG',
      'Tên đơn vị: Báo Hạ Long điện tử',
      'Địa chỉ trụ sở: ……………………………………………………',
      'Tổng số cán bộ, công chức, viên chức và người lao động: ……………………………………………………',
      '- Chỉ số cải cách hành chính năm 2023: Khá.',
      '- Minh chứng: Chỉ số CCHC năm 2023 đạt 85,2 điểm.',
      'THỦ TRƯỞNG ĐƠN VỊ',
    ]);
  });

  it('prints every report at once, each on its own page; refuses a nominee of another batch', async () => {
    const file = await renderDossierDocx(dossier, 'report');
    const text = docxText(file);
    expect(text.split('\n').filter((l) => l === 'BÁO CÁO THÀNH TÍCH')).toHaveLength(2);
    expect(docxFiles(file).document.match(/<w:br w:type="page"\/>/g)).toHaveLength(1);
    expect((await refusal(renderDossierDocx(dossier, 'report', 999_999))).key).toBe('nominations.dossier.errors.notInBatch');
  });

  it('gives the HTML the same content as the Word file', () => {
    const html = renderDossierHtml(dossier, 'report', fixture.person);
    expect(html.startsWith('<article class="dossier" lang="vi" aria-label="Báo cáo thành tích – Trần Thị Thu Hà">')).toBe(true);
    expect(html).toContain('<strong><span class="dossier-pt-13">Độc lập - Tự do - Hạnh phúc</span></strong>');
    expect(html).toContain('<table class="dossier-table"><colgroup><col class="dossier-w-10">');
    expect(html).toContain('<td class="dossier-align-center"><span class="dossier-line">85,00</span></td>');
    expect(html).toContain('<hr class="dossier-rule dossier-w-65">');
    expect(html).not.toMatch(/style=/);
    expect(renderDossierHtml(dossier, 'minutes')).toContain('<span class="dossier-line">77,78%</span>');
  });

  it('names downloads after the document and the batch, without characters file systems refuse', () => {
    const t = translator('vi');
    expect(dossierFileName(dossier, 'proposal', 'docx', t)).toBe('Tờ trình đề nghị khen thưởng – Đợt trình tháng 12-2024.docx');
    expect(dossierFileName(dossier, 'report', 'pdf', t, fixture.person)).toBe('Báo cáo thành tích – Trần Thị Thu Hà.pdf');
  });
});

describe('what the vote decided', () => {
  // Both regimes draft the minutes from the same data: a proposal of 2024 (Decree 98/2023) and one of 2025 (Decree 152/2025).
  for (const [regime, proposalDate, meetingDate] of [
    ['nd98-2023', '2024-12-05', '2024-11-28'],
    ['nd152-2025', '2025-12-03', '2025-12-01'],
  ] as const) {
    it(`under ${regime}, a nominee below the threshold is "not proposed" in the minutes and absent from the letter, the list and the reports`, async () => {
      const db = await testDatabase();
      try {
        const { batchId, person, collective } = await scoredBatch(db.db);
        // 6 of 9 for, short of 70% of the council (7)
        await db.db.update(nominationBatches).set({ proposalDate, meetingDate }).where(eq(nominationBatches.id, batchId));
        await db.db.update(nominations).set({ votesAgree: 6, votesAgainst: 2, votesAbstaining: 1 }).where(eq(nominations.id, person));
        const dossier = await dossierOf(db.db, batchId);
        expect(dossier.regime.id).toBe(regime);
        expect(dossier.nominees.map((n) => [n.nominationId, n.outcome])).toEqual([
          [collective, 'proposed'],
          [person, 'notProposed'],
        ]);
        const minutes = docxText(await renderDossierDocx(dossier, 'minutes'));
        expect(minutes).toContain('Trần Thị Thu Hà\nPhóng viên, Báo Hạ Long điện tử\nBằng khen của Chủ tịch UBND tỉnh\n6/9\n2\n1\n66,67%\nKhông đề nghị');
        expect(minutes).toContain('Không đề nghị khen thưởng 01 tập thể, cá nhân không đạt tỷ lệ phiếu đồng ý: Trần Thị Thu Hà.');
        expect(minutes).toContain('trình khen thưởng 01 tập thể, cá nhân đạt tỷ lệ phiếu đồng ý: Báo Hạ Long điện tử.');
        expect(minutes).not.toContain('thống nhất');
        expect(renderDossierHtml(dossier, 'minutes')).toContain('Không đề nghị');
        const proposal = docxText(await renderDossierDocx(dossier, 'proposal'));
        expect(proposal).toContain('Báo Hạ Long điện tử');
        expect(proposal).not.toContain('Trần Thị Thu Hà');
        expect(renderDossierHtml(dossier, 'proposal')).not.toContain('Trần Thị Thu Hà');
        expect(dossierParts(dossier).map((p) => [p.document, p.nominationId])).toEqual([
          ['proposal', null],
          ['minutes', null],
          ['report', collective],
        ]);
        expect(batchList(dossier, translator('vi')).table.rows.map((r) => r[1])).toEqual(['Báo Hạ Long điện tử']);
        // Without a quorum (5 of 9 is below 2/3), nobody is proposed and the minutes say why.
        await db.db.update(nominationBatches).set({ membersPresentCount: 5 }).where(eq(nominationBatches.id, batchId));
        await db.db.update(nominations).set({ votesAgree: 5, votesAgainst: 0, votesAbstaining: 0 }).where(eq(nominations.batchId, batchId));
        const inquorate = await dossierOf(db.db, batchId);
        expect(inquorate.proposed).toEqual([]);
        const text = docxText(await renderDossierDocx(inquorate, 'minutes'));
        expect(text).toContain('Cuộc họp có 05/09 thành viên tham dự, không đủ ít nhất 2/3 tổng số thành viên Hội đồng');
        expect(text).not.toContain('thống nhất');
      } finally {
        await db.close();
      }
    });
  }
});

describe('what people typed stays text', () => {
  it('escapes a nominee’s name in the HTML and keeps it literal in the Word file', async () => {
    const db = await testDatabase();
    try {
      const { batchId, person } = await scoredBatch(db.db, { individualName: '<script>alert(1)</script>' });
      await db.db.update(nominations).set({ achievementSummary: 'Bài "Một cửa" & \'dịch vụ công\' <b>nổi bật</b>' }).where(eq(nominations.id, person));
      const dossier = await dossierOf(db.db, batchId);
      for (const document of ['proposal', 'minutes', 'report'] as const) {
        const html = renderDossierHtml(dossier, document, document === 'report' ? person : undefined);
        expect(html).not.toContain('<script');
        expect(html).not.toContain('<b>');
        expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      }
      expect(renderDossierHtml(dossier, 'report', person)).toContain('Bài &quot;Một cửa&quot; &amp; &#39;dịch vụ công&#39; &lt;b&gt;nổi bật&lt;/b&gt;');
      const file = await renderDossierDocx(dossier, 'report', person);
      expect(docxFiles(file).document).not.toContain('<script>');
      expect(docxText(file).split('\n')).toContain('Họ và tên: <script>alert(1)</script>');
    } finally {
      await db.close();
    }
  });
});

describe('administrative details', () => {
  it('writes dates as Decree 30/2020 does: a leading zero for days below 10 and for January and February', () => {
    expect(vietnameseDate('2024-11-05')).toBe('ngày 05 tháng 11 năm 2024');
    expect(vietnameseDate('2024-02-15')).toBe('ngày 15 tháng 02 năm 2024');
    expect(vietnameseDate('2024-03-20')).toBe('ngày 20 tháng 3 năm 2024');
    expect(vietnameseDate(null)).toBe('ngày …… tháng …… năm ……');
  });

  it('takes one line of the achievement for lists, cut at a word', () => {
    expect(oneLineAchievement('\n  Dòng   đầu.  \nDòng hai.')).toBe('Dòng đầu.');
    const long = `${'cải cách '.repeat(40)}hành chính`;
    const line = oneLineAchievement(long);
    const kept = line.slice(0, -1);
    expect(line.endsWith('…')).toBe(true);
    expect(long.startsWith(`${kept} `)).toBe(true);
    expect(Array.from(kept).length).toBeLessThanOrEqual(240);
    expect(Array.from(kept).length).toBeGreaterThan(230);
  });
});

describe('the cost of a dossier', () => {
  it('runs the same number of queries for two nominees as for six', async () => {
    const counted = await countedDatabase();
    try {
      campaign = await demoCampaign(counted.db);
      const { batchId } = await scoredBatch(counted.db);
      const fewQueries = await counted.countQueries(async () => {
        expect((await dossierOf(counted.db, batchId)).nominees).toHaveLength(2);
      });

      const coordinator = await actorFor(counted.db, 'coordinator@demo.vn');
      const more: number[] = [];
      for (const email of ['journalist@demo.vn', 'journalist2@demo.vn', 'journalist2@demo.vn', 'journalist@demo.vn']) {
        const input = await individualNomination(counted.db, email, { achievementSummary: 'Thành tích.' });
        await score(counted.db, input.entryIds[0], [50, 60, 70]);
        more.push((await createNomination(counted.db, coordinator, input)).id);
      }
      await addToBatch(counted.db, coordinator, batchId, more);
      const manyQueries = await counted.countQueries(async () => {
        expect((await dossierOf(counted.db, batchId)).nominees).toHaveLength(6);
      });
      expect(manyQueries).toBe(fewQueries);
      // the batch; nominees, entries, authors, departments, the campaign's bodies (current names and
      // former ones), scans; the ranking (one query)
      expect(fewQueries).toBe(8);
    } finally {
      await counted.close();
      campaign = await demoCampaign(handle.db);
    }
  });
});

describe('the legal regime of the proposal date', () => {
  it('drafts under Decree 98/2023 until 30/06/2025 and under Decree 152/2025 from 01/07/2025, with the names of that day', async () => {
    const { db } = handle;
    const { batchId, person } = await scoredBatch(db);
    const [before] = await db.select().from(nominationBatches).where(eq(nominationBatches.id, batchId));
    const proposedOn = async (day: string) => {
      await db.update(nominationBatches).set({ proposalDate: day }).where(eq(nominationBatches.id, batchId));
      return dossierOf(db, batchId);
    };
    const presiding = campaign.presidingOrganisationId!;
    // The department is renamed: documents proposed before keep the old name.
    const [org] = await db.select().from(organisations).where(eq(organisations.id, presiding));
    await updateOrganisation(db, await actorFor(db, 'admin@demo.vn'), presiding, { kind: org.kind, name: 'Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Ninh (thử)', shortName: 'Sở VHTTDL', active: true });
    await db.update(organisationNames).set({ usedUntil: '2025-06-30' }).where(eq(organisationNames.organisationId, presiding));
    try {
      const old = await proposedOn('2025-06-30');
      expect(old.regime.id).toBe('nd98-2023');
      expect(old.proposingBody).toBe('Sở Thông tin và Truyền thông tỉnh Quảng Ninh');
      const oldText = docxText(await renderDossierDocx(old, 'proposal'));
      expect(oldText).toContain('Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;');
      expect(oldText).not.toContain('152/2025');
      expect(docxText(await renderDossierDocx(old, 'report', person))).not.toContain('ĐỀ NGHỊ KHEN THƯỞNG THI ĐUA THEO CHUYÊN ĐỀ');

      const next = await proposedOn('2025-07-01');
      expect(next.regime).toMatchObject({ id: 'nd152-2025', decree: 'Nghị định số 152/2025/NĐ-CP', reportForm: 'Mẫu số 07' });
      expect(next.proposingBody).toBe('Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Ninh (thử)');
      const text = docxText(await renderDossierDocx(next, 'proposal'));
      expect(text).toContain(
        'Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng;',
      );
      expect(text).not.toContain('98/2023');
      const report = docxText(await renderDossierDocx(next, 'report', person)).split('\n');
      expect(report.slice(report.indexOf('BÁO CÁO THÀNH TÍCH'), report.indexOf('BÁO CÁO THÀNH TÍCH') + 2)).toEqual(['BÁO CÁO THÀNH TÍCH', 'ĐỀ NGHỊ KHEN THƯỞNG THI ĐUA THEO CHUYÊN ĐỀ']);
      expect(renderDossierHtml(next, 'proposal')).toContain('152/2025/NĐ-CP');
    } finally {
      await db.update(organisations).set({ name: org.name, shortName: org.shortName }).where(eq(organisations.id, presiding));
      await db.delete(organisationNames).where(eq(organisationNames.organisationId, presiding));
      await db.update(nominationBatches).set({ proposalDate: before.proposalDate }).where(eq(nominationBatches.id, batchId));
    }
  });
});
