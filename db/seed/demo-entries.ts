import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../client';
import { assignments, entries, organisations, users } from '../schema';
import type { SessionUser } from '../../src/auth/session';
import { saveDraft } from '../../src/domain/entries/draft';
import type { EntryDraftInput } from '../../src/domain/entries/form';
import { confirmEntry, returnEntry, submitEntry, withdrawEntry } from '../../src/domain/entries/transitions';
import { assignEntries } from '../../src/domain/scoring/assign';
import { setPanel } from '../../src/domain/scoring/panel';
import { assignmentForScoring, saveScore } from '../../src/domain/scoring/scores';
import { shortlistEntries } from '../../src/domain/scoring/shortlist';
import { seedDemoGallery } from './demo-gallery';

/**
 * Entries in every status (DESIGN.md: "so each role has work to see"), made through the domain
 * functions themselves so that their timelines, scores and notifications are real.
 */
export async function seedDemoEntries(db: Database, campaignId: number, year: number) {
  const actor = async (email: string): Promise<SessionUser> => {
    const [u] = await db
      .select({ id: users.id, email: users.email, name: users.name, role: users.role, organisationId: users.organisationId, organisationName: organisations.name })
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.organisationId))
      .where(eq(users.email, email));
    return u;
  };
  const [ha, long, outlet, coordinator, ...scorers] = await Promise.all(
    ['journalist@demo.vn', 'journalist2@demo.vn', 'outlet@demo.vn', 'coordinator@demo.vn', 'scorer1@demo.vn', 'scorer2@demo.vn', 'scorer3@demo.vn'].map(actor),
  );

  let n = 0;
  const article = (title: string, overrides: Partial<EntryDraftInput> = {}): EntryDraftInput => {
    n += 1;
    return {
      formKey: randomUUID(),
      kind: 'article',
      title,
      parAreas: ['procedures'],
      angle: 'model',
      pressType: 'online',
      programme: 'Chuyên mục Cải cách hành chính',
      publishedOn: `${year}-0${1 + (n % 9)}-1${n % 10}`,
      url: `https://demo.baohalong.vn/cchc/${year}/bai-${n}.html`,
      lengthValue: 1500 + n * 100,
      lengthUnit: 'words',
      priorAwardLevel: 'none',
      summary: `<p>${title}: tác phẩm minh họa của bộ dữ liệu mẫu.</p>`,
      coAuthorIds: [],
      externalCoAuthors: [],
      ...overrides,
    };
  };
  const write = async (who: SessionUser, input: EntryDraftInput) => (await saveDraft(db, who, input)).id;

  // Scored and shortlisted first: assignment takes every entry confirmed at that moment. The
  // demo journalist keeps room under the per-author limit to submit more.
  const scored = await write(ha, article('Một cửa liên thông hiện đại ở thành phố Hạ Long', { parAreas: ['procedures', 'digital_government'] }));
  await submitEntry(db, ha, scored);
  await confirmEntry(db, outlet, scored);
  const collective = await write(
    outlet,
    article('Tọa đàm “Chính quyền số gần dân” – sản phẩm tập thể', { parAreas: ['digital_government', 'institutions'], pressType: 'multimedia' }),
  );
  await submitEntry(db, outlet, collective);
  const reviewing = await write(outlet, article('Cán bộ “nói không” với phong bì ở bộ phận một cửa', { parAreas: ['civil_service'], pressType: 'television', lengthValue: 14, lengthUnit: 'minutes' }));
  await submitEntry(db, outlet, reviewing);

  await setPanel(db, coordinator, campaignId, scorers.map((s) => s.id));
  await assignEntries(db, coordinator, campaignId);
  const rows = await db
    .select({ id: assignments.id, scorerId: assignments.scorerId })
    .from(assignments)
    .innerJoin(entries, eq(entries.id, assignments.entryId))
    .where(eq(entries.campaignId, campaignId));
  const spread = [0, 4, 9];
  for (const row of rows) {
    const scorer = scorers.find((s) => s.id === row.scorerId)!;
    const { criteria, entry } = await assignmentForScoring(db, scorer, row.id);
    if (entry.title.startsWith('Cán bộ')) continue; // left in review: scorers have work to do
    const off = spread[scorers.indexOf(scorer)] + (entry.id % 4);
    const points = Object.fromEntries(criteria.map((c, i) => [c.id, Math.max(0, c.maxPoints - (i === 0 ? off : Math.floor(off / 3)))]));
    await saveScore(db, scorer, row.id, { points, comment: 'Nội dung bám sát CCHC, hình thức hấp dẫn.' }, 'submit');
  }
  await shortlistEntries(db, coordinator, campaignId, [collective]);

  // Earlier steps of the flow.
  await write(ha, article('Bản nháp: Chuyển đổi số ở phường Hồng Gai', { url: '', summary: '' }));
  await write(long, article('Bản nháp: Cẩm Phả số hóa hồ sơ đất đai', { parAreas: ['digital_government'] }));
  const submitted = await write(long, article('Người dân Cẩm Phả nộp hồ sơ trực tuyến', { pressType: 'radio', lengthValue: 8, lengthUnit: 'minutes' }));
  await submitEntry(db, long, submitted);
  const returned = await write(ha, article('Tiếng nói từ bộ phận tiếp nhận và trả kết quả', { angle: 'shortcomings' }));
  await submitEntry(db, ha, returned);
  await returnEntry(db, outlet, returned, 'Bổ sung số liệu về thời gian giải quyết hồ sơ và bản PDF của bài.');
  const confirmed = await write(ha, {
    formKey: randomUUID(),
    kind: 'initiative',
    title: 'Tuyên truyền thủ tục hành chính qua nhóm Zalo khu phố',
    parAreas: ['procedures', 'digital_government'],
    problem: 'Người dân lớn tuổi ít tiếp cận văn bản hướng dẫn thủ tục.',
    solution: 'Mỗi khu phố một nhóm Zalo do phóng viên và tổ trưởng dân phố cùng quản lý.',
    appliedWhere: 'Phường Bãi Cháy, thành phố Hạ Long',
    appliedSince: `${year}-03-01`,
    effect: 'Tỷ lệ hồ sơ trực tuyến của phường tăng từ 38% lên 71% sau sáu tháng.',
    coAuthorIds: [],
    externalCoAuthors: ['Nguyễn Văn Hải – Tổ trưởng khu phố 3'],
  });
  await submitEntry(db, ha, confirmed);
  await confirmEntry(db, outlet, confirmed);
  const withdrawn = await write(ha, article('Bài trùng đề tài, đã rút'));
  await withdrawEntry(db, ha, withdrawn, 'Trùng đề tài với bài đã gửi.');

  // The public gallery: the shortlisted, scored, in-review and confirmed entries, as the coordinator curated them.
  await seedDemoGallery(db, coordinator, [
    {
      entryId: collective,
      featured: true,
      summary:
        '<p>Tọa đàm trực tuyến kết nối lãnh đạo thành phố, cán bộ một cửa và người dân về chính quyền số.</p>' +
        '<p>Sau chương trình, <strong>hơn 2.000 câu hỏi</strong> của người dân được trả lời trên cổng thông tin điện tử.</p>',
    },
    {
      entryId: scored,
      featured: true,
      summary:
        '<p>Bộ phận một cửa liên thông của thành phố Hạ Long giải quyết hồ sơ đất đai trong ba ngày thay vì mười ngày.</p>' +
        '<p>Người dân đặt lịch, nộp hồ sơ và theo dõi kết quả trên điện thoại.</p>',
    },
    {
      entryId: reviewing,
      summary: '<p>Phóng sự truyền hình về cán bộ bộ phận một cửa từ chối phong bì, công khai quy trình và thời hạn giải quyết.</p>',
    },
    {
      entryId: confirmed,
      summary:
        '<p>Mỗi khu phố ở phường Bãi Cháy có một nhóm Zalo hướng dẫn thủ tục hành chính, do phóng viên và tổ trưởng dân phố cùng quản lý.</p>' +
        '<p>Tỷ lệ hồ sơ trực tuyến của phường tăng từ 38% lên 71% sau sáu tháng.</p>',
    },
  ]);
}
