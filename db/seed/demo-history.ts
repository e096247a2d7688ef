import { randomUUID } from 'node:crypto';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../client';
import { addWorkingDays } from '../../src/domain/nominations/posting';
import {
  assignments,
  awardDecisions,
  campaigns,
  entries,
  entryAuthors,
  nominationBatches,
  nominationEntries,
  nominations,
  panelMembers,
  rubricCriteria,
  scoreItems,
  type ArticleAngle,
  type EntryStatus,
  type ParArea,
  type PressType,
} from '../schema';

/*
 * A year of the movement as the province lives it, written in bulk (a few statements per table,
 * not one transaction per entry) so that `npm start` on an empty database stays quick: entries of
 * every outlet, three scores each against the campaign's rubric, a ranking, the shortlist, a batch
 * sent to Home Affairs and the Chairman's decision. The demo accounts' own entries of the current
 * year go through the domain functions instead (demo-entries.ts), so their timelines are real.
 * Names of people are invented.
 */

/** A deterministic generator: the same demo on every machine. */
export function sequence(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  };
}

const surnames = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Dương', 'Lý'];
const middles = ['Thị', 'Văn', 'Minh', 'Thu', 'Đức', 'Thanh', 'Ngọc', 'Quang', 'Hải', 'Phương'];
const givens = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hạnh', 'Khánh', 'Linh', 'Mai', 'Nam', 'Oanh', 'Phúc', 'Quân', 'Sơn', 'Trang', 'Vân', 'Yến', 'Hiếu', 'Thảo', 'Tùng'];

/** An invented Vietnamese name. */
export function personName(rand: ReturnType<typeof sequence>): string {
  return `${rand.pick(surnames)} ${rand.pick(middles)} ${rand.pick(givens)}`;
}

const subjects = [
  'Bộ phận một cửa', 'Dịch vụ công trực tuyến', 'Chuyển đổi số cấp xã', 'Chính quyền hai cấp', 'Thủ tục đất đai',
  'Cải cách thủ tục hành chính', 'Chữ ký số cho người dân', 'Công chức tận tụy', 'Ngân sách minh bạch', 'Sáp nhập đơn vị hành chính',
  'Trung tâm Phục vụ hành chính công', 'Hồ sơ sức khỏe điện tử', 'Cấp đổi giấy tờ tại nhà', 'Tiếp công dân', 'Chỉ số hài lòng',
];
const places = ['Hạ Long', 'Cẩm Phả', 'Uông Bí', 'Móng Cái', 'Đông Triều', 'Quảng Yên', 'Vân Đồn', 'Cô Tô', 'Bình Liêu', 'Tiên Yên', 'Hải Hà', 'Đầm Hà', 'Ba Chẽ'];
const angles: ArticleAngle[] = ['propagation', 'model', 'shortcomings', 'exemplary'];
const areaSets: ParArea[][] = [
  ['procedures'], ['digital_government'], ['procedures', 'digital_government'], ['apparatus'], ['civil_service'],
  ['public_finance'], ['institutions'], ['apparatus', 'civil_service'], ['procedures', 'civil_service'],
];

/** What an outlet of this kind mostly publishes. */
const pressTypesOf: Record<string, PressType[]> = {
  media_centre: ['online', 'print', 'television', 'radio', 'multimedia', 'photo'],
  central_press: ['online', 'print', 'photo', 'radio'],
  local_media: ['radio', 'online', 'television'],
  press: ['online', 'print'],
  broadcaster: ['television', 'radio'],
};

export interface DemoOutlet {
  id: number;
  kind: string;
  /** Journalists (user ids) who write its entries; the first one submits its collective entries. */
  writers: number[];
  /** How many entries it sends in a year, relative to the others. */
  weight: number;
}

export interface YearPlan {
  campaignId: number;
  year: number;
  /** How many entries of each status (the sum is the year's entries). */
  statuses: Partial<Record<EntryStatus, number>>;
  outlets: DemoOutlet[];
  /** Scorers (user id with their organisation) on the panel. */
  panel: { id: number; organisationId: number }[];
  coordinatorId: number;
  /** Entries of a status in `inReviewScored` have this share of their assignments already scored. */
  inReviewScoredShare?: number;
  /** The batch to Home Affairs and the decision on it; absent for a year still running. */
  awards?: {
    title: string;
    proposalNumber: string;
    proposalDate: string;
    meetingDate: string;
    meetingPlace: string;
    /** Those present, one a line in the minutes; the whole council is as many (all attended). */
    members: string[];
    chair: string;
    secretary: string;
    sentAt: Date;
    decisionNumber: string;
    decisionDate: string;
    /** Collective nominees (organisation ids), in order; individuals come from the best entries. */
    collectives: number[];
    individuals: number;
    rejected: number;
  };
}

export interface YearResult {
  entryIds: number[];
  /** Shortlisted entries, best first, with their authors and organisation. */
  best: { id: number; organisationId: number; authorId: number }[];
  /** Entries backing an approved nomination. */
  awardedEntryIds: number[];
}

async function chunked<T>(rows: T[], size: number, insert: (part: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** Days of a year, Vietnam time, as stored for a publication date. */
function dayOf(year: number, rand: ReturnType<typeof sequence>, lastMonth = 10): string {
  const month = rand.int(2, lastMonth);
  const day = rand.int(1, 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const local = (isoDate: string, time = '09:00:00') => new Date(`${isoDate}T${time}+07:00`);
/** Three weeks before the meeting: ten working days later the posting has ended. */
const postedOn = (meetingDate: string) => new Date(Date.parse(`${meetingDate}T00:00:00Z`) - 21 * 86_400_000).toISOString().slice(0, 10);

/**
 * One year of entries, scores, shortlist and (for a finished year) its batch and decision.
 * The entries with a score are ranked by how they were scored; the best are shortlisted.
 */
export async function seedDemoYear(db: Database, plan: YearPlan): Promise<YearResult> {
  const rand = sequence(plan.year);
  const totalWeight = plan.outlets.reduce((s, o) => s + o.weight, 0);
  const statusList = Object.entries(plan.statuses).flatMap(([status, n]) => Array.from({ length: n ?? 0 }, () => status as EntryStatus));
  const lastMonth = plan.awards ? 10 : 11;

  // Outlets in proportion to their weight, in a shuffled order.
  const outletOf = (i: number) => {
    let point = ((i * 7919) % totalWeight) + 0.5;
    for (const o of plan.outlets) {
      point -= o.weight;
      if (point < 0) return o;
    }
    return plan.outlets[0];
  };

  const rows = statusList.map((status, i) => {
    const outlet = outletOf(i);
    const initiative = i % 9 === 4;
    const collective = !initiative && i % 11 === 0;
    const pressType = rand.pick(pressTypesOf[outlet.kind] ?? ['online']);
    const subject = rand.pick(subjects);
    const place = rand.pick(places);
    const publishedOn = dayOf(plan.year, rand, lastMonth);
    const timed = pressType === 'radio' || pressType === 'television';
    const title = initiative
      ? `Sáng kiến: ${subject.toLocaleLowerCase('vi')} ở ${place} qua ${rand.pick(['mạng xã hội', 'loa truyền thanh', 'bản tin video ngắn', 'nhóm Zalo khu dân cư'])}`
      : `${subject} ở ${place}${rand.pick(['', ' – nhìn từ cơ sở', ': chuyện người thật, việc thật', ' sau một năm', ' và người dân'])} (${plan.year}, số ${i + 1})`;
    return {
      campaignId: plan.campaignId,
      kind: initiative ? ('initiative' as const) : ('article' as const),
      status,
      collective,
      organisationId: outlet.id,
      createdById: outlet.writers[collective ? 0 : i % outlet.writers.length],
      formKey: randomUUID(),
      title,
      parAreas: rand.pick(areaSets),
      angle: initiative ? null : rand.pick(angles),
      pressType: initiative ? null : pressType,
      programme: initiative ? null : rand.pick(['Chuyên mục Cải cách hành chính', 'Bản tin thời sự', 'Chính quyền với người dân', 'Chuyên trang Chuyển đổi số']),
      publishedOn: initiative ? null : publishedOn,
      // Now and then a series of three episodes, a week apart at most (the rules allow five).
      seriesEpisodes: !initiative && i % 17 === 3 ? 3 : null,
      lastPublishedOn: !initiative && i % 17 === 3 ? `${publishedOn.slice(0, 8)}${String(Math.min(28, Number(publishedOn.slice(8)) + 6)).padStart(2, '0')}` : null,
      // The declaration of prizes already won (the 2026 rules ask for it): now and then a local prize.
      priorAwardLevel: initiative ? null : i % 13 === 6 ? ('local' as const) : ('none' as const),
      priorAwardDetails: !initiative && i % 13 === 6 ? `Giải B, Giải báo chí của cơ quan năm ${plan.year}` : null,
      url: initiative ? null : `https://demo.quangninh.vn/${plan.year}/${outlet.id}/${i + 1}`,
      urlKey: initiative || status === 'draft' || status === 'withdrawn' ? null : `demo.quangninh.vn/${plan.year}/${outlet.id}/${i + 1}`,
      lengthValue: initiative ? null : timed ? rand.int(3, 25) : rand.int(800, 2500),
      lengthUnit: initiative ? null : timed ? ('minutes' as const) : ('words' as const),
      summaryHtml: `<p>${title}: ${rand.pick(['người dân được giải quyết thủ tục nhanh hơn', 'cán bộ cơ sở thay đổi cách làm', 'những điểm nghẽn được chỉ ra và khắc phục', 'mô hình được nhân rộng ra các xã, phường'])}.</p>`,
      problemHtml: initiative ? '<p>Người dân ở xa khó tiếp cận hướng dẫn thủ tục hành chính.</p>' : '',
      solutionHtml: initiative ? '<p>Hướng dẫn ngắn, đều đặn, trên kênh người dân đã dùng hằng ngày.</p>' : '',
      appliedWhere: initiative ? `${place}, tỉnh Quảng Ninh` : null,
      appliedSince: initiative ? publishedOn : null,
      effectHtml: initiative ? `<p>Tỷ lệ hồ sơ trực tuyến tăng ${rand.int(10, 40)} điểm phần trăm.</p>` : '',
      returnReason: status === 'returned' ? 'Bổ sung bản PDF của bài và số liệu dẫn trong bài.' : null,
      submittedAt: status === 'draft' ? null : local(publishedOn, '10:00:00'),
      createdAt: local(publishedOn, '08:00:00'),
      updatedAt: local(publishedOn, '10:00:00'),
    };
  });

  const entryIds: number[] = [];
  await chunked(rows, 200, async (part) => {
    const ids = await db.insert(entries).values(part).returning({ id: entries.id });
    entryIds.push(...ids.map((r) => r.id));
  });
  const inserted = rows.map((r, i) => ({ ...r, id: entryIds[i] }));

  // Authors: the submitter, and now and then a colleague of the same outlet.
  const authorRows = inserted.flatMap((e, i) => {
    if (e.collective) return [];
    const outlet = plan.outlets.find((o) => o.id === e.organisationId)!;
    const colleague = outlet.writers.find((w) => w !== e.createdById);
    return [{ entryId: e.id, userId: e.createdById, position: 0 }, ...(colleague && i % 4 === 1 ? [{ entryId: e.id, userId: colleague, position: 1 }] : [])];
  });
  await chunked(authorRows, 500, (part) => db.insert(entryAuthors).values(part));

  await db.insert(panelMembers).values(plan.panel.map((s) => ({ campaignId: plan.campaignId, userId: s.id }))).onConflictDoNothing();
  const criteria = await db.select().from(rubricCriteria).where(eq(rubricCriteria.campaignId, plan.campaignId)).orderBy(asc(rubricCriteria.position));

  // Three scorers per entry in review or after, none of the entry's own organisation, load balanced.
  const load = new Map(plan.panel.map((s) => [s.id, 0]));
  const quality = new Map<number, number>();
  const assignmentRows: { entryId: number; scorerId: number; assignedAt: Date; scoreStatus: 'draft' | 'submitted' | null; comment: string; total: number | null; submittedAt: Date | null }[] = [];
  const itemsFor: number[][] = [];
  for (const e of inserted) {
    if (!['in_review', 'scored', 'shortlisted'].includes(e.status)) continue;
    const base = rand.int(52, 92);
    quality.set(e.id, base);
    const scorers = plan.panel
      .filter((s) => s.organisationId !== e.organisationId)
      .sort((a, b) => load.get(a.id)! - load.get(b.id)! || a.id - b.id)
      .slice(0, 3);
    scorers.forEach((s, k) => {
      load.set(s.id, load.get(s.id)! + 1);
      const scored = e.status !== 'in_review' || rand.next() < (plan.inReviewScoredShare ?? 0) * (k === 0 ? 1.5 : 0.5);
      const share = Math.min(1, Math.max(0.3, (base + rand.int(-8, 8)) / 100));
      const points = criteria.map((c) => Math.max(0, Math.min(c.maxPoints, Math.round(c.maxPoints * share))));
      const assignedAt = local(`${plan.year}-11-0${1 + (k % 5)}`);
      assignmentRows.push({
        entryId: e.id,
        scorerId: s.id,
        assignedAt,
        scoreStatus: scored ? 'submitted' : null,
        comment: scored ? rand.pick(['Bám sát nội dung CCHC, có số liệu.', 'Hình thức hấp dẫn, cần thêm ý kiến người dân.', 'Phát hiện vấn đề kịp thời.', 'Tác phẩm công phu.']) : '',
        total: scored ? points.reduce((a, b) => a + b, 0) : null,
        submittedAt: scored ? local(`${plan.year}-11-1${k % 10}`) : null,
      });
      itemsFor.push(scored ? points : []);
    });
  }
  const assignmentIds: number[] = [];
  await chunked(assignmentRows, 300, async (part) => {
    const ids = await db.insert(assignments).values(part).returning({ id: assignments.id });
    assignmentIds.push(...ids.map((r) => r.id));
  });
  const itemRows = assignmentIds.flatMap((assignmentId, i) => itemsFor[i].map((points, c) => ({ assignmentId, criterionId: criteria[c].id, points })));
  await chunked(itemRows, 1000, (part) => db.insert(scoreItems).values(part));

  const best = inserted
    .filter((e) => e.status === 'shortlisted')
    .sort((a, b) => quality.get(b.id)! - quality.get(a.id)! || a.id - b.id)
    .map((e) => ({ id: e.id, organisationId: e.organisationId, authorId: e.createdById, collective: e.collective }));

  const awardedEntryIds: number[] = [];
  const notAwardedEntryIds: number[] = [];
  if (plan.awards) {
    const a = plan.awards;
    // The Chairman's decision, one for the batch's approved nominees (nominations/outcomes.ts).
    const [campaign] = await db.select({ awarding: campaigns.awardingOrganisationId }).from(campaigns).where(eq(campaigns.id, plan.campaignId));
    const [decision] = await db
      .insert(awardDecisions)
      .values({ authorityOrganisationId: campaign.awarding!, year: Number(a.decisionDate.slice(0, 4)), number: a.decisionNumber, decidedOn: a.decisionDate, recordedAt: local(a.decisionDate) })
      .returning({ id: awardDecisions.id });
    const [batch] = await db
      .insert(nominationBatches)
      .values({
        campaignId: plan.campaignId,
        title: a.title,
        proposalNumber: a.proposalNumber,
        proposalDate: a.proposalDate,
        meetingDate: a.meetingDate,
        meetingPlace: a.meetingPlace,
        membersPresent: a.members.join('\n'),
        meetingChair: a.chair,
        meetingSecretary: a.secretary,
        councilMembership: a.members.length,
        membersPresentCount: a.members.length,
        votingMethod: 'secret_ballot',
        status: 'sent',
        // Posted for citizens' comments three weeks before the council met (nominations/posting.ts):
        // the ten working days had ended by the meeting.
        postedAt: local(postedOn(a.meetingDate)),
        postingEndsOn: addWorkingDays(postedOn(a.meetingDate), 10),
        postedById: plan.coordinatorId,
        sentAt: a.sentAt,
        createdById: plan.coordinatorId,
      })
      .returning({ id: nominationBatches.id });
    const individuals = best.filter((e) => !e.collective);
    const chosen = [
      ...a.collectives.map((organisationId) => ({ type: 'collective' as const, organisationId, entries: best.filter((e) => e.organisationId === organisationId && e.collective).slice(0, 2) })),
      ...individuals
        .filter((e, i, all) => all.findIndex((o) => o.authorId === e.authorId) === i)
        .slice(0, a.individuals + a.rejected)
        .map((e) => ({ type: 'individual' as const, userId: e.authorId, entries: [e] })),
    ].filter((n) => n.entries.length);
    const used = new Set<number>();
    for (const [i, n] of chosen.entries()) {
      const entriesOf = n.entries.filter((e) => !used.has(e.id));
      if (!entriesOf.length) continue;
      entriesOf.forEach((e) => used.add(e.id));
      const rejected = n.type === 'individual' && i >= chosen.length - a.rejected;
      const [row] = await db
        .insert(nominations)
        .values({
          campaignId: plan.campaignId,
          batchId: batch.id,
          nomineeType: n.type,
          nomineeUserId: n.type === 'individual' ? n.userId : null,
          nomineeOrganisationId: n.type === 'collective' ? n.organisationId : null,
          awardForm: 'provincial_certificate',
          achievementSummary:
            n.type === 'collective'
              ? `Cơ quan hoàn thành xuất sắc nhiệm vụ tuyên truyền cải cách hành chính năm ${plan.year}, có tác phẩm đạt điểm cao của đợt thi đua.`
              : `Có tác phẩm tuyên truyền cải cách hành chính được Hội đồng chấm điểm cao trong năm ${plan.year}.`,
          collectiveCriteria:
            n.type === 'collective' ? { completedParTasks: true, metEmulationContent: true, parIndexRating: 'good', evidence: `Báo cáo kết quả CCHC năm ${plan.year}.` } : null,
          eligibilityDeclared: true,
          status: rejected ? 'rejected' : 'approved',
          // Every one carried the council's vote (70% of the members: 4 of 5); Home Affairs refused one.
          votesAgree: a.members.length - (rejected ? 1 : i % 2),
          votesAgainst: rejected ? 1 : 0,
          votesAbstaining: rejected ? 0 : i % 2,
          decisionId: rejected ? null : decision.id,
          decisionNumber: rejected ? null : a.decisionNumber,
          decisionDate: rejected ? null : a.decisionDate,
          reason: rejected ? 'Thành tích chưa tiêu biểu so với các trường hợp được đề nghị.' : null,
          createdById: plan.coordinatorId,
          createdAt: local(a.meetingDate),
          updatedAt: local(a.decisionDate),
        })
        .returning({ id: nominations.id });
      await db.insert(nominationEntries).values(entriesOf.map((e) => ({ nominationId: row.id, entryId: e.id, campaignId: plan.campaignId })));
      (rejected ? notAwardedEntryIds : awardedEntryIds).push(...entriesOf.map((e) => e.id));
    }
    // The outcome reached the entries the nominations rest on.
    if (awardedEntryIds.length) await db.update(entries).set({ status: 'awarded' }).where(inArray(entries.id, awardedEntryIds));
    if (notAwardedEntryIds.length) await db.update(entries).set({ status: 'not_awarded' }).where(inArray(entries.id, notAwardedEntryIds));
  }
  return { entryIds, best, awardedEntryIds };
}
