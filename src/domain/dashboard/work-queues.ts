import { and, asc, eq, exists, gte, inArray, isNull, notExists, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '@db/client';
import {
  assignments,
  campaigns,
  entries,
  entryAuthors,
  nominationBatches,
  nominationEntries,
  nominations,
  organisations,
  type Role,
} from '@db/schema';
import type { SessionUser } from '@/auth/session';
import { daysLeft } from '@/domain/campaigns/deadlines';
import { confirmableBy } from '@/domain/entries/rules';
import { nomineeColumns, withNominee } from '@/domain/nominations/joins';
import { unreadNotifications } from '@/domain/notifications/notifications';
import type { MessageKey } from '@/i18n';

/**
 * The dashboard as a work queue (issue 14): what waits for the reader, oldest first, with how many
 * and the days left to the campaign's deadline for that work.
 *
 * A queue holds the work the platform still accepts. Where a late action is refused (DESIGN.md
 * "late actions get a clear refusal": submitting after submission closes, scoring after scoring
 * closes, nominating after nominations are due, since a batch is sent only before that deadline)
 * the item leaves the queue with its deadline; where it is not refused (an outlet confirming after
 * submission closed, while scoring has not), it stays and shows the deadline as passed. Every queue
 * spans all campaigns, so work left in last year's movement is not hidden by this year's.
 *
 * The public comments on posted nominees (DESIGN.md) have no table yet, so the coordinator has no
 * comments queue; it is one more loader here once they do.
 */

export const queueIds = ['drafts', 'returnedEntries', 'toConfirm', 'toAssign', 'toScore', 'toNominate', 'toAppraise'] as const;
export type QueueId = (typeof queueIds)[number];

/** What each role's dashboard shows, in the order the work flows (DESIGN.md "Who uses it"). */
export const roleQueues: Record<Role, readonly QueueId[]> = {
  journalist: ['drafts', 'returnedEntries'],
  outlet_admin: ['toConfirm'],
  scorer: ['toScore'],
  // The coordinator confirms the entries an outlet admin authored (entries/rules.ts confirmsEntry).
  coordinator: ['toConfirm', 'toAssign', 'toNominate'],
  appraiser: ['toAppraise'],
  admin: [],
};

/**
 * The notices whose event a queue shows while the work waits (and drops once it is done): on the
 * dashboard they are not listed a second time beside it.
 */
const supersededNotices: Partial<Record<QueueId, MessageKey[]>> = {
  returnedEntries: ['entries.notices.returned'],
  toConfirm: ['entries.notices.submitted'],
  toScore: ['scoring.notices.assigned', 'scoring.notices.reopened'],
  toNominate: ['nominations.notices.returned'],
  toAppraise: ['nominations.notices.batchSent'],
};

/** How many items a queue lists; its count and its link lead to the rest. */
export const queueLength = 5;

export type ItemKind = 'draft' | 'returnedEntry' | 'toConfirm' | 'toAssign' | 'toScore' | 'shortlisted' | 'returnedNomination' | 'batch';

export interface QueueItem {
  kind: ItemKind;
  id: number;
  /** The entry's title, the nominee's name or the batch's title; '' for an untitled draft. */
  title: string;
  /** Where the work is done, without the locale prefix. */
  link: string;
  /** Since when it waits: the order of the queue, oldest first. */
  since: Date;
  /** The campaign's deadline for this work; null where the campaign sets none (appraisal). */
  deadline: Date | null;
  daysLeft: number | null;
  /** A reason given when it was sent back, the entry's organisation, or a batch's nominations waiting. */
  reason?: string | null;
  organisation?: string;
  waiting?: number;
  /** A scorer's saved draft score. */
  started?: boolean;
}

export interface WorkQueue {
  id: QueueId;
  total: number;
  items: QueueItem[];
  /** The section where the whole queue is worked through. */
  link: string;
}

const total = sql<number>`count(*) over ()`.mapWith(Number);

/** A person's own entries: submitted by them or naming them as a co-author (never a collective one). */
function authoredBy(userId: number): SQL {
  return and(
    eq(entries.collective, false),
    or(
      eq(entries.createdById, userId),
      exists(sql`(select 1 from ${entryAuthors} where ${entryAuthors.entryId} = ${entries.id} and ${entryAuthors.userId} = ${userId})`),
    ),
  )!;
}

type Row = { total: number; id: number; title: string; since: Date; deadline: Date | null };

function queueOf<R extends Row>(id: QueueId, link: string, rows: R[], item: (row: R) => Omit<QueueItem, 'id' | 'title' | 'since' | 'deadline' | 'daysLeft'>, now: Date): WorkQueue {
  return {
    id,
    link,
    total: rows[0]?.total ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      since: r.since,
      deadline: r.deadline,
      daysLeft: r.deadline ? daysLeft(r.deadline, now) : null,
      ...item(r),
    })),
  };
}

/** Entries of the person's own still in a submission window, with the columns every entry queue reads. */
function ownEntries(db: Queryable, userId: number, status: 'draft' | 'returned', since: typeof entries.createdAt | typeof entries.updatedAt, now: Date) {
  return db
    .select({ total, id: entries.id, title: entries.title, since, deadline: campaigns.submissionClosesAt, reason: entries.returnReason })
    .from(entries)
    .innerJoin(campaigns, eq(campaigns.id, entries.campaignId))
    .where(and(eq(entries.status, status), authoredBy(userId), gte(campaigns.submissionClosesAt, now)))
    .orderBy(asc(since), asc(entries.id))
    .limit(queueLength);
}

type Loader = (db: Queryable, user: SessionUser, now: Date) => Promise<WorkQueue>;

const loaders: Record<QueueId, Loader> = {
  /** A journalist's drafts not yet submitted, while the campaign still takes them. */
  async drafts(db, user, now) {
    const rows = await ownEntries(db, user.id, 'draft', entries.createdAt, now);
    return queueOf('drafts', '/app/entries?status=draft', rows, (r) => ({ kind: 'draft', link: `/app/entries/${r.id}/edit` }), now);
  },

  /** Entries the outlet returned to the journalist, with its reason, oldest return first. */
  async returnedEntries(db, user, now) {
    const rows = await ownEntries(db, user.id, 'returned', entries.updatedAt, now);
    return queueOf('returnedEntries', '/app/entries?status=returned', rows, (r) => ({ kind: 'returnedEntry', link: `/app/entries/${r.id}/edit`, reason: r.reason }), now);
  },

  /**
   * Members' entries submitted to the outlet (collective ones skip this step), until scoring
   * closes: for an outlet admin, those he did not author; for the coordinator, those an admin of
   * the outlet authored (entries/rules.ts `confirmsEntry`, here as `confirmableBy`).
   */
  async toConfirm(db, user, now) {
    const since = sql<Date>`coalesce(${entries.submittedAt}, ${entries.updatedAt})`.mapWith(entries.updatedAt);
    const rows = await db
      .select({ total, id: entries.id, title: entries.title, since, deadline: campaigns.submissionClosesAt })
      .from(entries)
      .innerJoin(campaigns, eq(campaigns.id, entries.campaignId))
      .where(and(confirmableBy(user), gte(campaigns.scoringClosesAt, now)))
      .orderBy(asc(since), asc(entries.id))
      .limit(queueLength);
    return queueOf('toConfirm', user.role === 'coordinator' ? '/app' : '/app/entries?status=submitted', rows, (r) => ({ kind: 'toConfirm', link: `/app/entries/${r.id}` }), now);
  },

  /** Confirmed entries without scorers; the confirmation is the entry's last change, so updatedAt is when it began to wait. */
  async toAssign(db, _user, now) {
    const rows = await db
      .select({ total, id: entries.id, title: entries.title, since: entries.updatedAt, deadline: campaigns.scoringClosesAt, organisation: organisations.name })
      .from(entries)
      .innerJoin(campaigns, eq(campaigns.id, entries.campaignId))
      .innerJoin(organisations, eq(organisations.id, entries.organisationId))
      .where(and(eq(entries.status, 'confirmed'), gte(campaigns.scoringClosesAt, now)))
      .orderBy(asc(entries.updatedAt), asc(entries.id))
      .limit(queueLength);
    return queueOf('toAssign', '/app/scoring', rows, (r) => ({ kind: 'toAssign', link: '/app/scoring#assign-title', organisation: r.organisation }), now);
  },

  /** The scorer's assignments not yet submitted, oldest assignment first, while scoring is open. */
  async toScore(db, user, now) {
    const rows = await db
      .select({ total, id: assignments.id, title: entries.title, since: assignments.assignedAt, deadline: campaigns.scoringClosesAt, scoreStatus: assignments.scoreStatus })
      .from(assignments)
      .innerJoin(entries, eq(entries.id, assignments.entryId))
      .innerJoin(campaigns, eq(campaigns.id, entries.campaignId))
      .where(
        and(
          eq(assignments.scorerId, user.id),
          or(isNull(assignments.scoreStatus), eq(assignments.scoreStatus, 'draft')),
          eq(entries.status, 'in_review'),
          gte(campaigns.scoringClosesAt, now),
        ),
      )
      .orderBy(asc(assignments.assignedAt), asc(assignments.id))
      .limit(queueLength);
    return queueOf('toScore', '/app/scoring', rows, (r) => ({ kind: 'toScore', link: `/app/scoring/${r.id}`, started: r.scoreStatus === 'draft' }), now);
  },

  /**
   * Nominations to prepare: shortlisted entries no nomination rests on yet, and nominations Home
   * Affairs returned for a supplement, merged oldest first, until the nominations are due.
   */
  async toNominate(db, _user, now) {
    const [shortlisted, returned] = await Promise.all([
      db
        .select({ total, id: entries.id, title: entries.title, since: entries.updatedAt, deadline: campaigns.nominationsDueAt })
        .from(entries)
        .innerJoin(campaigns, eq(campaigns.id, entries.campaignId))
        .where(
          and(
            eq(entries.status, 'shortlisted'),
            gte(campaigns.nominationsDueAt, now),
            notExists(db.select({ one: sql`1` }).from(nominationEntries).where(eq(nominationEntries.entryId, entries.id))),
          ),
        )
        .orderBy(asc(entries.updatedAt), asc(entries.id))
        .limit(queueLength),
      withNominee(
        db
          .select({
            total,
            id: nominations.id,
            // nomineeName() in SQL, as the other queues read their title.
            title: sql<string>`coalesce(${nomineeColumns.userName}, ${nomineeColumns.organisationName}, '')`,
            since: nominations.updatedAt,
            deadline: campaigns.nominationsDueAt,
            reason: nominations.reason,
          })
          .from(nominations)
          .innerJoin(campaigns, eq(campaigns.id, nominations.campaignId))
          .$dynamic(),
      )
        .where(and(eq(nominations.status, 'returned'), gte(campaigns.nominationsDueAt, now)))
        .orderBy(asc(nominations.updatedAt), asc(nominations.id))
        .limit(queueLength),
    ]);
    const a = queueOf('toNominate', '/app/nominations', shortlisted, () => ({ kind: 'shortlisted', link: '/app/nominations/new' }), now);
    const b = queueOf('toNominate', '/app/nominations', returned, (r) => ({ kind: 'returnedNomination', link: `/app/nominations/${r.id}/edit`, reason: r.reason }), now);
    // The first few of both lists hold the first few of their union.
    const items = [...a.items, ...b.items].sort((x, y) => x.since.getTime() - y.since.getTime() || kindOrder(x) - kindOrder(y) || x.id - y.id).slice(0, queueLength);
    return { ...a, total: a.total + b.total, items };
  },

  /** Batches sent to Home Affairs with nominations still undecided, the earliest sent first. */
  async toAppraise(db, _user, now) {
    const undecided = and(eq(nominations.batchId, nominationBatches.id), inArray(nominations.status, ['sent', 'in_appraisal']));
    const rows = await db
      .select({
        total,
        id: nominationBatches.id,
        title: nominationBatches.title,
        since: sql<Date>`coalesce(${nominationBatches.sentAt}, ${nominationBatches.createdAt})`.mapWith(nominationBatches.createdAt),
        // Home Affairs' appraisal has no deadline among the campaign's dates.
        deadline: sql<Date | null>`null`,
        waiting: sql<number>`(select count(*) from ${nominations} where ${undecided})`.mapWith(Number),
      })
      .from(nominationBatches)
      .where(and(eq(nominationBatches.status, 'sent'), exists(db.select({ one: sql`1` }).from(nominations).where(undecided))))
      .orderBy(asc(sql`coalesce(${nominationBatches.sentAt}, ${nominationBatches.createdAt})`), asc(nominationBatches.id))
      .limit(queueLength);
    return queueOf('toAppraise', '/app/appraisal', rows, (r) => ({ kind: 'batch', link: `/app/appraisal#batch-${r.id}`, waiting: r.waiting }), now);
  },
};

const kindOrder = (item: QueueItem) => (item.kind === 'returnedNomination' ? 0 : 1);

/**
 * Everything the dashboard shows: the role's queues and the unread notices no queue already
 * shows, in a fixed number of queries whatever the data (one per queue, two for the
 * nominations queue, two for the notices).
 */
export async function dashboardFor(db: Queryable, user: SessionUser, now = new Date()) {
  const ids = roleQueues[user.role];
  const [queues, notices] = await Promise.all([
    Promise.all(ids.map((id) => loaders[id](db, user, now))),
    unreadNotifications(db, user.id, 10, ids.flatMap((id) => supersededNotices[id] ?? [])),
  ]);
  // A queue a role has only by exception (the coordinator confirms what an outlet admin authored) shows only when something waits.
  const shown = queues.filter((q) => q.total > 0 || !exceptionalQueues[user.role]?.includes(q.id));
  return { queues: shown, waiting: shown.reduce((sum, q) => sum + q.total, 0), notices };
}

const exceptionalQueues: Partial<Record<Role, readonly QueueId[]>> = { coordinator: ['toConfirm'] };
