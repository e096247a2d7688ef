import { and, asc, count, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database, Queryable } from '@db/client';
import { campaigns, entries, nominationBatches, nominationEntries, nominations, nomineeComments, organisations, users } from '@db/schema';
import type { SessionUser } from '@/auth/session';
import { recordAudit } from '@/domain/audit/record';
import { vietnamDay } from '@/domain/campaigns/campaigns';
import type { Context } from '@/domain/context';
import { DomainError, type Problem } from '@/domain/errors';
import { plainText } from '@/domain/fields';
import { requireRoleFor } from '@/domain/permissions';
import { formatDate } from '@/i18n';
import { nomineeColumns, nomineeName, withBackingEntries, withNominee } from './joins';
import { lockOpenBatch } from './transitions';

/*
 * Public posting of a batch's nominees (công khai) before the council meets.
 *
 * Law on Emulation and Commendation No. 06/2022/QH15, art. 5: commendation is "chính xác, công
 * khai, minh bạch, công bằng, kịp thời" (Chapter I, vietjack.me/phap-luat/luat-thi-dua-khen-thuong-2022/chuong-i-633.html).
 * Decree 98/2023/NĐ-CP art. 46(2) (as quoted by vietnam.vn/?p=1196536 and hanoimoi.vn/print/657783.html):
 * whoever proposes the state-level awards of Law art. 84(5) posts the list of nominees on the
 * ministry's or province's media "ít nhất 10 ngày làm việc trước khi họp hội đồng thi đua – khen
 * thưởng". Decree 152/2025/NĐ-CP (baomoi.net.vn, "Phân cấp, phân quyền trong lĩnh vực thi đua,
 * khen thưởng") replaced it; its article on posting, and whether posting binds a provincial
 * Chairman's Bằng khen, could not be read in the stored sources. The province may post anyway
 * (the principle of art. 5), so the window is a campaign setting, 10 working days by default.
 *
 * Working days are Monday to Friday. Public holidays (Tết, 30/4, 2/9…) are not taken out: their
 * dates move with the lunar calendar and the Government's yearly notices, and a window is "at
 * least" so many days; a coordinator posting over a holiday sets a longer window on the campaign.
 */

/** The window's bounds on the campaign form (campaigns.ts `campaignLimits.postingWindowDays`). */
export const commentLimits = {
  /** Comments from one client address per hour, across every batch (as the reset form bounds requests). */
  perClientAddress: 5,
  windowMs: 3_600_000,
  nameLength: 200,
  contactLength: 200,
  bodyLength: 4000,
  handlingLength: 4000,
} as const;

const dayMs = 86_400_000;

/** `2026-12-17` as the pages write a day: `17/12/2026`. */
export function dayLabel(day: string): string {
  return day.split('-').reverse().join('/');
}

/** The `n`th working day (Monday–Friday) after `day` (`YYYY-MM-DD`): the last day of a window posted on `day`. */
export function addWorkingDays(day: string, n: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    date.setTime(date.getTime() + dayMs);
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return date.toISOString().slice(0, 10);
}

interface PostedBatch {
  postedAt: Date | null;
  postingEndsOn: string | null;
}

/** Comments are taken from the posting day through the window's last day, Vietnam time. */
export function isPostingOpen(batch: PostedBatch, now: Date): boolean {
  return batch.postedAt !== null && batch.postingEndsOn !== null && now >= batch.postedAt && vietnamDay(now) <= batch.postingEndsOn;
}

/**
 * What the posting forbids for the council's meeting and the sending, as problems for the form:
 * the meeting is held after the window's last day; the batch is not sent while the window is open
 * or while a comment has no recorded handling. A batch never posted has none of these problems
 * (the campaign decides whether it posts; see the note above).
 */
export async function postingProblems(
  tx: Queryable,
  batch: PostedBatch & { id: number },
  check: { meetingDate?: string | null; sending?: boolean; now: Date },
): Promise<Problem[]> {
  if (!batch.postedAt || !batch.postingEndsOn) return [];
  const problems: Problem[] = [];
  const ends = dayLabel(batch.postingEndsOn);
  if (check.meetingDate && check.meetingDate <= batch.postingEndsOn) {
    problems.push({ key: 'posting.errors.meetingInWindow', field: 'meetingDate', params: { date: ends } });
  }
  if (check.sending) {
    if (isPostingOpen(batch, check.now)) problems.push({ key: 'posting.errors.windowOpen', params: { date: ends } });
    const [{ unhandled }] = await tx
      .select({ unhandled: count() })
      .from(nomineeComments)
      .where(and(eq(nomineeComments.batchId, batch.id), isNull(nomineeComments.handledAt)));
    if (unhandled > 0) problems.push({ key: 'posting.errors.unhandledComments', params: { count: unhandled } });
  }
  return problems;
}

/** The coordinator posts a draft batch's nominees: the posting day starts the campaign's window. */
export async function postBatch(db: Database, coordinator: SessionUser, batchId: number, { now = new Date(), ip }: Context = {}) {
  requireRoleFor(coordinator, 'nominations.postBatch');
  return db.transaction(async (tx) => {
    const batch = await lockOpenBatch(tx, batchId);
    if (batch.postedAt) throw new DomainError('posting.errors.alreadyPosted', undefined, 'CONFLICT', { date: formatDate(batch.postedAt) });
    const [{ members }] = await tx.select({ members: count() }).from(nominations).where(eq(nominations.batchId, batchId));
    if (members === 0) throw new DomainError('nominations.errors.batchEmpty', undefined, 'CONFLICT');
    const [campaign] = await tx.select({ days: campaigns.postingWindowDays }).from(campaigns).where(eq(campaigns.id, batch.campaignId));
    const postingEndsOn = addWorkingDays(vietnamDay(now), campaign.days);
    await tx.update(nominationBatches).set({ postedAt: now, postingEndsOn, postedById: coordinator.id }).where(eq(nominationBatches.id, batchId));
    await recordAudit(tx, { action: 'batch_posted', actorId: coordinator.id, ip, subjectType: 'batch', subjectId: batchId, details: { postingEndsOn, windowDays: campaign.days }, at: now });
    return { postingEndsOn };
  });
}

export interface CommentInput {
  batchId: number;
  /** One nominee of the batch, or none for the list as a whole. */
  nominationId?: number;
  name: string;
  contact: string;
  body: string;
}

/**
 * A citizen's comment, no account: stored as plain text (pages escape it), only while the batch's
 * window is open, at most `perClientAddress` an hour from one address. `limited` means nothing
 * was stored.
 */
export async function commentOnNominees(db: Database, input: CommentInput, { now = new Date(), ip }: Context = {}): Promise<{ stored: true } | { stored: false; reason: 'limited' }> {
  const name = plainText(input.name).trim();
  const contact = plainText(input.contact).trim();
  const body = plainText(input.body).trim();
  const problems: Problem[] = [];
  if (!name) problems.push({ key: 'posting.errors.nameRequired', field: 'name' });
  if (!contact) problems.push({ key: 'posting.errors.contactRequired', field: 'contact' });
  if (body.length < 5) problems.push({ key: 'posting.errors.bodyRequired', field: 'body' });
  if (problems.length) throw DomainError.of(problems);
  return db.transaction(async (tx) => {
    const [batch] = await tx.select().from(nominationBatches).where(eq(nominationBatches.id, input.batchId)).for('update');
    if (!batch?.postedAt) throw DomainError.notFound();
    if (!isPostingOpen(batch, now)) {
      throw new DomainError(now < batch.postedAt ? 'posting.errors.notOpen' : 'posting.errors.closed', undefined, 'CONFLICT', { date: dayLabel(batch.postingEndsOn ?? '') });
    }
    if (input.nominationId !== undefined) {
      const [member] = await tx.select({ id: nominations.id }).from(nominations).where(and(eq(nominations.id, input.nominationId), eq(nominations.batchId, batch.id)));
      if (!member) throw new DomainError('posting.errors.nomineeUnknown', 'nominationId');
    }
    if (ip) {
      // One address at a time, so two requests at once cannot both pass the bound.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`nominee-comment:${ip}`}))`);
      const since = new Date(now.getTime() - commentLimits.windowMs);
      const [{ recent }] = await tx.select({ recent: count() }).from(nomineeComments).where(and(eq(nomineeComments.ip, ip), gt(nomineeComments.createdAt, since)));
      if (recent >= commentLimits.perClientAddress) return { stored: false as const, reason: 'limited' as const };
    }
    const [row] = await tx
      .insert(nomineeComments)
      .values({ batchId: batch.id, nominationId: input.nominationId ?? null, authorName: name, contact, body, ip, createdAt: now })
      .returning({ id: nomineeComments.id });
    await recordAudit(tx, { action: 'nominee_comment_received', ip, subjectType: 'nominee_comment', subjectId: row.id, details: { batchId: batch.id, nominationId: input.nominationId ?? null }, at: now });
    return { stored: true as const };
  });
}

/** The coordinator records how a comment was handled (checked, answered, the nominee withdrawn…) while the batch is open. */
export async function handleComment(db: Database, coordinator: SessionUser, commentId: number, handling: string, { now = new Date(), ip }: Context = {}) {
  requireRoleFor(coordinator, 'nominations.handleComment');
  const text = plainText(handling).trim();
  if (text.length < 5) throw new DomainError('posting.errors.handlingRequired', `handling-${commentId}`);
  await db.transaction(async (tx) => {
    const [comment] = await tx.select().from(nomineeComments).where(eq(nomineeComments.id, commentId)).for('update');
    if (!comment) throw DomainError.notFound();
    await lockOpenBatch(tx, comment.batchId);
    await tx.update(nomineeComments).set({ handling: text, handledById: coordinator.id, handledAt: now }).where(eq(nomineeComments.id, commentId));
    await recordAudit(tx, { action: 'nominee_comment_handled', actorId: coordinator.id, ip, subjectType: 'nominee_comment', subjectId: commentId, details: { batchId: comment.batchId, handling: text }, at: now });
  });
}

const handler = alias(users, 'handler');

/** A batch's comments, oldest first, with the nominee they concern and who handled them. */
export async function commentsOfBatch(db: Queryable, batchId: number) {
  const rows = await withNominee(
    db
      .select({
        id: nomineeComments.id,
        nominationId: nomineeComments.nominationId,
        authorName: nomineeComments.authorName,
        contact: nomineeComments.contact,
        body: nomineeComments.body,
        createdAt: nomineeComments.createdAt,
        handling: nomineeComments.handling,
        handledAt: nomineeComments.handledAt,
        handledBy: handler.name,
        ...nomineeColumns,
      })
      .from(nomineeComments)
      .leftJoin(handler, eq(handler.id, nomineeComments.handledById))
      // A comment on the whole list has no nomination, and so no nominee.
      .leftJoin(nominations, eq(nominations.id, nomineeComments.nominationId))
      .$dynamic(),
  )
    .where(eq(nomineeComments.batchId, batchId))
    .orderBy(asc(nomineeComments.createdAt), asc(nomineeComments.id));
  return rows.map(({ userName, organisationName, ...r }) => ({ ...r, nominee: userName ?? organisationName }));
}

export type BatchComment = Awaited<ReturnType<typeof commentsOfBatch>>[number];

/** The posting of a batch as the dossier's minutes tell it. */
export interface PostingRecord {
  postedAt: Date;
  postingEndsOn: string;
  comments: BatchComment[];
}

export async function postingOf(db: Queryable, batch: { id: number; postedAt: Date | null; postingEndsOn: string | null }): Promise<PostingRecord | null> {
  if (!batch.postedAt || !batch.postingEndsOn) return null;
  return { postedAt: batch.postedAt, postingEndsOn: batch.postingEndsOn, comments: await commentsOfBatch(db, batch.id) };
}

/**
 * `/nominees/<year>`: the campaign of that year and its posted batches, each with its nominees and
 * the works they rest on (title, outlet, press type, link), in three queries. Nothing of a batch
 * not posted; undefined when the year has no campaign.
 */
export async function postedNominees(db: Queryable, year: number) {
  const [campaign] = await db.select({ id: campaigns.id, year: campaigns.year, title: campaigns.title }).from(campaigns).where(eq(campaigns.year, year));
  if (!campaign) return undefined;
  const batches = await db
    .select({ id: nominationBatches.id, title: nominationBatches.title, postedAt: nominationBatches.postedAt, postingEndsOn: nominationBatches.postingEndsOn })
    .from(nominationBatches)
    .where(and(eq(nominationBatches.campaignId, campaign.id), isNotNull(nominationBatches.postedAt)))
    .orderBy(asc(nominationBatches.postedAt), asc(nominationBatches.id));
  const batchIds = batches.map((b) => b.id);
  const [nominees, works] = batchIds.length
    ? await Promise.all([
        withNominee(db.select({ id: nominations.id, batchId: nominations.batchId, awardForm: nominations.awardForm, ...nomineeColumns }).from(nominations).$dynamic())
          .where(inArray(nominations.batchId, batchIds))
          .orderBy(asc(nominations.id)),
        withBackingEntries(
          db
            .select({ nominationId: nominationEntries.nominationId, title: entries.title, pressType: entries.pressType, kind: entries.kind, url: entries.url, outlet: organisations.name })
            .from(nominationEntries)
            .$dynamic(),
        )
          .where(inArray(nominations.batchId, batchIds))
          .orderBy(asc(entries.title)),
      ])
    : [[], []];
  return {
    campaign,
    batches: batches.map((b) => ({
      ...b,
      nominees: nominees
        .filter((n) => n.batchId === b.id)
        .map((n) => ({ id: n.id, awardForm: n.awardForm, name: nomineeName(n), works: works.filter((w) => w.nominationId === n.id) })),
    })),
  };
}

/** The years with a posted list, for the sitemap. */
export async function postedYears(db: Queryable): Promise<number[]> {
  const rows = await db
    .selectDistinct({ year: campaigns.year })
    .from(nominationBatches)
    .innerJoin(campaigns, eq(campaigns.id, nominationBatches.campaignId))
    .where(isNotNull(nominationBatches.postedAt))
    .orderBy(asc(campaigns.year));
  return rows.map((r) => r.year);
}
