import { toCsv } from '@/domain/scoring/export/csv';
import type { Cell, Table } from '@/domain/scoring/export/table';
import type { Translate } from '@/i18n';
import type { Dossier } from './dossier/data';

/** The list of a batch as Home Affairs files it: title lines, then one row per nominee. */
export interface BatchList {
  /** Above the table: the batch's title, then the campaign's. */
  titles: string[];
  table: Table;
}

/**
 * The usual award list (STT, collective or individual, position, unit, award, achievement),
 * from the same dossier the documents are drafted from, in its order: collectives first.
 */
export function batchList(dossier: Dossier, t: Translate): BatchList {
  return {
    titles: [dossier.batch.title, dossier.campaign.title],
    table: {
      name: t('nominations.dossier.export.sheet'),
      columns: [
        { header: t('nominations.dossier.export.number'), type: 'integer' },
        { header: t('nominations.dossier.export.nominee'), type: 'text' },
        { header: t('nominations.dossier.export.position'), type: 'text' },
        { header: t('nominations.dossier.export.unit'), type: 'text' },
        { header: t('nominations.dossier.export.awardForm'), type: 'text' },
        { header: t('nominations.dossier.export.achievement'), type: 'longText' },
      ],
      rows: dossier.proposed.map((n, i): Cell[] => [i + 1, n.name, n.position, n.unit, t(`nominations.awardForms.${n.awardForm}`), n.achievementLine]),
    },
  };
}

/** Without the title lines, which a CSV cannot hold apart from its data. */
export function batchListCsv(dossier: Dossier, t: Translate): string {
  return toCsv(batchList(dossier, t).table);
}

const widths: Record<Table['columns'][number]['type'], number> = { integer: 6, decimal: 12, text: 30, longText: 60 };
const thin = { style: 'thin' } as const;
const grid = { top: thin, left: thin, bottom: thin, right: thin };

/**
 * The list as an XLSX workbook: the titles merged across the table and centred, a bordered
 * table whose header row repeats on every printed page, A4 landscape, one page wide. Text goes
 * in as string cells, never formulas, so a name starting with "=" is shown, not run.
 */
export async function batchListXlsx(dossier: Dossier, t: Translate): Promise<Buffer> {
  const { titles, table } = batchList(dossier, t);
  // Loaded when a workbook is asked for, not when the server starts.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '';
  const headerRow = titles.length + 2;
  const sheet = workbook.addWorksheet(table.name, {
    views: [{ state: 'frozen', ySplit: headerRow }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${headerRow}:${headerRow}` },
  });
  sheet.columns = table.columns.map((c) => ({ width: widths[c.type] }));
  const span = table.columns.length;

  titles.forEach((text, i) => {
    const row = sheet.getRow(i + 1);
    row.getCell(1).value = text;
    sheet.mergeCells(i + 1, 1, i + 1, span);
    row.font = { name: 'Times New Roman', bold: i === 0, italic: i > 0, size: i === 0 ? 14 : 12 };
    row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });

  const header = sheet.getRow(headerRow);
  table.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: 'Times New Roman', bold: true, size: 12 };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = grid;
  });

  table.rows.forEach((values, r) => {
    const row = sheet.getRow(headerRow + 1 + r);
    values.forEach((value, i) => {
      const cell = row.getCell(i + 1);
      // Plain values only: exceljs writes a string as text; only an object with `formula` is a formula.
      cell.value = value;
      cell.font = { name: 'Times New Roman', size: 12 };
      cell.alignment = table.columns[i].type === 'integer' ? { horizontal: 'center', vertical: 'top' } : { vertical: 'top', wrapText: true };
      cell.border = grid;
    });
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
