import type { DossierDocument } from '@db/schema';
import { DomainError } from '@/domain/errors';
import type { Translate } from '@/i18n';
import { nomineeOf, type Dossier } from './data';
import type { Block, DocumentModel } from './model';
import { minutesDocument, proposalDocument } from './templates';

/**
 * The layout of one document of the dossier: the proposal, the minutes, or the achievement
 * report of one nominee (`nominationId`); a report without one is every nominee's report, each
 * starting on a new page, to print the lot at once.
 */
export function dossierDocument(dossier: Dossier, document: DossierDocument, nominationId?: number): DocumentModel {
  switch (document) {
    case 'proposal':
      return proposalDocument(dossier);
    case 'minutes':
      return minutesDocument(dossier);
    case 'report': {
      if (nominationId !== undefined) return dossier.regime.report(dossier, nomineeOf(dossier, nominationId));
      if (dossier.proposed.length === 0) throw new DomainError('nominations.errors.batchEmpty', undefined, 'CONFLICT');
      const blocks: Block[] = dossier.proposed.flatMap((n, i) => [...(i ? [{ kind: 'pageBreak' } as const] : []), ...dossier.regime.report(dossier, n).blocks]);
      return { title: `Báo cáo thành tích – ${dossier.batch.title}`, blocks };
    }
    default:
      throw new DomainError('errors.notFoundTitle', 'document', 'NOT_FOUND');
  }
}

/**
 * A download's name: "Tờ trình đề nghị khen thưởng – Đợt trình tháng 11-2024.docx". Characters
 * file systems refuse become hyphens; the route passes it through attachmentDisposition.
 */
export function dossierFileName(dossier: Dossier, document: DossierDocument, extension: 'docx' | 'pdf', t: Translate, nominationId?: number): string {
  const label =
    document === 'report'
      ? nominationId === undefined
        ? `${t('nominations.dossier.allReports')} – ${dossier.batch.title}`
        : t('nominations.dossier.reportOf', { nominee: nomineeOf(dossier, nominationId).name })
      : `${t(`nominations.dossier.documents.${document}`)} – ${dossier.batch.title}`;
  return `${label.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '-').trim()}.${extension}`;
}
