import type { Table } from './table';

const widths = { text: 28, longText: 60, integer: 10, decimal: 12 } as const;

/**
 * The tables as one XLSX workbook, one sheet each. Text goes in as string cells, never as
 * formulas, so a title that starts with "=" is shown, not run; Vietnamese is stored as written
 * (the format is UTF-8 XML).
 */
export async function toXlsx(tables: Table[], options: { creator?: string } = {}): Promise<Buffer> {
  // Loaded when a workbook is asked for, not when the server starts.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = options.creator ?? '';
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.columns.map((c) => ({
      header: c.header,
      width: widths[c.type],
      style: {
        numFmt: c.type === 'decimal' ? '0.00' : c.type === 'integer' ? '0' : undefined,
        alignment: c.type === 'longText' || c.type === 'text' ? { wrapText: true, vertical: 'top' } : { vertical: 'top' },
      },
    }));
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) {
      // Plain values only: exceljs writes a string as text; only an object with `formula` is a formula.
      sheet.addRow(row.map((cell) => (cell === null ? null : cell)));
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
