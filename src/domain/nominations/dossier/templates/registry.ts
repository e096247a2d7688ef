/**
 * Which forms a campaign's dossier follows. Decrees replace forms (Decree 91/2017's Mẫu 07 became
 * Decree 98/2023's Mẫu 08), and a dossier must follow the form in force for its campaign: a new
 * decree adds a template module and a line here, and earlier campaigns keep theirs.
 */
export const dossierTemplateIds = ['mau-08-nd98-2023'] as const;
export type DossierTemplateId = (typeof dossierTemplateIds)[number];

export interface DossierSettings {
  /** The layout of the achievement report (Báo cáo thành tích). */
  template: DossierTemplateId;
  /** The province, for the place-date line and the Chairman's title. */
  province: string;
  /** The plan that launched the movement, cited as a basis in the proposal; null if none is known. */
  plan: string | null;
  /** Symbols after the number (Decree 30/2020 Appendix III): the letter's and the minutes'. */
  proposalSymbol: string;
  minutesSymbol: string;
}

const defaults: DossierSettings = {
  template: 'mau-08-nd98-2023',
  province: 'Quảng Ninh',
  plan: null,
  proposalSymbol: 'TTr-STTTT',
  minutesSymbol: 'BB-HĐTĐKT',
};

/** Per campaign year; a year not listed takes the defaults. */
const byCampaignYear: Record<number, Partial<DossierSettings>> = {
  2024: {
    template: 'mau-08-nd98-2023',
    // Plan 40 III.3.1 names the dossier and Mẫu số 08 of Decree 98/2023.
    plan: 'Kế hoạch số 40/KH-UBND ngày 19 tháng 02 năm 2024 của Ủy ban nhân dân tỉnh phát động phong trào thi đua “Đẩy mạnh cải cách hành chính” trên địa bàn tỉnh Quảng Ninh năm 2024',
  },
};

export function dossierSettingsFor(campaignYear: number): DossierSettings {
  return { ...defaults, ...byCampaignYear[campaignYear] };
}
