import type { DossierDocument } from '@db/schema';
import { DomainError } from '@/domain/errors';
import { parseId } from '@/domain/fields';

/** Which document of a batch a URL asks for: `?document=proposal|minutes|report[&nomination=N]`. */
export function requestedDocument(params: URLSearchParams): { document: DossierDocument; nominationId?: number } {
  const document = params.get('document');
  if (document !== 'proposal' && document !== 'minutes' && document !== 'report') throw DomainError.notFound();
  return { document, nominationId: document === 'report' ? parseId(params.get('nomination')) : undefined };
}

export function documentQuery(part: { document: DossierDocument; nominationId: number | null }): string {
  return `document=${part.document}${part.nominationId ? `&nomination=${part.nominationId}` : ''}`;
}

/** The id of a document's upload input on the dossier page, where the message about its file belongs. */
export function scanInputId(part: { document: DossierDocument; nominationId: number | null }): string {
  return `dossier-scan-${part.document}${part.nominationId ? `-${part.nominationId}` : ''}`;
}
