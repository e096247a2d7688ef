import type { Dossier, DossierNominee } from '../../data';
import type { DocumentModel } from '../../model';

/**
 * A legal regime of emulation and commendation: the decree in force from a day on, what the
 * proposal cites, and the form of its achievement report. Each regime is one module in this
 * folder; registry.ts finds them all, so a new decree is one new file and the others stay as they are.
 */
export interface LegalRegime {
  id: string;
  /** The first day (`YYYY-MM-DD`) a dossier is drafted under it: its decree's entry into force. */
  inForceFrom: string;
  /** "Nghị định số 98/2023/NĐ-CP": the decree as the interface names it. */
  decree: string;
  /** The achievement report's form: "Mẫu số 08". */
  reportForm: string;
  /** The proposal's Căn cứ lines of law, in order, before the plan and the council's meeting. */
  basis: string[];
  report(dossier: Dossier, nominee: DossierNominee): DocumentModel;
}
