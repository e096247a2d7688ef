/**
 * Decree 98/2023/NĐ-CP of 31/12/2023, in force until 30/06/2025 (replaced by Decree 152/2025,
 * whose Article 59 repeals it from 01/07/2025). Plan 40/KH-UBND III.3.1 asks for the achievement
 * report after its Mẫu số 08: the report for an award in an emulation movement by period or by
 * theme (theo đợt thi đua hoặc theo chuyên đề), confirmed by the level that proposes the award.
 */
import { achievementReport } from '../achievement-report';
import type { LegalRegime } from './regime';

export const regime: LegalRegime = {
  id: 'nd98-2023',
  inForceFrom: '2024-01-01',
  decree: 'Nghị định số 98/2023/NĐ-CP',
  reportForm: 'Mẫu số 08',
  basis: [
    'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;',
    'Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;',
  ],
  report: (dossier, nominee) => achievementReport(dossier, nominee, { title: 'BÁO CÁO THÀNH TÍCH' }),
};
