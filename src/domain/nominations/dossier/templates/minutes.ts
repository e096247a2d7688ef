import type { Dossier, DossierNominee } from '../data';
import type { Block, DocumentModel } from '../model';
import type { VoteOutcome } from '../../council';
import { body, cell, count2, decimal, dots, dottedLine, field, shortDots, masthead, numberedTable, p, signatures, title, vietnameseDate } from './administrative';
import { awardLabel, movement, positionAndUnit, proposer, proposerShort } from './phrases';
import { postingBlocks } from './posting-minutes';

/** "7/9": votes for out of the members present; dots for a vote not recorded yet. */
export function voteLine(n: Pick<DossierNominee, 'vote'>, present: number | null): string {
  return n.vote && present !== null ? `${n.vote.for}/${present}` : `${shortDots}/${shortDots}`;
}

/** "77,78%" of the base the council's rule counts on, or empty without a vote. */
export function voteShare(n: Pick<DossierNominee, 'vote'>, meeting: Dossier['meeting']): string {
  const base = meeting.approvalBase === 'membership' ? meeting.councilMembership : meeting.membersPresentCount;
  return n.vote && base ? `${decimal((n.vote.for / base) * 100)}%` : '';
}

const outcomeText: Record<VoteOutcome, string> = { proposed: 'Đề nghị khen thưởng', notProposed: 'Không đề nghị', pending: '' };

const votingMethodText = { show_of_hands: 'biểu quyết giơ tay', secret_ballot: 'bỏ phiếu kín' } as const;

/** The council's rule, as the minutes state it: "từ 70% trở lên tính trên tổng số thành viên Hội đồng". */
function ruleText(meeting: Dossier['meeting']): string {
  return `tỷ lệ phiếu đồng ý từ ${meeting.approvalPercent}% trở lên tính trên ${meeting.approvalBase === 'membership' ? 'tổng số thành viên Hội đồng' : 'tổng số thành viên dự họp'}`;
}

/** What the council concluded: the vote's outcome, never "thống nhất" regardless of it. */
function conclusion(dossier: Dossier): Block[] {
  const { meeting, nominees } = dossier;
  if (meeting.councilMembership === null || meeting.membersPresentCount === null) {
    return [body(`Kết luận: ${dottedLine}`)];
  }
  if (!meeting.quorumMet) {
    const rule = meeting.quorumRule === 'two_thirds' ? 'ít nhất 2/3' : 'quá nửa';
    return [
      body(
        `Cuộc họp có ${count2(meeting.membersPresentCount)}/${count2(meeting.councilMembership)} thành viên tham dự, không đủ ${rule} tổng số thành viên Hội đồng theo quy chế hoạt động của Hội đồng. Kết quả biểu quyết không có giá trị; Hội đồng không đề nghị khen thưởng các tập thể, cá nhân có tên trên.`,
      ),
    ];
  }
  const names = (list: DossierNominee[]) => list.map((n) => n.name).join('; ');
  const proposed = nominees.filter((n) => n.outcome === 'proposed');
  const refused = nominees.filter((n) => n.outcome === 'notProposed');
  const pending = nominees.filter((n) => n.outcome === 'pending');
  const blocks: Block[] = [body(`Căn cứ quy chế hoạt động của Hội đồng (${ruleText(meeting)}, tức ít nhất ${meeting.votesNeeded ?? dots} phiếu đồng ý), kết quả biểu quyết như sau:`)];
  if (proposed.length) blocks.push(body(`- Đề nghị ${proposer(dossier)} trình khen thưởng ${count2(proposed.length)} tập thể, cá nhân đạt tỷ lệ phiếu đồng ý: ${names(proposed)}.`));
  if (refused.length) blocks.push(body(`- Không đề nghị khen thưởng ${count2(refused.length)} tập thể, cá nhân không đạt tỷ lệ phiếu đồng ý: ${names(refused)}.`));
  if (pending.length) blocks.push(body(`- Chưa ghi kết quả biểu quyết: ${names(pending)}.`));
  if (!proposed.length && !pending.length) blocks.push(body('Hội đồng không đề nghị khen thưởng tập thể, cá nhân nào trong đợt này.'));
  return blocks;
}

/**
 * Biên bản họp xét của Hội đồng Thi đua – Khen thưởng (plan 40 III.3.1), drafted from the
 * meeting's data (council.ts): when and where, who chaired and took the minutes, how many of the
 * council's members were present, how the council voted, each nominee's votes for, against and
 * abstaining, and what the vote decided. The same layout serves both regimes.
 */
export function minutesDocument(dossier: Dossier): DocumentModel {
  const { batch, settings, nominees, meeting } = dossier;
  const members = batch.membersPresent;
  const present = meeting.membersPresentCount;
  const attendance =
    present !== null && meeting.councilMembership !== null
      ? `Thành phần tham dự: ${count2(present)}/${count2(meeting.councilMembership)} thành viên Hội đồng${members.length ? ', gồm:' : '.'}`
      : null;
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
    field('Chủ trì', batch.meetingChair),
    field('Thư ký', batch.meetingSecretary),
    attendance ? p(attendance, { align: 'justify', indent: true, role: 'field' }) : field('Thành phần tham dự', null),
    ...members.map((m) => p(`- ${m}`, { align: 'justify', indent: true, role: 'member' })),
    body(
      `Nội dung: Hội đồng Thi đua – Khen thưởng ${proposerShort(dossier)} đã xem xét hồ sơ, thành tích của các tập thể, cá nhân đề nghị khen thưởng trong ${movement(dossier)} (${batch.title}) và ${meeting.votingMethod ? votingMethodText[meeting.votingMethod] : dots}; kết quả như sau:`,
    ),
    numberedTable(
      5,
      [
        { header: 'Tên tập thể, cá nhân', width: 25 },
        { header: 'Hình thức khen thưởng', width: 20 },
        { header: 'Đồng ý/ dự họp', width: 10, align: 'center' },
        { header: 'Không đồng ý', width: 10, align: 'center' },
        { header: 'Không biểu quyết', width: 10, align: 'center' },
        { header: 'Tỷ lệ đồng ý', width: 10, align: 'center' },
        { header: 'Kết quả', width: 10, align: 'center' },
      ],
      nominees,
      (n) => [
        [[{ text: n.name, bold: true }], ...(n.type === 'individual' && (n.position || n.unit) ? [[{ text: positionAndUnit(n), italic: true }]] : [])],
        cell(awardLabel(n.awardForm)),
        cell(voteLine(n, present)),
        cell(n.vote ? String(n.vote.against) : ''),
        cell(n.vote ? String(n.vote.abstaining) : ''),
        cell(voteShare(n, meeting)),
        cell(outcomeText[n.outcome], { bold: n.outcome === 'proposed' }),
      ],
    ),
    // The public posting and the citizens' comments (issue #13 item 4): its own block.
    ...postingBlocks(dossier),
    ...conclusion(dossier),
    body(`Cuộc họp kết thúc vào hồi ${dots} giờ ${dots} cùng ngày. Biên bản đã được thông qua tại cuộc họp./.`),
    field('Ý kiến khác (nếu có)', null),
    signatures({ authority: ['Thư ký'], note: '(Ký, ghi rõ họ và tên)', name: batch.meetingSecretary }, { authority: ['Chủ tịch Hội đồng'], note: '(Ký, ghi rõ họ và tên)', name: batch.meetingChair }),
  ];
  return { title: `Biên bản họp xét – ${batch.title}`, blocks };
}
