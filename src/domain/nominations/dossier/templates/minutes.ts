import type { Dossier, DossierNominee } from '../data';
import type { Block, DocumentModel } from '../model';
import { body, count2, decimal, dots, field, shortDots, masthead, p, signatures, title, vietnameseDate } from './administrative';
import { awardLabel, movement, proposer, proposerShort } from './phrases';
import { postingBlocks } from './posting-minutes';

/** "7/9"; dots for a vote not recorded yet. */
export function voteLine(n: Pick<DossierNominee, 'votesAgree' | 'votesTotal'>): string {
  return n.votesAgree !== null && n.votesTotal !== null ? `${n.votesAgree}/${n.votesTotal}` : `${shortDots}/${shortDots}`;
}

/** "77,78%", or empty without a vote. */
export function voteShare(n: Pick<DossierNominee, 'votesAgree' | 'votesTotal'>): string {
  return n.votesAgree !== null && n.votesTotal ? `${decimal((n.votesAgree / n.votesTotal) * 100)}%` : '';
}

/**
 * Biên bản họp xét của Hội đồng Thi đua – Khen thưởng (plan 40 III.3.1): when and where the
 * council met, who was present, and each nominee's vote (agree out of the members voting).
 */
export function minutesDocument(dossier: Dossier): DocumentModel {
  const { batch, settings, nominees } = dossier;
  const members = batch.membersPresent;
  const blocks: Block[] = [
    masthead({
      superior: proposerShort(dossier),
      issuer: 'Hội đồng Thi đua – Khen thưởng',
      number: `Số: ${dots}/${settings.minutesSymbol}`,
      province: settings.province,
      date: batch.meetingDate,
    }),
    ...title('BIÊN BẢN', [`Họp xét đề nghị khen thưởng trong ${movement(dossier)}`]),
    field('Thời gian', batch.meetingDate ? `${vietnameseDate(batch.meetingDate)}, hồi ${dots} giờ ${dots}` : null),
    field('Địa điểm', batch.meetingPlace),
    members.length
      ? p(`Thành phần tham dự (${count2(members.length)} thành viên):`, { align: 'justify', indent: true, role: 'field' })
      : field('Thành phần tham dự', null),
    ...members.map((m) => p(`- ${m}`, { align: 'justify', indent: true, role: 'member' })),
    field('Chủ trì', null),
    field('Thư ký', null),
    body(
      `Nội dung: Hội đồng Thi đua – Khen thưởng ${proposerShort(dossier)} đã xem xét hồ sơ, thành tích của các tập thể, cá nhân đề nghị khen thưởng trong ${movement(dossier)} (${batch.title}) và biểu quyết như sau:`,
    ),
    {
      kind: 'table',
      columns: [
        { header: 'STT', width: 10, align: 'center' },
        { header: 'Tên tập thể, cá nhân', width: 35 },
        { header: 'Hình thức khen thưởng', width: 25 },
        { header: 'Số phiếu đồng ý/ tổng số', width: 15, align: 'center' },
        { header: 'Tỷ lệ', width: 15, align: 'center' },
      ],
      rows: nominees.map((n, i) => [
        [[{ text: String(i + 1) }]],
        [[{ text: n.name, bold: true }], ...(n.type === 'individual' && (n.position || n.unit) ? [[{ text: [n.position, n.unit].filter(Boolean).join(', '), italic: true }]] : [])],
        [[{ text: awardLabel(n.awardForm) }]],
        [[{ text: voteLine(n) }]],
        [[{ text: voteShare(n) }]],
      ]),
    },
    // The public posting and the citizens' comments (issue #13 item 4): its own block.
    ...postingBlocks(dossier),
    body(`Căn cứ kết quả biểu quyết, Hội đồng thống nhất để ${proposer(dossier)} trình khen thưởng các tập thể, cá nhân có tên trên theo quy định.`),
    body(`Cuộc họp kết thúc vào hồi ${dots} giờ ${dots} cùng ngày. Biên bản đã được thông qua tại cuộc họp./.`),
    field('Ý kiến khác (nếu có)', null),
    signatures({ authority: ['Thư ký'], note: '(Ký, ghi rõ họ và tên)' }, { authority: ['Chủ tịch Hội đồng'], note: '(Ký, ghi rõ họ và tên)' }),
  ];
  return { title: `Biên bản họp xét – ${batch.title}`, blocks };
}
