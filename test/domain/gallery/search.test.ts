import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { entries, galleryItems, gallerySearch } from '../../../db/schema';
import { parseGalleryFilters, searchGallery } from '../../../src/domain/gallery/queries';
import { accessPlan, type AccessLimits, type WordStats } from '../../../src/domain/gallery/matches';
import { parseQuery, queryMaxLength } from '../../../src/domain/gallery/search';
import { actorFor } from '../../support/accounts';
import { testDatabase } from '../../support/database';
import { createEntry } from '../../support/entries';
import { unpublishGalleryItem, updateGalleryItem } from '../../../src/domain/gallery/publishing';
import { type ItemSpec, itemInput, makeItem, organisationId } from './fixtures';

/**
 * Twelve published items whose titles use every tone, đ/Đ and phrases that differ only by their
 * tones ("cải cách" reform / "cái cách" the way), published one after another (#12 newest), and
 * three that must never be found. Runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL: the
 * same table must pass on both.
 */
const items: Record<number, ItemSpec> = {
  1: { title: 'Một cửa liên thông Hạ Long: hồ sơ đất đai giải quyết trong ba ngày', summary: 'Bộ phận một cửa của thành phố Hạ Long rút ngắn thời gian giải quyết thủ tục hành chính về đất đai.', organisation: 'baoHaLong', authors: 'Trần Thị Thu Hà' },
  2: { title: 'Cải cách thủ tục hành chính ở Uông Bí: người dân không phải đi lại nhiều lần', summary: 'Thành phố số hóa hồ sơ, cắt giảm giấy tờ.', organisation: 'uongBi', authors: 'Nguyễn Văn An' },
  3: { title: 'Cái cách làm hay của phường Cẩm Trung', summary: 'Cách làm mới giúp người dân nộp hồ sơ trực tuyến.', organisation: 'camPha', authors: 'Phạm Đức Long' },
  4: { title: 'Chính phủ điện tử về đến thôn bản', summary: 'Đưa dịch vụ công trực tuyến mức độ 4 đến vùng cao Bình Liêu.', organisation: 'nhanDan', authors: 'Lê Minh Đức' },
  5: { title: 'Đường dây nóng Đông Triều', summary: 'Đường dây nóng tiếp nhận phản ánh về thủ tục hành chính.', organisation: 'uongBi', authors: 'Đỗ Thị Dung' },
  6: { title: 'Cải cách tài chính công: minh bạch ngân sách xã', summary: 'Công khai ngân sách trên cổng thông tin điện tử của xã.', organisation: 'camPha', authors: 'Vũ Thị Lan' },
  7: { title: 'Tuyên truyền cải cách hành chính qua podcast', summary: 'Chương trình phát thanh số giải thích thủ tục hành chính và cải cách hành chính.', organisation: 'uongBi', authors: 'Hoàng Minh Tuấn' },
  8: { title: 'Xây dựng chính quyền số ở Vân Đồn', summary: 'Ứng dụng công nghệ số trong giải quyết thủ tục.', organisation: 'nhanDan', authors: 'Ngô Văn Thành' },
  9: { title: '100% hồ sơ trực tuyến tại Trung tâm Phục vụ hành chính công', summary: 'Giải quyết 100% hồ sơ qua mạng.', organisation: 'camPha', authors: 'Bùi Thanh Hương' },
  10: { title: 'Hành chính thân thiện: cán bộ “nói không” với phiền hà', summary: 'Bộ phận tiếp dân niềm nở, công khai quy trình.', organisation: 'uongBi', authors: 'Trần Quốc Khánh' },
  11: { title: 'Sáng kiến “Thứ Bảy không hẹn” ở Móng Cái', summary: 'Cách bố trí lịch trực giúp người dân làm thủ tục vào cuối tuần.', organisation: 'camPha', authors: 'Lý Thị Mai' },
  12: { title: 'Đổi mới chế độ công vụ, công chức', summary: 'Đánh giá cán bộ theo kết quả, sản phẩm cụ thể.', organisation: 'nhanDan', authors: 'Đặng Thu Trang' },
};

/** Query → the items found, best first (exact order), or `first` when only the top hit is certain. */
const table: { q: string; hits?: number[]; first?: number; approximate?: boolean; why: string }[] = [
  { q: 'cai cach thu tuc hanh chinh', hits: [2, 7], why: 'no diacritics; the exact phrase (2) above all words scattered (7)' },
  { q: 'cải cách thủ tục hành chính', hits: [2, 7], why: 'with diacritics: the same items' },
  { q: 'CẢI CÁCH THỦ TỤC', hits: [2, 11, 7], why: 'capitals; 11 (Móng Cái, Thứ Bảy, cách, thủ tục) has the four words, not the phrase' },
  { q: 'dien tu', hits: [6, 4, 1], why: '"điện tử" in a title, a summary and an organisation name: no tones typed, so newest first' },
  { q: 'điện tử', hits: [4, 6, 1], why: 'typed with tones: in the title first, then in the summary, then elsewhere' },
  { q: 'Điện Tử', hits: [4, 6, 1], why: 'tones with odd capitals' },
  { q: 'DIEN TU', hits: [6, 4, 1], why: 'capitals without tones' },
  { q: 'cái cách', hits: [3, 7, 6, 2, 11], why: '"cái cách" (the way) ranks its own tones first; 11 has both words only apart' },
  { q: 'cải cách', hits: [7, 6, 2, 3, 11], why: '"cải cách" (reform) ranks its own tones first' },
  { q: 'cai cach', hits: [7, 6, 3, 2, 11], why: 'no tones: the phrase, newest first; "Móng Cái | Cách…" across two fields is not the phrase' },
  { q: 'cải cách%', hits: [7, 6, 2, 3, 11], why: 'a LIKE wildcard changes nothing' },
  { q: 'cai_cach', hits: [7, 6, 3, 2, 11], why: 'an underscore is not a wildcard' },
  { q: 'duong day nong', hits: [5], why: 'đ typed as d' },
  { q: 'ĐÔNG TRIỀU', hits: [5], why: 'Đ in capitals' },
  { q: 'dong trieu', hits: [5], why: 'D for Đ' },
  { q: 'đất đai', hits: [1], why: 'đ in two words' },
  { q: 'dung', hits: [8, 5], why: 'a whole word: "dựng"/"dụng" and the author Dung, not "dùng" inside another word' },
  { q: 'hà', hits: [10, 1], why: '"phiền hà" in a title ranks above the author "Hà"; "Hạ" is also ha' },
  { q: 'bao nhan dan', hits: [12, 8, 4], why: 'the organisation name' },
  { q: 'tran thi thu ha', hits: [1], why: 'the authors line' },
  { q: 'hành chính công', hits: [9, 10], why: 'every word must appear; the phrase ranks higher' },
  { q: 'đổi mới', hits: [12], why: 'đổi with its tone' },
  { q: '100%', hits: [9], why: '% is not a wildcard: the number is the word' },
  { q: 'cai cahc thu tuc', first: 2, approximate: true, why: 'a typo (two letters swapped), corrected to the known spelling one edit away' },
  { q: 'chinh phu dien tuu', first: 4, approximate: true, why: 'a letter too many in the last word' },
  { q: "' OR '1'='1", hits: [], why: 'SQL in the box is just words that match nothing' },
  { q: 'xe buyt', hits: [], why: 'nothing like it' },
];

let handle: DatabaseHandle;
const ids = new Map<number, number>();
const hidden: number[] = [];
beforeAll(async () => {
  handle = await testDatabase();
  const { db } = handle;
  const coordinator = await actorFor(db, 'coordinator@demo.vn');
  const start = Date.parse('2025-03-01T08:00:00+07:00');
  for (const [n, spec] of Object.entries(items)) {
    const item = await makeItem(db, coordinator, { ...spec, at: new Date(start + Number(n) * 60_000) });
    ids.set(Number(n), item.id);
  }
  // Never to be found: made first, so a missing filter would show them.
  const secret = 'Cải cách thủ tục hành chính điện tử chưa công bố';
  hidden.push((await makeItem(db, coordinator, { title: secret, publish: false })).id);
  const withdrawn = await makeItem(db, coordinator, { title: `${secret} (rút)` });
  await db.update(entries).set({ status: 'withdrawn' }).where(eq(entries.id, withdrawn.entryId));
  hidden.push(withdrawn.id);
  // A row no domain function would write: published, on a draft entry.
  const draft = await createEntry(db, 'journalist@demo.vn', { status: 'draft' });
  const [forged] = await db
    .insert(galleryItems)
    .values({
      slug: 'nhap-cai-cach',
      entryId: draft.id,
      title: `${secret} (nháp)`,
      kind: 'article',
      organisationId: await organisationId(db, 'tapChi'),
      year: 2024,
      published: true,
      publishedAt: new Date(),
      searchText: 'cai cach thu tuc hanh chinh dien tu chua cong bo nhap',
      createdById: coordinator.id,
    })
    .returning();
  hidden.push(forged.id);
});
afterAll(() => handle?.close());

async function search(q: string, limits?: AccessLimits, stats?: WordStats) {
  return searchGallery(handle.db, parseGalleryFilters(new URLSearchParams({ q })), { limits, stats });
}
const numbers = (rowIds: number[]) => rowIds.map((id) => [...ids].find(([, itemId]) => itemId === id)?.[0] ?? `hidden ${id}`);

/**
 * Each way of finding the matches (matches.ts), forced on these few items by shortening the probe
 * and the walk: the table must give the same answers whichever finds them.
 */
const accessPaths: { name: string; limits?: AccessLimits; stats?: WordStats }[] = [
  { name: 'the probe reads every item' },
  { name: 'a probe of 4 items, then the walk', limits: { probeRows: 4, walkRows: 2000 } },
  { name: 'a probe of 1 item, then the index', limits: { probeRows: 1, walkRows: 0 } },
  { name: 'every word rare in a large list: the index at once', limits: { probeRows: 4, walkRows: 2000 }, stats: { shares: new Map(), items: 100_000 } },
];

describe.each(accessPaths)('gallery search: $name', ({ limits, stats }) => {
  it.each(table)('$q → $hits ($why)', async ({ q, hits, first, approximate = false }) => {
    const result = await searchGallery(handle.db, parseGalleryFilters(new URLSearchParams({ q })), { limits, stats });
    const found = numbers(result.rows.map((r) => r.id));
    if (hits) expect(found).toEqual(hits);
    if (first) expect(found[0]).toBe(first);
    expect(result.approximate).toBe(approximate);
    expect(result.total).toBe(found.length);
    for (const id of hidden) expect(result.rows.map((r) => r.id)).not.toContain(id);
  });
});

describe('gallery search', () => {
  it('the words\' statistics decide what the index is asked, how far the walk may go, and whether to read newest first', () => {
    const stats: WordStats = { shares: new Map([['so', 0.76], ['chuyen', 0.09], ['doi', 0.09], ['truyen', 0.79], ['tuyen', 0.37]]), items: 100_000 };
    const limits = { probeRows: 1000, walkRows: 8000 };
    // "so" is in three items of four: checked on the rows, not asked of the index.
    expect(accessPlan([['chuyen'], ['doi'], ['so']], stats, 300, limits)).toEqual({ probing: true, walkLimit: 9000, looked: [['chuyen'], ['doi']], rest: [['so']] });
    // Every word common: the index is asked for the rarest; the walk may read as far as it would fetch.
    expect(accessPlan([['truyen'], ['tuyen']], stats, 300, limits)).toMatchObject({ probing: true, walkLimit: 37_000, looked: [['tuyen']] });
    // A word ANALYZE never listed is rare: the index at once, unless the list is no longer than the probe.
    expect(accessPlan([['nuoi'], ['hau']], stats, 300, limits)).toMatchObject({ probing: false, walkLimit: 8000 });
    expect(accessPlan([['nuoi'], ['hau']], { ...stats, items: 1000 }, 300, limits)).toMatchObject({ probing: true });
    // A corrected word counts all its spellings.
    expect(accessPlan([['chuyen', 'truyen'], ['so']], stats, 300, limits)).toMatchObject({ looked: [['so']], rest: [['chuyen', 'truyen']] });
  });

  it('each way of finding the matches is taken as its limits say', async () => {
    // 'cai cach' is in items 2, 3, 6, 7 and 11; 12 (the newest) does not have it.
    expect((await search('cai cach')).path).toBe('probe');
    // Four items read (the two hidden ones are the newest), one match (11): at that density the
    // 300 more are within 1,200 items, which the walk may read.
    expect((await search('cai cach', { probeRows: 4, walkRows: 2000 })).path).toBe('walk');
    expect((await search('cai cach', { probeRows: 4, walkRows: 1000 })).path).toBe('index');
    // The walk may not go on (no row past the probe allowed, and the index estimate is at most 1 × 15 / 1): the index.
    expect((await search('cai cach', { probeRows: 1, walkRows: 0 })).path).toBe('index');
    // A large list where ANALYZE never listed the words: no item is read newest first.
    expect((await search('cai cach', { probeRows: 4, walkRows: 2000 }, { shares: new Map(), items: 100_000 })).path).toBe('index');
    // A walk that stops short of the last item and of the matches: the index after all.
    expect(
      await searchGallery(handle.db, parseGalleryFilters(new URLSearchParams({ q: 'cai cach' })), { cap: 3, limits: { probeRows: 2, walkRows: 1 } }),
    ).toMatchObject({ path: 'index', total: 3, more: true });
  });

  it('a query without letters or digits is no search at all: every public item, newest first', async () => {
    for (const q of ['%', '_', '\\', "'", '   ', '%%__']) {
      const result = await search(q);
      expect(numbers(result.rows.map((r) => r.id))).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    }
  });

  it('input is NFC first: decomposed tones (as some keyboards send them) find the same', async () => {
    const decomposed = 'điện tử'.normalize('NFD');
    expect(decomposed).not.toBe('điện tử');
    expect(numbers((await search(decomposed)).rows.map((r) => r.id))).toEqual([4, 6, 1]);
  });

  it('the query is cut at 200 characters and 12 words', async () => {
    const long = `${'đ'.repeat(150)} ${'x'.repeat(5000)}`;
    expect([...parseQuery(long)!.text]).toHaveLength(queryMaxLength);
    expect(parseQuery(long)!.words).toEqual(['d'.repeat(150), 'x'.repeat(49)]);
    expect(parseQuery(Array.from({ length: 30 }, (_, i) => `w${i}`).join(' '))!.words).toHaveLength(12);
    expect((await search(long)).rows).toEqual([]);
  });

  it('past the cap, only the newest matches are ranked and counted, and the page says there are more', async () => {
    const capped = (q: string, page = '1') => searchGallery(handle.db, parseGalleryFilters(new URLSearchParams({ q, page })), { cap: 3 });
    // "cải cách" ranks [7, 6, 2, 3, 11] over all five; with a cap of 3 only the newest three (11, 7, 6) are ranked.
    const first = await capped('cải cách');
    expect(numbers(first.rows.map((r) => r.id))).toEqual([7, 6, 11]);
    expect(first).toMatchObject({ total: 3, more: true, pages: 1, approximate: false });
    // Exactly as many as the cap is not "more".
    const exact = await searchGallery(handle.db, parseGalleryFilters(new URLSearchParams({ q: 'điện tử' })), { cap: 3 });
    expect(exact).toMatchObject({ total: 3, more: false });
    expect(numbers(exact.rows.map((r) => r.id))).toEqual([4, 6, 1]);
    // A page past the cap has nothing, and still knows the count.
    expect(await capped('cải cách', '2')).toMatchObject({ rows: [], total: 3, more: true, pages: 1 });
    expect((await search('cải cách')).more).toBe(false);
  });

  it('a typo is corrected to the known spellings one edit away; a word with none, or too many unknown words, is no near miss', async () => {
    const typo = await search('dien tuu');
    expect(typo.approximate).toBe(true);
    expect(numbers(typo.rows.map((r) => r.id))).toEqual(expect.arrayContaining([4, 6, 1]));
    expect((await search('xyzzy tu')).rows).toEqual([]);
    expect((await search('caii cahc thuu tucc')).rows).toEqual([]);
    // Every word is known but no item holds them all: there is nothing to correct.
    expect(await search('dat dai podcast')).toMatchObject({ rows: [], approximate: false });
  });

  it.each(accessPaths)('search combines with the filters: $name', async ({ limits, stats }) => {
    const camPha = String(await organisationId(handle.db, 'camPha'));
    const [{ year }] = await handle.db.select({ year: galleryItems.year }).from(galleryItems).where(eq(galleryItems.id, ids.get(6)!));
    const found = async (params: Record<string, string>) =>
      numbers((await searchGallery(handle.db, parseGalleryFilters(new URLSearchParams(params)), { limits, stats })).rows.map((r) => r.id));
    expect(await found({ q: 'cai cach', organisation: camPha })).toEqual([6, 3, 11]);
    // The year and the organisation are read from their own indexes; the others are checked on each item.
    expect(await found({ q: 'cai cach', organisation: camPha, year: String(year), pressType: 'online', parArea: 'procedures' })).toEqual([6, 3, 11]);
    expect(await found({ q: 'cai cach', pressType: 'radio' })).toEqual([]);
    expect(await found({ q: 'cai cach', parArea: 'apparatus' })).toEqual([]);
    expect(await found({ q: 'cai cach', year: String(year + 1) })).toEqual([]);
  });
});

describe('what search reads follows every write to the items', () => {
  it('gallery_search is kept by the database: a new item, an edit, unpublishing and deleting', async () => {
    const { db } = handle;
    const coordinator = await actorFor(db, 'coordinator@demo.vn');
    const item = await makeItem(db, coordinator, { title: 'Mô hình kỳ lân xanh', organisation: 'camPha' });
    const found = async (q: string) => (await search(q)).rows.map((r) => r.id);
    expect(await found('ky lan xanh')).toEqual([item.id]);

    await updateGalleryItem(db, coordinator, item.id, itemInput({ title: 'Mô hình phượng hoàng', organisationId: item.organisationId }));
    expect(await found('ky lan xanh')).toEqual([]);
    expect(await found('phượng hoàng')).toEqual([item.id]);

    await unpublishGalleryItem(db, coordinator, item.id);
    expect(await found('phuong hoang')).toEqual([]);

    await db.delete(galleryItems).where(eq(galleryItems.id, item.id));
    expect(await db.select().from(gallerySearch).where(eq(gallerySearch.itemId, item.id))).toEqual([]);
  });
});
