import { awardForms as allAwardForms, type AwardForm } from '@db/schema';
import { translate } from '@/i18n';
import type { Dossier, DossierNominee } from '../data';
import { count2, dots, lowerFirst, withoutProvince } from './administrative';

/*
 * The documents go to a Vietnamese authority whatever the interface language: their labels come
 * from the Vietnamese catalogue, never the reader's.
 */

export function awardLabel(form: AwardForm): string {
  return translate('vi', `nominations.awardForms.${form}`);
}

/** "phong trào thi đua “Đẩy mạnh cải cách hành chính” năm 2024 – khối báo chí". */
export function movement(dossier: Dossier): string {
  return lowerFirst(dossier.campaign.title);
}

/** The proposing department as the letter names it (dots to fill in if none is set up). */
export function proposer(dossier: Dossier): string {
  return dossier.proposingBody ?? dots;
}

/** The same, short, under a masthead that already names the province. */
export function proposerShort(dossier: Dossier): string {
  return withoutProvince(proposer(dossier), dossier.settings.province);
}

/** The awarding authority's head: "Chủ tịch Ủy ban nhân dân tỉnh Quảng Ninh" (dots if the campaign names none). */
export function chairman(dossier: Dossier): string {
  return `Chủ tịch ${dossier.awardingBody?.name ?? dots}`;
}

/** The body above the proposing department in its masthead: the awarding authority, short. */
export function proposerSuperior(dossier: Dossier): string | null {
  return dossier.awardingBody?.shortName ?? null;
}

/** "02 tập thể và 03 cá nhân". */
export function nomineeCounts(nominees: readonly DossierNominee[]): string {
  const collectives = nominees.filter((n) => n.type === 'collective').length;
  const individuals = nominees.length - collectives;
  return [collectives ? `${count2(collectives)} tập thể` : '', individuals ? `${count2(individuals)} cá nhân` : ''].filter(Boolean).join(' và ');
}

/** The award forms of a batch, in the order of the catalogue ("Bằng khen của Chủ tịch UBND tỉnh"). */
export function awardForms(nominees: readonly DossierNominee[]): string {
  return allAwardForms
    .filter((form) => nominees.some((n) => n.awardForm === form))
    .map(awardLabel)
    .join(', ');
}

/** "Phóng viên, Báo Hạ Long" for a person; empty for a collective. */
export function positionAndUnit(nominee: DossierNominee): string {
  return [nominee.position, nominee.unit].filter(Boolean).join(', ');
}
