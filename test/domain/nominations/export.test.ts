import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Campaign } from '../../../db/schema';
import { batchList, batchListCsv, batchListXlsx } from '../../../src/domain/nominations/batch-export';
import { addToBatch, createBatch } from '../../../src/domain/nominations/decisions';
import { dossierOf, type Dossier } from '../../../src/domain/nominations/dossier/data';
import { createNomination } from '../../../src/domain/nominations/nominations';
import { translator } from '../../../src/i18n';
import { actorFor } from '../../support/accounts';
import { demoCampaign } from '../../support/campaigns';
import { useTestDatabase } from '../../support/database';
import { collectiveNomination, individualNomination } from '../../support/nominations';

const handle = useTestDatabase();
let campaign: Campaign;
let dossier: Dossier;
const t = translator('vi');

/** A batch with a collective and two individuals of two outlets, one summary starting with "=". */
beforeAll(async () => {
  campaign = await demoCampaign(handle.db);
  const db = handle.db;
  const coordinator = await actorFor(db, 'coordinator@demo.vn');
  const individual = async (email: string, summary: string) =>
    createNomination(db, coordinator, await individualNomination(db, email, { achievementSummary: summary }));
  const ha = await individual('journalist@demo.vn', 'Có loạt bài tuyên truyền cải cách hành chính hiệu quả.\nChi tiết ở báo cáo thành tích.');
  const long = await individual('journalist2@demo.vn', '=HYPERLINK("http://example.com","Bấm vào đây")');
  const collective = await createNomination(db, coordinator, await collectiveNomination(db, 'outlet@demo.vn'));
  const batch = await createBatch(db, coordinator, campaign.id, 'Đợt trình tháng 12/2024');
  await addToBatch(db, coordinator, batch.id, [ha.id, long.id, collective.id]);
  dossier = await dossierOf(db, batch.id);
});

const header = ['STT', 'Tập thể/cá nhân', 'Chức vụ', 'Đơn vị', 'Hình thức khen thưởng', 'Thành tích'];
const rows = [
  [1, 'Báo Hạ Long điện tử', null, null, 'Bằng khen của Chủ tịch UBND tỉnh', 'Cơ quan hoàn thành xuất sắc nhiệm vụ tuyên truyền CCHC năm 2024.'],
  [2, 'Trần Thị Thu Hà', 'Phóng viên', 'Báo Hạ Long điện tử', 'Bằng khen của Chủ tịch UBND tỉnh', 'Có loạt bài tuyên truyền cải cách hành chính hiệu quả.'],
  [3, 'Phạm Đức Long', 'Biên tập viên', 'Trung tâm Truyền thông và Văn hóa thành phố Cẩm Phả', 'Bằng khen của Chủ tịch UBND tỉnh', '=HYPERLINK("http://example.com","Bấm vào đây")'],
];

describe('the list of a batch for Home Affairs', () => {
  it('lists the nominees as award lists do, collectives first, one line of achievement each', () => {
    const list = batchList(dossier, t);
    expect(list.titles).toEqual(['Đợt trình tháng 12/2024', 'Phong trào thi đua “Đẩy mạnh cải cách hành chính” năm 2024 – khối báo chí']);
    expect(list.table.columns.map((c) => c.header)).toEqual(header);
    expect(list.table.rows).toEqual(rows);
  });

  it('writes an XLSX workbook: the titles above the table, exact values, Vietnamese intact, no formulas', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await batchListXlsx(dossier, t)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Danh sách đề nghị')!;
    expect(sheet).toBeDefined();
    const values = (row: number) => Array.from({ length: 6 }, (_, i) => sheet.getRow(row).getCell(i + 1).value ?? null);
    expect(sheet.getCell('A1').value).toBe('Đợt trình tháng 12/2024');
    expect(sheet.getCell('A2').value).toBe('Phong trào thi đua “Đẩy mạnh cải cách hành chính” năm 2024 – khối báo chí');
    // the titles span the table
    expect(sheet.getCell('F1').isMerged && sheet.getCell('F1').master.address).toBe('A1');
    expect(sheet.getCell('F2').master.address).toBe('A2');
    expect(values(3)).toEqual([null, null, null, null, null, null]);
    expect(values(4)).toEqual(header);
    expect([values(5), values(6), values(7)]).toEqual(rows);
    expect(sheet.rowCount).toBe(7);
    // a summary that looks like a formula stays text
    expect(sheet.getCell('F7').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell('A4').font?.bold).toBe(true);
    expect(sheet.pageSetup.printTitlesRow).toBe('4:4');
  });

  it('writes the table as CSV for Excel, formulas defused', () => {
    const csv = batchListCsv(dossier, t);
    expect(csv.split('\r\n')).toEqual([
      '\uFEFFSTT,Tập thể/cá nhân,Chức vụ,Đơn vị,Hình thức khen thưởng,Thành tích',
      '1,Báo Hạ Long điện tử,,,Bằng khen của Chủ tịch UBND tỉnh,Cơ quan hoàn thành xuất sắc nhiệm vụ tuyên truyền CCHC năm 2024.',
      '2,Trần Thị Thu Hà,Phóng viên,Báo Hạ Long điện tử,Bằng khen của Chủ tịch UBND tỉnh,Có loạt bài tuyên truyền cải cách hành chính hiệu quả.',
      '3,Phạm Đức Long,Biên tập viên,Trung tâm Truyền thông và Văn hóa thành phố Cẩm Phả,Bằng khen của Chủ tịch UBND tỉnh,"\'=HYPERLINK(""http://example.com"",""Bấm vào đây"")"',
      '',
    ]);
  });
});
