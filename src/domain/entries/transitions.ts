import { and, count, eq, inArray, ne } from 'drizzle-orm';
import type { Database, Queryable } from '@db/client';
import { campaigns, entries, entryAuthors, galleryItems, users, type EntryStatus } from '@db/schema';
import type { SessionUser } from '@/auth/session';
import { recordAudit } from '@/domain/audit/record';
import { isSubmissionOpen } from '@/domain/campaigns/deadlines';
import { DomainError, type Problem } from '@/domain/errors';
import { galleryChanged } from '@/domain/gallery/changes';
import { notify } from '@/domain/notifications/notifications';
import { isUniqueViolation } from '@/domain/postgres-errors';
import type { MessageKey } from '@/i18n';
import { missingForSubmission } from './completeness';
import { type LoadedEntry, loadEntryFor } from './load';
import { canTransition, enteredStatuses, type EntryTransition, entryTransitions } from './status';
import { urlKey } from './url';

interface Context {
  now?: Date;
  ip?: string;
}

const isAuthor = (user: SessionUser, entry: LoadedEntry) => entry.createdById === user.id || entry.authorUserIds.includes(user.id);
const isOutletAdminOf = (user: SessionUser, entry: LoadedEntry) => user.role === 'outlet_admin' && user.organisationId === entry.organisationId;

/**
 * One status change: under a row lock, checks who and from where, applies it, writes its audit row
 * and notifies whoever acts next, all in one transaction.
 */
async function transition(
  db: Database,
  user: SessionUser,
  entryId: number,
  name: EntryTransition,
  { now = new Date(), ip }: Context,
  rules: {
    allowed: (entry: LoadedEntry) => boolean;
    /** Already where this transition leads: a repeated request succeeds without a second change. */
    done?: (entry: LoadedEntry) => boolean;
    check?: (tx: Queryable, entry: LoadedEntry) => Promise<void>;
    set?: (entry: LoadedEntry) => Partial<typeof entries.$inferInsert>;
    reason?: string;
    notice: { key: MessageKey; to: (tx: Queryable, entry: LoadedEntry) => Promise<number[]> };
  },
): Promise<{ status: EntryStatus; changed: boolean }> {
  try {
    return await db.transaction(async (tx) => {
      const entry = await loadEntryFor(tx, user, entryId, { forUpdate: true });
      if (!rules.allowed(entry)) throw new DomainError('errors.forbiddenText', undefined, 'FORBIDDEN');
      if (rules.done?.(entry)) return { status: entry.status, changed: false };
      if (!canTransition(name, entry.status)) {
        throw new DomainError('entries.errors.wrongStatus', undefined, 'CONFLICT', { status: entry.status });
      }
      await rules.check?.(tx, entry);
      const to = entryTransitions[name].to;
      await tx
        .update(entries)
        .set({ ...rules.set?.(entry), status: to, updatedAt: now })
        .where(eq(entries.id, entry.id));
      await recordAudit(tx, {
        action: `entry_${name}`,
        actorId: user.id,
        ip,
        subjectType: 'entry',
        subjectId: entry.id,
        fromStatus: entry.status,
        toStatus: to,
        reason: rules.reason,
        at: now,
      });
      const recipients = (await rules.notice.to(tx, entry)).filter((id) => id !== user.id);
      await notify(tx, recipients, rules.notice.key, { title: entry.title }, `/app/entries/${entry.id}`);
      return { status: to, changed: true };
    });
  } catch (error) {
    // Two submissions of the same URL racing past the check meet the unique index instead.
    if (isUniqueViolation(error)) throw new DomainError('entries.errors.urlTaken', 'url', 'CONFLICT');
    throw error;
  }
}

async function outletAdmins(tx: Queryable, entry: LoadedEntry): Promise<number[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organisationId, entry.organisationId), eq(users.role, 'outlet_admin'), eq(users.active, true)));
  return rows.map((r) => r.id);
}

async function authors(_tx: Queryable, entry: LoadedEntry): Promise<number[]> {
  return entry.collective ? [] : [...new Set([entry.createdById, ...entry.authorUserIds])];
}

/** Every rule a submission must meet, gathered so the person sees them all at once. */
async function submissionCheck(tx: Queryable, entry: LoadedEntry, now: Date) {
  const [campaign] = await tx.select().from(campaigns).where(eq(campaigns.id, entry.campaignId));
  if (!isSubmissionOpen(campaign, now)) throw new DomainError('entries.errors.windowClosed', undefined, 'CONFLICT');
  const problems: Problem[] = missingForSubmission(entry, campaign);
  const key = entry.url ? urlKey(entry.url) : null;
  if (key) {
    const [taken] = await tx
      .select({ id: entries.id })
      .from(entries)
      .where(and(eq(entries.campaignId, entry.campaignId), eq(entries.urlKey, key), ne(entries.id, entry.id), inArray(entries.status, [...enteredStatuses])));
    if (taken) problems.push({ field: 'url', key: 'entries.errors.urlTaken' });
  }
  for (const authorId of entry.collective ? [] : entry.authorUserIds) {
    const [{ n }] = await tx
      .select({ n: count() })
      .from(entries)
      .innerJoin(entryAuthors, eq(entryAuthors.entryId, entries.id))
      .where(
        and(
          eq(entries.campaignId, entry.campaignId),
          eq(entryAuthors.userId, authorId),
          ne(entries.id, entry.id),
          inArray(entries.status, [...enteredStatuses]),
        ),
      );
    if (n >= campaign.entryLimitPerAuthor) {
      const [author] = await tx.select({ name: users.name }).from(users).where(eq(users.id, authorId));
      problems.push({ key: 'entries.errors.authorLimit', params: { name: author.name, limit: campaign.entryLimitPerAuthor } });
    }
  }
  if (problems.length) throw DomainError.of(problems);
  return key;
}

/** A journalist submits to their outlet; an outlet's collective entry goes straight to confirmed. */
export async function submitEntry(db: Database, user: SessionUser, entryId: number, context: Context = {}) {
  const now = context.now ?? new Date();
  let key: string | null = null;
  const probe = await loadEntryFor(db, user, entryId);
  const name: EntryTransition = probe.collective ? 'submitCollective' : 'submit';
  return transition(db, user, entryId, name, { ...context, now }, {
    allowed: (e) => (e.collective ? isOutletAdminOf(user, e) : user.role === 'journalist' && isAuthor(user, e)),
    done: (e) => e.status === entryTransitions[name].to,
    check: async (tx, e) => {
      key = await submissionCheck(tx, e, now);
    },
    set: () => ({ urlKey: key, submittedAt: now, returnReason: null }),
    notice: probe.collective
      ? { key: 'entries.notices.collectiveSubmitted', to: async () => [] }
      : { key: 'entries.notices.submitted', to: outletAdmins },
  });
}

export async function confirmEntry(db: Database, user: SessionUser, entryId: number, context: Context = {}) {
  return transition(db, user, entryId, 'confirm', context, {
    allowed: (e) => isOutletAdminOf(user, e) && !e.collective,
    done: (e) => e.status === 'confirmed',
    notice: { key: 'entries.notices.confirmed', to: authors },
  });
}

/** Returning needs a reason: the journalist must know what to fix. */
export async function returnEntry(db: Database, user: SessionUser, entryId: number, reason: string, context: Context = {}) {
  const why = reason.trim();
  if (why.length < 5) throw new DomainError('entries.errors.reasonRequired', 'reason');
  return transition(db, user, entryId, 'return', context, {
    allowed: (e) => isOutletAdminOf(user, e) && !e.collective,
    set: () => ({ returnReason: why }),
    reason: why,
    notice: { key: 'entries.notices.returned', to: authors },
  });
}

export async function withdrawEntry(db: Database, user: SessionUser, entryId: number, reason: string | undefined, context: Context = {}) {
  const why = reason?.trim() || undefined;
  const result = await transition(db, user, entryId, 'withdraw', context, {
    allowed: (e) => isOutletAdminOf(user, e) || (user.role === 'journalist' && isAuthor(user, e)),
    done: (e) => e.status === 'withdrawn',
    reason: why,
    set: () => ({ urlKey: null }),
    notice: {
      key: 'entries.notices.withdrawn',
      to: async (tx, e) => (user.role === 'outlet_admin' ? authors(tx, e) : e.status === 'draft' ? [] : outletAdmins(tx, e)),
    },
  });
  // A confirmed entry may already be a public model: withdrawn, it leaves the public pages at once.
  if (result.changed) {
    const [item] = await db.select({ id: galleryItems.id, slug: galleryItems.slug, year: galleryItems.year }).from(galleryItems).where(eq(galleryItems.entryId, entryId));
    if (item) await galleryChanged(db, { itemId: item.id, slug: item.slug, year: item.year });
  }
  return result;
}
