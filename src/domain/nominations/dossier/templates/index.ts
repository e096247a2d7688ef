import type { Dossier, DossierNominee } from '../data';
import type { DocumentModel } from '../model';
import { reportDocument as mau08Nd98 } from './mau-08-nd98-2023';
import { minutesDocument } from './minutes';
import { proposalDocument } from './proposal';
import type { DossierTemplateId } from './registry';

/** The achievement report's layout per template id (registry.ts maps a campaign to one). */
const reports: Record<DossierTemplateId, (dossier: Dossier, nominee: DossierNominee) => DocumentModel> = {
  'mau-08-nd98-2023': mau08Nd98,
};

export function reportLayout(dossier: Dossier, nominee: DossierNominee): DocumentModel {
  return reports[dossier.settings.template](dossier, nominee);
}

export { minutesDocument, proposalDocument };
