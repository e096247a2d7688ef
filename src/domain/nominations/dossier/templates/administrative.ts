/**
 * The parts every administrative document shares, after Decree 30/2020/NĐ-CP (Appendix I):
 * the masthead (issuing body on the left, the national name and motto on the right, each with a
 * short solid line under it), the number line, the place-date line, the signature blocks.
 */
import type { Block, ParagraphBlock, Run, TableBlock, TableCell, TableColumn, Width } from '../model';

export const nationalName = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const motto = 'Độc lập - Tự do - Hạnh phúc';

/** What is left for the signer to fill in by hand. */
export const dots = '…………';
/** A day, a month, a count to fill in: short enough that the line (or the cell) holds it. */
export const shortDots = '……';
export const dottedLine = '……………………………………………………';

export function upper(text: string): string {
  return text.toLocaleUpperCase('vi');
}

/** The first letter in lower case: a title ("Phong trào thi đua …") inside a sentence. */
export function lowerFirst(text: string): string {
  const [first = '', ...rest] = Array.from(text);
  return first.toLocaleLowerCase('vi') + rest.join('');
}

/** Decree 30/2020: days below 10 and the months January and February take a leading zero. */
export function dayMonthYear(iso: string | null): { day: string; month: string; year: string } | null {
  const match = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  if (!match) return null;
  const [, year, month, day] = match;
  const m = Number(month);
  return { day, month: m <= 2 ? month : String(m), year };
}

/** "ngày 05 tháng 11 năm 2024", or dots to fill in by hand. */
export function vietnameseDate(iso: string | null): string {
  const d = dayMonthYear(iso);
  return d ? `ngày ${d.day} tháng ${d.month} năm ${d.year}` : `ngày ${shortDots} tháng ${shortDots} năm ${shortDots}`;
}

/** `dd/mm/yyyy` for a stored date (tables). */
export function shortDate(iso: string | null): string {
  const match = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return match ? `${match[3]}/${match[2]}/${match[1]}` : '';
}

/** Counts in administrative text take two digits: "02 tập thể". */
export function count2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

const decimals = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A score or a percentage, vi-VN, two decimals: "85,33". */
export function decimal(value: number): string {
  return decimals.format(value);
}

/** "Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Ninh" under a masthead of the province loses its repeated tail. */
export function withoutProvince(name: string, province: string): string {
  const tail = ` tỉnh ${province}`;
  return name.toLocaleLowerCase('vi').endsWith(tail.toLocaleLowerCase('vi')) ? name.slice(0, -tail.length) : name;
}

export function p(runs: Run[] | string, options: Omit<ParagraphBlock, 'kind' | 'runs'> = {}): ParagraphBlock {
  return { kind: 'paragraph', runs: typeof runs === 'string' ? [{ text: runs }] : runs, ...options };
}

/** A body paragraph: justified, first line indented. */
export function body(runs: Run[] | string): ParagraphBlock {
  return p(runs, { align: 'justify', indent: true, role: 'body' });
}

/** "Label: value", the value or a dotted line when we hold none. */
export function field(label: string, value: string | null | undefined): ParagraphBlock {
  // Left-aligned: justified, a label followed by a dotted line would be stretched across the page.
  return p([{ text: `${label}: ` }, { text: value?.trim() ? value.trim() : dottedLine }], { align: 'left', indent: true, role: 'field' });
}

export function heading(text: string): ParagraphBlock {
  return p([{ text, bold: true }], { align: 'justify', indent: true, before: 6, keepNext: true, role: 'heading' });
}

/** A cell of one line: `cell(n.name, { bold: true })`. */
export function cell(text: string, style: Omit<Run, 'text'> = {}): TableCell {
  return [[{ text, ...style }]];
}

/**
 * A list as the documents table it: the first column numbers the rows (STT, centred), the others
 * are the item's cells, in the order of `columns`.
 */
export function numberedTable<T>(numberWidth: Width, columns: TableColumn[], items: readonly T[], cells: (item: T) => TableCell[]): TableBlock {
  return {
    kind: 'table',
    columns: [{ header: 'STT', width: numberWidth, align: 'center' }, ...columns],
    rows: items.map((item, i) => [cell(String(i + 1)), ...cells(item)]),
  };
}

export interface Masthead {
  /** The body above the issuer (regular, upper case), if any. */
  superior: string | null;
  /** The issuing body (bold, upper case). */
  issuer: string;
  /** The whole number line ("Số: …/TTr-SVHTTDL"), or null when the document has none. */
  number: string | null;
  province: string;
  date: string | null;
}

/** The two-column head of the first page (Decree 30/2020 sizes: names 12–13 pt, the motto 13–14 pt). */
export function masthead(m: Masthead): Block {
  const left: Block[] = [
    ...(m.superior ? [p([{ text: upper(m.superior), size: 12 }], { align: 'center', role: 'superior' })] : []),
    p([{ text: upper(m.issuer), bold: true, size: 12 }], { align: 'center', role: 'issuer' }),
    { kind: 'rule', width: 35 },
    ...(m.number ? [p([{ text: m.number, size: 13 }], { align: 'center', role: 'number' })] : []),
  ];
  const right: Block[] = [
    p([{ text: nationalName, bold: true, size: 12 }], { align: 'center', role: 'national-name' }),
    p([{ text: motto, bold: true, size: 13 }], { align: 'center', role: 'motto' }),
    { kind: 'rule', width: 65 },
    p([{ text: `${m.province}, ${vietnameseDate(m.date)}`, italic: true, size: 14 }], { align: 'center', role: 'place-date' }),
  ];
  return { kind: 'columns', role: 'masthead', widths: [40, 60], cells: [left, right] };
}

/** The document's name and what it is about, centred, with a short line under them. */
export function title(name: string, about: string[]): Block[] {
  return [
    p([{ text: name, bold: true }], { align: 'center', before: 18, keepNext: true, role: 'title' }),
    ...about.map((line) => p([{ text: line, bold: true }], { align: 'center', keepNext: true, role: 'subject' })),
    { kind: 'rule', width: 25 },
  ];
}

export interface Signature {
  /** The authority line(s), bold, upper case: "GIÁM ĐỐC", "THỦ TRƯỞNG ĐƠN VỊ". */
  authority: string[];
  /** The instruction under it, in italics: "(Ký, ghi rõ họ và tên)". */
  note?: string;
  /** The signer's name when we know it; dots otherwise. */
  name?: string | null;
}

/** A signature block: authority, the space for signature and seal, the name. */
export function signature(s: Signature): Block[] {
  return [
    ...s.authority.map((line) => p([{ text: upper(line), bold: true }], { align: 'center', keepNext: true, role: 'authority' })),
    ...(s.note ? [p([{ text: s.note, italic: true }], { align: 'center', keepNext: true, role: 'signature-note' })] : []),
    // About two centimetres for the signature and the seal.
    p([{ text: s.name?.trim() ? s.name.trim() : dots, bold: true }], { align: 'center', before: 60, role: 'signer' }),
  ];
}

/** Signature blocks side by side (an empty one keeps the other on the right, as Decree 30 places it). */
export function signatures(left: Signature | null, right: Signature | null, widths: [Width, Width] = [50, 50]): Block {
  return { kind: 'columns', role: 'signatures', widths, cells: [left ? signature(left) : [], right ? signature(right) : []] };
}
