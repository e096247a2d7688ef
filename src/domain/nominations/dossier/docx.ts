import type { DossierDocument } from '@db/schema';
import type { Dossier } from './data';
import { dossierDocument } from './documents';
import { page, textWidthMm, type Align, type Block, type ColumnsBlock, type DocumentModel, type ParagraphBlock, type Run, type TableBlock } from './model';

type Docx = typeof import('docx');

/** Tables are set smaller than the body so five or six columns fit the A4 text width. */
const tableSize = 12;
const twipsPerMm = 1440 / 25.4;
const mm = (value: number) => Math.round(value * twipsPerMm);

/**
 * Characters XML 1.0 cannot carry (control characters, unpaired surrogates): a value pasted into
 * a form with one would otherwise make a file Word refuses to open.
 */
const notXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(text: string): string {
  return text.normalize('NFC').replace(notXml, '');
}

/**
 * One document of the dossier as a Word file (DOCX): A4, Times New Roman, Decree 30/2020
 * margins, page numbers at the top from the second page. The coordinator edits it in Word if the
 * draft needs it, prints, signs, and uploads the scan (scans.ts).
 */
export async function renderDossierDocx(dossier: Dossier, document: DossierDocument, nominationId?: number): Promise<Buffer> {
  // Loaded when a file is asked for, not when the server starts.
  const docx = await import('docx');
  return writeDocx(docx, dossierDocument(dossier, document, nominationId));
}

export async function writeDocx(d: Docx, model: DocumentModel): Promise<Buffer> {
  const width = mm(textWidthMm);
  const pageNumber = new d.Paragraph({ alignment: d.AlignmentType.CENTER, children: [new d.TextRun({ children: [d.PageNumber.CURRENT], size: 26 })] });
  const file = new d.Document({
    creator: '',
    lastModifiedBy: '',
    title: xmlSafe(model.title),
    styles: {
      default: {
        document: {
          run: { font: page.font, size: page.bodySize * 2 },
          paragraph: { spacing: { before: 0, after: 0 } },
        },
      },
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: mm(page.widthMm), height: mm(page.heightMm), orientation: d.PageOrientation.PORTRAIT },
            margin: { top: mm(page.margins.top), bottom: mm(page.margins.bottom), left: mm(page.margins.left), right: mm(page.margins.right), header: mm(10), footer: mm(10) },
          },
        },
        // Decree 30/2020: page numbers centred in the top margin, none on the first page.
        headers: { default: new d.Header({ children: [pageNumber] }), first: new d.Header({ children: [] }) },
        children: model.blocks.flatMap((block) => writeBlock(d, block, width)),
      },
    ],
  });
  return d.Packer.toBuffer(file);
}

function alignment(d: Docx, align: Align | undefined) {
  switch (align) {
    case 'center':
      return d.AlignmentType.CENTER;
    case 'right':
      return d.AlignmentType.RIGHT;
    case 'justify':
      return d.AlignmentType.JUSTIFIED;
    default:
      return d.AlignmentType.LEFT;
  }
}

function runs(d: Docx, list: readonly Run[], size: number) {
  return list.flatMap((run) =>
    xmlSafe(run.text)
      .split(/\r?\n/)
      .map(
        (line, i) =>
          new d.TextRun({
            text: line,
            break: i ? 1 : undefined,
            bold: run.bold,
            italics: run.italic,
            underline: run.underline ? {} : undefined,
            size: (run.size ?? size) * 2,
          }),
      ),
  );
}

/** Running text gets 6 pt after it and 1.15 lines (Decree 30/2020: at least 6 pt, 1–1.5 lines). */
const spacedRoles = new Set(['body', 'field', 'heading', 'member', 'note', 'recipient']);

function paragraph(d: Docx, block: ParagraphBlock, size: number = page.bodySize) {
  const spaced = block.role !== undefined && spacedRoles.has(block.role);
  return new d.Paragraph({
    children: runs(d, block.runs, size),
    alignment: alignment(d, block.align),
    indent: block.indent ? { firstLine: mm(10) } : undefined,
    spacing: { before: (block.before ?? 0) * 20, after: spaced ? 120 : 0, line: spaced ? 276 : 240 },
    keepNext: block.keepNext,
  });
}

function writeBlock(d: Docx, block: Block, width: number): (InstanceType<Docx['Paragraph']> | InstanceType<Docx['Table']>)[] {
  switch (block.kind) {
    case 'paragraph':
      return [paragraph(d, block)];
    case 'rule': {
      const side = Math.round((width * (100 - block.width)) / 200);
      return [
        new d.Paragraph({
          border: { bottom: { style: d.BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
          indent: { left: side, right: side },
          spacing: { before: 0, after: 120, line: 60, lineRule: d.LineRuleType.EXACT },
          children: [],
        }),
      ];
    }
    case 'pageBreak':
      return [new d.Paragraph({ children: [new d.PageBreak()] })];
    case 'columns':
      return [layoutTable(d, block, width)];
    case 'table':
      return [dataTable(d, block, width)];
  }
}

/** Side-by-side blocks: a table without borders. */
function layoutTable(d: Docx, block: ColumnsBlock, width: number) {
  const widths = block.widths.map((w) => Math.round((width * w) / 100));
  const none = { style: d.BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const noBorders = { top: none, bottom: none, left: none, right: none };
  return new d.Table({
    width: { size: width, type: d.WidthType.DXA },
    columnWidths: widths,
    layout: d.TableLayoutType.FIXED,
    borders: d.TableBorders.NONE,
    rows: [
      new d.TableRow({
        cantSplit: block.role === 'signatures',
        children: block.cells.map((cell, i) => {
          const children = cell.flatMap((b) => writeBlock(d, b, widths[i] - 2 * 108));
          return new d.TableCell({
            width: { size: widths[i], type: d.WidthType.DXA },
            borders: noBorders,
            // A cell must hold a paragraph, even an empty one (Word will not open it otherwise).
            children: children.length ? children : [new d.Paragraph({ children: [] })],
          });
        }),
      }),
    ],
  });
}

function dataTable(d: Docx, block: TableBlock, width: number) {
  const widths = block.columns.map((c) => Math.round((width * c.width) / 100));
  const margins = { top: 40, bottom: 40, left: 80, right: 80 };
  const header = new d.TableRow({
    tableHeader: true,
    cantSplit: true,
    children: block.columns.map(
      (c, i) =>
        new d.TableCell({
          width: { size: widths[i], type: d.WidthType.DXA },
          margins,
          verticalAlign: d.VerticalAlignTable.CENTER,
          children: [paragraph(d, { kind: 'paragraph', runs: [{ text: c.header, bold: true }], align: 'center' }, tableSize)],
        }),
    ),
  });
  const rows = block.rows.map(
    (row) =>
      new d.TableRow({
        cantSplit: true,
        children: row.map(
          (cell, i) =>
            new d.TableCell({
              width: { size: widths[i], type: d.WidthType.DXA },
              margins,
              children: (cell.length ? cell : [[]]).map((line) => paragraph(d, { kind: 'paragraph', runs: line, align: block.columns[i].align }, tableSize)),
            }),
        ),
      }),
  );
  return new d.Table({
    width: { size: width, type: d.WidthType.DXA },
    columnWidths: widths,
    layout: d.TableLayoutType.FIXED,
    rows: [header, ...rows],
  });
}
