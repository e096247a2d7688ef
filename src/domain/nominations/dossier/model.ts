/**
 * A dossier document as the templates lay it out, before it is written as DOCX (docx.ts) or as
 * printable HTML (html.ts): one layout, two formats, so the download and the page never differ.
 * Text is plain: each writer escapes it for its own format.
 */

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** Points; the document's body size when absent. */
  size?: Size;
}

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface ParagraphBlock {
  kind: 'paragraph';
  runs: Run[];
  align?: Align;
  /** A body paragraph's first-line indent (Decree 30/2020: 1–1.27 cm). */
  indent?: boolean;
  /** Space before, in points (a few fixed steps: the HTML gives them as classes). */
  before?: 6 | 12 | 18 | 60;
  /** Kept on the page of the next block (a heading, a signature's title). */
  keepNext?: boolean;
  /** What the paragraph is, for the HTML class (`dossier-<role>`). */
  role?: string;
}

/** The short solid line under the issuing body and under the national motto (Decree 30/2020). */
export interface RuleBlock {
  kind: 'rule';
  /** Of the width it sits in. */
  width: Width;
}

/**
 * Widths in percent, in steps of five: the HTML gives them as classes (dossier.css), since the
 * site's Content-Security-Policy allows no inline style.
 */
export type Width = 5 | 10 | 15 | 20 | 25 | 30 | 35 | 40 | 45 | 50 | 55 | 60 | 65 | 70 | 75 | 80 | 85 | 90 | 95 | 100;

/** Font sizes the templates use, in points (classes in dossier.css). */
export type Size = 11 | 12 | 13 | 14;

/** Side-by-side blocks without borders: the masthead, the signature blocks. */
export interface ColumnsBlock {
  kind: 'columns';
  role: 'masthead' | 'signatures';
  /** Of the text width; they add up to 100. */
  widths: Width[];
  cells: Block[][];
}

export interface TableColumn {
  header: string;
  /** Of the text width; the columns add up to 100. */
  width: Width;
  align?: Align;
}

/** A cell: lines of runs (a title with its URL below it, say). */
export type TableCell = Run[][];

export interface TableBlock {
  kind: 'table';
  columns: TableColumn[];
  rows: TableCell[][];
}

export interface PageBreakBlock {
  kind: 'pageBreak';
}

export type Block = ParagraphBlock | RuleBlock | ColumnsBlock | TableBlock | PageBreakBlock;

export interface DocumentModel {
  /** The file's title property and the HTML fragment's label. */
  title: string;
  blocks: Block[];
}

/** The page (Decree 30/2020 Appendix I: A4, margins top/bottom 20–25 mm, left 30–35, right 15–20). */
export const page = {
  widthMm: 210,
  heightMm: 297,
  margins: { top: 20, bottom: 20, left: 30, right: 20 },
  font: 'Times New Roman',
  /** Body text, 13–14 pt. */
  bodySize: 14,
} as const;

export const textWidthMm = page.widthMm - page.margins.left - page.margins.right;
