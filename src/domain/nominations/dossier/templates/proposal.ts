import type { Dossier } from '../data';
import type { Block, DocumentModel } from '../model';
import { body, cell, count2, dots, masthead, numberedTable, p, signature, title, vietnameseDate } from './administrative';
import { awardForms, awardLabel, chairman, movement, nomineeCounts, positionAndUnit, proposer, proposerShort, proposerSuperior } from './phrases';

/** "Số: 123/TTr-SVHTTDL" with the campaign's symbol; a number typed whole ("123/TTr-SVHTTDL") is kept as typed. */
export function proposalNumberLine(dossier: Dossier): string {
  const number = dossier.batch.proposalNumber;
  if (number?.includes('/')) return `Số: ${number}`;
  return `Số: ${number ?? dots}/${dossier.settings.proposalSymbol || dots}`;
}

/**
 * Tờ trình đề nghị khen thưởng (plan 40 III.3.1): the proposing department's letter to the
 * Chairman of the Provincial People's Committee, through Home Affairs, which appraises it
 * (plan 40 III.3.2), listing each nominee with the award asked and a line of achievement.
 */
export function proposalDocument(dossier: Dossier): DocumentModel {
  // Only the nominees the council's vote carried (or not voted on yet, in a draft).
  const { batch, settings, proposed: nominees } = dossier;
  const forms = awardForms(nominees);
  const basis = [
    // The law in force on the proposal date (templates/registry.ts).
    ...dossier.regime.basis,
    ...(settings.plan ? [`Căn cứ ${settings.plan};`] : []),
    `Căn cứ kết quả họp xét của Hội đồng Thi đua – Khen thưởng ${proposerShort(dossier)} ${vietnameseDate(batch.meetingDate)};`,
  ];
  const blocks: Block[] = [
    masthead({ superior: proposerSuperior(dossier), issuer: proposerShort(dossier), number: proposalNumberLine(dossier), province: settings.province, date: batch.proposalDate }),
    ...title('TỜ TRÌNH', [`Về việc đề nghị tặng ${forms || dots} cho các tập thể, cá nhân có thành tích trong ${movement(dossier)}`]),
    p([{ text: `Kính gửi: ${chairman(dossier)}` }], { align: 'center', before: 12, role: 'recipient' }),
    ...(dossier.appraisingBody ? [p([{ text: `(qua ${dossier.appraisingBody})` }], { align: 'center', role: 'recipient' })] : []),
    p([{ text: '' }], { role: 'spacer' }),
    ...basis.map((line) => body(line)),
    body(`${proposer(dossier)} kính trình ${chairman(dossier)} xem xét, tặng ${forms || dots} cho ${nomineeCounts(nominees) || dots} đã có thành tích trong ${movement(dossier)}, cụ thể như sau:`),
    numberedTable(
      10,
      [
        { header: 'Tên tập thể, cá nhân', width: 20 },
        { header: 'Chức vụ, đơn vị', width: 20 },
        { header: 'Hình thức khen thưởng', width: 20 },
        { header: 'Tóm tắt thành tích', width: 30 },
      ],
      nominees,
      (n) => [cell(n.name, { bold: true }), cell(positionAndUnit(n)), cell(awardLabel(n.awardForm)), cell(n.achievementLine)],
    ),
    body(`(Hồ sơ kèm theo gồm: Biên bản họp xét của Hội đồng Thi đua – Khen thưởng; ${nominees.length ? count2(nominees.length) : dots} báo cáo thành tích có xác nhận của cấp trình khen thưởng.)`),
    body(`${proposer(dossier)} kính trình ${chairman(dossier)} xem xét, quyết định./.`),
    {
      kind: 'columns',
      role: 'signatures',
      widths: [45, 55],
      cells: [
        [
          p([{ text: 'Nơi nhận:', bold: true, italic: true, size: 12 }], { role: 'recipients-title' }),
          p([{ text: '- Như trên;', size: 11 }], { role: 'recipients' }),
          ...(dossier.appraisingBody ? [p([{ text: `- ${dossier.appraisingBody};`, size: 11 }], { role: 'recipients' })] : []),
          p([{ text: '- Lưu: VT, TĐKT.', size: 11 }], { role: 'recipients' }),
        ],
        signature({ authority: ['Giám đốc'] }),
      ],
    },
  ];
  return { title: `Tờ trình – ${batch.title}`, blocks };
}
