import type { DossierDocument } from '@db/schema';
import type { Dossier } from './data';
import { dossierDocument } from './documents';
import type { Block, DocumentModel, ParagraphBlock, Run } from './model';

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every value that reaches the markup passes here: names and summaries are typed by people. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c]);
}

/**
 * One document of the dossier as an HTML fragment (an `<article>`), laid out as the DOCX is,
 * for a page to show and print. Styling is by classes only (`dossier.css` beside this file: the
 * site's Content-Security-Policy allows no inline style); the page imports that stylesheet.
 */
export function renderDossierHtml(dossier: Dossier, document: DossierDocument, nominationId?: number): string {
  return writeHtml(dossierDocument(dossier, document, nominationId));
}

export function writeHtml(model: DocumentModel): string {
  return `<article class="dossier" lang="vi" aria-label="${escapeHtml(model.title)}">${model.blocks.map(block).join('')}</article>`;
}

function classes(...names: (string | false | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}

function run(r: Run): string {
  let html = r.text
    .split(/\r?\n/)
    .map(escapeHtml)
    .join('<br>');
  if (r.size) html = `<span class="dossier-pt-${r.size}">${html}</span>`;
  if (r.underline) html = `<u>${html}</u>`;
  if (r.italic) html = `<em>${html}</em>`;
  if (r.bold) html = `<strong>${html}</strong>`;
  return html;
}

function paragraph(p: ParagraphBlock): string {
  const cls = classes(
    'dossier-p',
    p.role && `dossier-${p.role}`,
    p.align && `dossier-align-${p.align}`,
    p.indent && 'dossier-indent',
    p.before && `dossier-before-${p.before}`,
    p.keepNext && 'dossier-keep-next',
  );
  return `<p class="${cls}">${p.runs.map(run).join('')}</p>`;
}

function block(b: Block): string {
  switch (b.kind) {
    case 'paragraph':
      return paragraph(b);
    case 'rule':
      return `<hr class="dossier-rule dossier-w-${b.width}">`;
    case 'pageBreak':
      return '<hr class="dossier-page-break">';
    case 'columns':
      return `<div class="dossier-columns dossier-${b.role}">${b.cells
        .map((cell, i) => `<div class="dossier-column dossier-w-${b.widths[i]}">${cell.map(block).join('')}</div>`)
        .join('')}</div>`;
    case 'table': {
      const cols = b.columns.map((c) => `<col class="dossier-w-${c.width}">`).join('');
      const head = b.columns.map((c) => `<th scope="col">${escapeHtml(c.header)}</th>`).join('');
      const rows = b.rows
        .map(
          (row) =>
            `<tr>${row
              .map((cell, i) => {
                const align = b.columns[i].align;
                return `<td${align ? ` class="dossier-align-${align}"` : ''}>${cell.map((line) => `<span class="dossier-line">${line.map(run).join('')}</span>`).join('')}</td>`;
              })
              .join('')}</tr>`,
        )
        .join('');
      return `<table class="dossier-table"><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
    }
  }
}
