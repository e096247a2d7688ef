import type { Cell, Table } from './table';

/** Excel reads a CSV as UTF-8 only when it starts with a byte-order mark; without it Vietnamese turns to mojibake. */
const byteOrderMark = '\uFEFF';

/**
 * A cell that starts with one of these is read as a formula by Excel, LibreOffice and Google
 * Sheets: a title or comment like `=HYPERLINK("http://…")` would run when the coordinator opens
 * the file (CSV injection, OWASP). Such text gets a leading apostrophe, which the spreadsheet
 * shows as text and which a reader sees is not part of the value.
 */
const formulaStart = /^[=+\-@\t\r]/;

export function guardFormula(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

/** RFC 4180: a field with a comma, a quote or a line break is quoted, quotes doubled. */
function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

function field(cell: Cell, type: Table['columns'][number]['type']): string {
  if (cell === null) return '';
  // Numbers with a point: the file is for machines as much as people, and is not localised.
  if (typeof cell === 'number') return type === 'decimal' ? cell.toFixed(2) : String(cell);
  return quote(guardFormula(cell));
}

/** The table as a CSV file: UTF-8 with BOM, a header line, CRLF line ends (RFC 4180). */
export function toCsv(table: Table): string {
  const lines = [
    table.columns.map((c) => quote(guardFormula(c.header))).join(','),
    ...table.rows.map((row) => row.map((cell, i) => field(cell, table.columns[i].type)).join(',')),
  ];
  return `${byteOrderMark}${lines.join('\r\n')}\r\n`;
}
