/**
 * Decree 152/2025/NĐ-CP of 14/06/2025 "quy định về phân cấp, phân quyền trong lĩnh vực thi đua,
 * khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng"
 * (title as the Government announced it, baomoi.net.vn "Phân cấp, phân quyền trong lĩnh vực thi
 * đua, khen thưởng"). Article 59: in force from 01/07/2025, repealing Decree 98/2023/NĐ-CP.
 *
 * Its appendix of forms for award dossiers lists eleven achievement reports (thuvienphapluat.vn,
 * "Tải file 11 mẫu báo cáo thành tích theo Nghị định 152/2025", as stored in
 * github.com/tnt305/tai_lieu_noi_bo src/etl/dataset/0a2c9cdccc620fd0.md), the seventh of which is
 * "Báo cáo thành tích đề nghị khen thưởng thi đua theo chuyên đề" — the report for a theme-based
 * movement such as this one. NOT VERIFIED: the form's number. The list gives the forms in order
 * without their numbers; "Mẫu số 07" is its place in that list. Check it against the appendix
 * before the first dossier of a 2025-or-later campaign is signed.
 */
import { achievementReport } from '../achievement-report';
import type { LegalRegime } from './regime';

export const regime: LegalRegime = {
  id: 'nd152-2025',
  inForceFrom: '2025-07-01',
  decree: 'Nghị định số 152/2025/NĐ-CP',
  reportForm: 'Mẫu số 07',
  basis: [
    'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;',
    'Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng;',
  ],
  report: (dossier, nominee) =>
    achievementReport(dossier, nominee, { title: 'BÁO CÁO THÀNH TÍCH', subject: ['ĐỀ NGHỊ KHEN THƯỞNG THI ĐUA THEO CHUYÊN ĐỀ'] }),
};
