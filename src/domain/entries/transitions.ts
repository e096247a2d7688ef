import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Database, Queryable } from '@db/client';
import { campaigns, entries, evidenceFiles, galleryItems, users, type EntryStatus } from '@db/schema';
import { isEvidenceType } from './evidence/types';
import type { SessionUser } from '@/auth/session';
import { recordAudit } from '@/domain/audit/record';
import { isSubmissionOpen } from '@/domain/campaigns/deadlines';
import type { Context } from '@/domain/context';
import { DomainError, type Problem } from '@/domain/errors';
import { galleryChanged } from '@/domain/gallery/changes';
import { notify } from '@/domain/notifications/notifications';
import { isUniqueViolation } from '@/domain/postgres-errors';
import type { MessageKey } from '@/i18n';
import { missingForSubmission } from './completeness';
import { countedEntries } from './queries';
import { type LoadedEntry, loadEntryFor } from './load';
import { entryStepRules, pressRuleProblems } from './rules';
import { canTransition, enteredStatuses, type EntryTransition, entryTransitions } from './status';
import { urlKey } from './url';

/** How one step is taken beyond the table: what else it checks, sets and tells. */
export interface StepOptions {
  now: Date;
  ip?: string;
  /** Already where this step leads: a repeated request succeeds without a second change. */
  done?: (entry: LoadedEntry) => boolean;
  /** The step's own conditions, checked under the lock after the status. */
  check?: (tx: Queryable, entry: LoadedEntry) => Promise<void>;
  set?: (entry: LoadedEntry) => Partial<typeof entries.$inferInsert>;
  reason?: string;
  /** Who is told (never the actor), with the entry's title and link. */
  notice?: { key: MessageKey; to: (tx: Queryable, entry: LoadedEntry) => Promise<number[]> };
  /** The audit row names no actor: the panel, not its last scorer, completes an entry. */
  anonymous?: boolean;
}

/**
 * Every change of an entry's status, in the caller's transaction: locks the row, checks the
 * actor's rule (./rules.ts) and the step's table (./status.ts), updates, writes the audit row and
 * notifies whoever acts next, so the change, its audit row and its notices commit together.
 */
export async function changeEntryStatus(
  tx: Queryable,
  actor: SessionUser,
  entryId: number,
  step: EntryTransition,
  { now, ip, done, check, set, reason, notice, anonymous = false }: StepOptions,
): Promise<{ status: EntryStatus; changed: boolean }> {
  const entry = await loadEntryFor(tx, actor, entryId, { forUpdate: true });
  if (!entryStepRules[step](actor, entry)) throw DomainError.forbidden();
  if (done?.(entry)) return { status: entry.status, changed: false };
  if (!canTransition(step, entry.status)) {
    throw new DomainError('entries.errors.wrongStatus', undefined, 'CONFLICT', { status: entry.status });
  }
  await check?.(tx, entry);
  const { to, audit } = entryTransitions[step];
  await tx
    .update(entries)
    .set({ ...set?.(entry), status: to, updatedAt: now })
    .where(eq(entries.id, entry.id));
  await recordAudit(tx, {
    action: audit,
    actorId: anonymous ? undefined : actor.id,
    ip: anonymous ? undefined : ip,
    subjectType: 'entry',
    subjectId: entry.id,
    fromStatus: entry.status,
    toStatus: to,
    reason,
    at: now,
  });
  if (notice) {
    const recipients = (await notice.to(tx, entry)).filter((id) => id !== actor.id);
    await notify(tx, recipients, notice.key, { title: entry.title }, `/app/entries/${entry.id}`);
  }
  return { status: to, changed: true };
}

/** One step on one entry, in its own transaction. */
async function takeStep(db: Database, actor: SessionUser, entryId: number, step: EntryTransition, options: StepOptions) {
  try {
    return await db.transaction((tx) => changeEntryStatus(tx, actor, entryId, step, options));
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
  const files = await tx.select({ type: evidenceFiles.fileType }).from(evidenceFiles).where(eq(evidenceFiles.entryId, entry.id));
  problems.push(
    ...pressRuleProblems(
      { ...entry, authorCount: entry.collective ? 0 : entry.authors.length, evidenceTypes: files.map((f) => f.type).filter(isEvidenceType) },
      campaign,
      { submitting: true },
    ),
  );
  const key = entry.url ? urlKey(entry.url) : null;
  if (key) {
    const [taken] = await tx
      .select({ id: entries.id })
      .from(entries)
      .where(and(eq(entries.campaignId, entry.campaignId), eq(entries.urlKey, key), ne(entries.id, entry.id), inArray(entries.status, [...enteredStatuses])));
    if (taken) problems.push({ field: 'url', key: 'entries.errors.urlTaken' });
  }
  for (const authorId of entry.collective ? [] : entry.authorUserIds) {
    const n = await countedEntries(tx, entry.campaignId, authorId, entry.id);
    if (n >= campaign.entryLimitPerAuthor) {
      const [author] = await tx.select({ name: users.name }).from(users).where(eq(users.id, authorId));
      problems.push({ key: 'entries.errors.authorLimit', params: { name: author.name, limit: campaign.entryLimitPerAuthor } });
    }
  }
  if (problems.length) throw DomainError.of(problems);
  return key;
}

/** A journalist submits to their outlet; an outlet's collective entry goes straight to confirmed. */
export async function submitEntry(db: Database, user: SessionUser, entryId: number, { now = new Date(), ip }: Context = {}) {
  let key: string | null = null;
  const probe = await loadEntryFor(db, user, entryId);
  const name: EntryTransition = probe.collective ? 'submitCollective' : 'submit';
  return takeStep(db, user, entryId, name, {
    now,
    ip,
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

export async function confirmEntry(db: Database, user: SessionUser, entryId: number, { now = new Date(), ip }: Context = {}) {
  return takeStep(db, user, entryId, 'confirm', {
    now,
    ip,
    done: (e) => e.status === 'confirmed',
    notice: { key: 'entries.notices.confirmed', to: authors },
  });
}

/** Returning needs a reason: the journalist must know what to fix. */
export async function returnEntry(db: Database, user: SessionUser, entryId: number, reason: string, { now = new Date(), ip }: Context = {}) {
  const why = reason.trim();
  if (why.length < 5) throw new DomainError('entries.errors.reasonRequired', 'reason');
  return takeStep(db, user, entryId, 'return', {
    now,
    ip,
    set: () => ({ returnReason: why }),
    reason: why,
    notice: { key: 'entries.notices.returned', to: authors },
  });
}

export async function withdrawEntry(db: Database, user: SessionUser, entryId: number, reason: string | undefined, { now = new Date(), ip }: Context = {}) {
  const why = reason?.trim() || undefined;
  const result = await takeStep(db, user, entryId, 'withdraw', {
    now,
    ip,
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
