/**
 * The achievement report (Báo cáo thành tích) every regime so far asks for in an emulation
 * movement by theme: the superior body and the reporting unit on the left, the national name and
 * motto on the right, the place and date; the title naming the award and the movement; the
 * nominee with position and unit, written out in full; I. general information (for a person:
 * name, date of birth, home town, residence, unit, position, qualifications; for a collective:
 * address, founding, structure, staff, functions and tasks); II. the achievements in the
 * movement; the signatures of the reporter (or the unit's head) and the confirming level. A
 * regime (regimes/) gives its form's heading; a regime whose form differs in more lays out its own.
 *
 * What the platform does not hold (a date of birth, a collective's staff) is left as a dotted
 * line to fill in by hand: the draft is printed, completed, signed and scanned back.
 */
import { translate } from '@/i18n';
import type { Dossier, DossierEntry, DossierNominee } from '../data';
import type { Block, DocumentModel, Run, TableCell } from '../model';
import { body, cell, count2, decimal, dots, field, heading, masthead, numberedTable, p, shortDate, signature, signatures, title, type Signature } from './administrative';
import { awardLabel, movement, positionAndUnit, proposerShort } from './phrases';

function entryType(entry: DossierEntry): string {
  if (entry.kind === 'initiative' || !entry.pressType) return translate('vi', `entries.kinds.${entry.kind}`);
  return translate('vi', `entries.pressTypes.${entry.pressType}`);
}

function entryCell(entry: DossierEntry): TableCell {
  const lines: Run[][] = [[{ text: entry.title }]];
  if (entry.programme?.trim()) lines.push([{ text: `Chuyên mục, chương trình: ${entry.programme.trim()}`, size: 12 }]);
  if (!entry.collective && entry.authors.length > 1) lines.push([{ text: `Tác giả: ${entry.authors.join(', ')}`, size: 12 }]);
  if (entry.url) lines.push([{ text: entry.url, italic: true, size: 11 }]);
  return lines;
}

function entriesTable(entries: readonly DossierEntry[]): Block {
  return numberedTable(
    10,
    [
      { header: 'Tên tác phẩm, sáng kiến', width: 35 },
      { header: 'Loại hình', width: 15 },
      { header: 'Ngày đăng, phát sóng', width: 15, align: 'center' },
      { header: 'Điểm', width: 10, align: 'center' },
      { header: 'Xếp hạng', width: 15, align: 'center' },
    ],
    entries,
    (e) => [
      entryCell(e),
      cell(entryType(e)),
      cell(shortDate(e.publishedOn)),
      cell(e.score ? decimal(e.score.result) : 'Chưa chấm'),
      cell(e.score ? `${e.score.rank}/${e.score.rankedCount}` : ''),
    ],
  );
}

function generalInformation(nominee: DossierNominee): Block[] {
  if (nominee.type === 'individual') {
    return [
      heading('I. SƠ LƯỢC LÝ LỊCH'),
      field('Họ và tên', nominee.name),
      field('Ngày, tháng, năm sinh', null),
      field('Giới tính', null),
      field('Quê quán', null),
      field('Nơi thường trú', null),
      field('Đơn vị công tác', nominee.unit),
      field('Chức vụ (Đảng, chính quyền, đoàn thể)', nominee.position),
      field('Trình độ chuyên môn, nghiệp vụ', null),
    ];
  }
  return [
    heading('I. THÔNG TIN CHUNG'),
    field('Tên đơn vị', nominee.name),
    field('Địa chỉ trụ sở', null),
    field('Điện thoại, thư điện tử', null),
    field('Năm thành lập', null),
    field('Cơ cấu tổ chức', null),
    field('Tổng số cán bộ, công chức, viên chức và người lao động', null),
    field('Chức năng, nhiệm vụ được giao', null),
  ];
}

const met = (value: boolean) => (value ? 'Đạt' : 'Chưa đạt');

/** Plan 40 III.2: what a collective must meet for a Bằng khen, as the coordinator recorded it. */
function collectiveCriteria(dossier: Dossier, nominee: DossierNominee): Block[] {
  const c = nominee.collectiveCriteria;
  if (nominee.type !== 'collective' || !c) return [];
  const year = dossier.campaign.year;
  return [
    heading('3. Tiêu chuẩn khen thưởng đối với tập thể'),
    body(`- Hoàn thành tốt các nhiệm vụ được giao trong Kế hoạch cải cách hành chính năm ${year}: ${met(c.completedParTasks)}.`),
    body(`- Đạt hoặc vượt các nội dung thi đua theo chức năng, nhiệm vụ: ${met(c.metEmulationContent)}.`),
    body(`- Chỉ số cải cách hành chính năm ${year - 1}: ${translate('vi', `nominationPages.ratings.${c.parIndexRating}`)}.`),
    ...(c.evidence.trim() ? [body(`- Minh chứng: ${c.evidence.trim()}`)] : []),
  ];
}

/** What a regime's form puts in the report's title block. */
export interface ReportHeading {
  /** The document's name, bold: "BÁO CÁO THÀNH TÍCH". */
  title: string;
  /** Lines under it, bold (the award asked for and the movement are added after them). */
  subject?: string[];
}

export function achievementReport(dossier: Dossier, nominee: DossierNominee, form: ReportHeading): DocumentModel {
  const { settings } = dossier;
  const individual = nominee.type === 'individual';
  const unit = individual ? (nominee.unit ?? dots) : nominee.name;
  const scored = nominee.entries.filter((e) => e.score);
  const summary = nominee.achievementSummary
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const confirming: Signature = { authority: ['Xác nhận của cấp trình khen thưởng', proposerShort(dossier)], note: '(Ký, đóng dấu)' };
  const blocks: Block[] = [
    masthead({ superior: proposerShort(dossier), issuer: unit, number: null, province: settings.province, date: null }),
    ...title(form.title, [...(form.subject ?? []), `Đề nghị tặng ${awardLabel(nominee.awardForm)}`, `trong ${movement(dossier)}`]),
    p([{ text: nominee.name, bold: true }, ...(individual && positionAndUnit(nominee) ? [{ text: ` – ${positionAndUnit(nominee)}` }] : [])], {
      align: 'center',
      before: 6,
      role: 'nominee',
    }),
    ...generalInformation(nominee),
    heading('II. THÀNH TÍCH ĐẠT ĐƯỢC'),
    heading('1. Tóm tắt thành tích'),
    ...(summary.length ? summary.map((line) => body(line)) : [field('Thành tích', null)]),
    heading(`2. Tác phẩm, sáng kiến tham gia phong trào thi đua (${count2(nominee.entries.length)})`),
    entriesTable(nominee.entries),
    p(
      [
        {
          text:
            'Điểm: kết quả chấm của các thành viên chấm theo thang điểm 100 (điểm trung bình; từ 05 thành viên chấm trở lên, bỏ một điểm cao nhất và một điểm thấp nhất). ' +
            `Xếp hạng: thứ hạng trong số các tác phẩm, sáng kiến được xếp hạng của đợt thi đua.${scored.length < nominee.entries.length ? ' “Chưa chấm”: chưa có điểm chấm được gửi.' : ''}`,
          italic: true,
          size: 12,
        },
      ],
      { align: 'justify', role: 'note' },
    ),
    ...collectiveCriteria(dossier, nominee),
    individual
      ? signatures({ authority: ['Thủ trưởng đơn vị', 'xác nhận, đề nghị'], note: '(Ký, đóng dấu)' }, { authority: ['Người báo cáo thành tích'], note: '(Ký, ghi rõ họ và tên)', name: nominee.name })
      : signatures(confirming, { authority: ['Thủ trưởng đơn vị'], note: '(Ký, đóng dấu)' }),
    // A person's report is confirmed twice: by their unit's head, then by the proposing level.
    ...(individual ? [{ kind: 'columns', role: 'signatures', widths: [20, 60, 20], cells: [[], signature(confirming), []] } satisfies Block] : []),
  ];
  return { title: `Báo cáo thành tích – ${nominee.name}`, blocks };
}
