import { vietnamDay } from '@/domain/campaigns/campaigns';
import type { LegalRegime } from './regimes/regime';

/**
 * Which law a dossier document is drafted under: the regime in force on its proposal date
 * (DESIGN.md "Nominations and the dossier"). Every module in regimes/ that exports a `regime` is
 * one; a new decree is a new module there, and the dossiers proposed before it keep theirs.
 */
const modules = import.meta.glob<{ regime?: LegalRegime }>('./regimes/*.ts', { eager: true });

/** Oldest first. */
export const legalRegimes: readonly LegalRegime[] = Object.values(modules)
  .flatMap((m) => (m.regime ? [m.regime] : []))
  .sort((a, b) => a.inForceFrom.localeCompare(b.inForceFrom));

/** The regime in force on `day` (`YYYY-MM-DD`); before the first one, the first one. */
export function regimeOn(day: string): LegalRegime {
  let found = legalRegimes[0];
  for (const r of legalRegimes) if (r.inForceFrom <= day) found = r;
  return found;
}

/**
 * The regime a batch's documents follow: that of its proposal date, or of today while the date
 * is not yet filled in (the day it would be proposed).
 */
export function regimeOfProposal(proposalDate: string | null, now = new Date()): LegalRegime {
  return regimeOn(proposalDate ?? vietnamDay(now));
}

/**
 * What a campaign's dossiers will follow: the regime in force on its nominations deadline, the
 * last day a batch can be proposed (a decree signed after that is not known yet).
 */
export function regimeOfCampaign(campaign: { nominationsDueAt: Date }): LegalRegime {
  return regimeOn(vietnamDay(campaign.nominationsDueAt));
}

export interface DossierSettings {
  /** The province, for the place-date line. */
  province: string;
  /** The plan that launched the movement, cited as a basis in the proposal; null if none is known. */
  plan: string | null;
  /** Symbols after the number (Decree 30/2020 Appendix III): the letter's and the minutes'. */
  proposalSymbol: string;
  minutesSymbol: string;
}

const defaults: Omit<DossierSettings, 'proposalSymbol'> = {
  province: 'Quảng Ninh',
  plan: null,
  minutesSymbol: 'BB-HĐTĐKT',
};

/** Per campaign year; a year not listed takes the defaults. */
const byCampaignYear: Record<number, Partial<DossierSettings>> = {
  2024: {
    // Plan 40 III.3.1 names the dossier.
    plan: 'Kế hoạch số 40/KH-UBND ngày 19 tháng 02 năm 2024 của Ủy ban nhân dân tỉnh phát động phong trào thi đua “Đẩy mạnh cải cách hành chính” trên địa bàn tỉnh Quảng Ninh năm 2024',
  },
};

/** The proposal symbol is the campaign's (its presiding department's, e.g. `TTr-SVHTTDL`). */
export function dossierSettingsFor(campaign: { year: number; proposalSymbol: string }): DossierSettings {
  return { ...defaults, ...byCampaignYear[campaign.year], proposalSymbol: campaign.proposalSymbol };
}
