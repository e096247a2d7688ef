import { and, eq, inArray } from 'drizzle-orm';
import type { Database, Queryable } from '@db/client';
import { entries, entryAuthors, users } from '@db/schema';
import type { SessionUser } from '@/auth/session';
import { recordAudit } from '@/domain/audit/record';
import { currentCampaign } from '@/domain/campaigns/current';
import { DomainError } from '@/domain/errors';
import { requireRoleFor } from '@/domain/permissions';
import { isUniqueViolation } from '@/domain/postgres-errors';
import { mayEditEntry, pressRuleProblems } from './rules';
import type { Campaign } from '@db/schema';
import { campaignOf } from '@/domain/campaigns/campaigns';
import type { Context } from '@/domain/context';
import { submitEntry } from './transitions';
import type { EntryDraftInput } from './form';
import { loadEntryFor } from './load';
import { sanitizeRichText } from './rich-text';
import { isWebUrl } from './url';

const blankToNull = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

function contentOf(input: EntryDraftInput) {
  const article = input.kind === 'article';
  return {
    title: input.title.trim(),
    parAreas: [...new Set(input.parAreas)],
    angle: article ? (input.angle ?? null) : null,
    pressType: article ? (input.pressType ?? null) : null,
    programme: article ? blankToNull(input.programme) : null,
    publishedOn: article ? blankToNull(input.publishedOn) : null,
    url: article ? blankToNull(input.url) : null,
    lengthValue: article ? (input.lengthValue ?? null) : null,
    lengthUnit: article ? (input.lengthUnit ?? null) : null,
    // One episode is a single work, not a series.
    seriesEpisodes: article && input.seriesEpisodes && input.seriesEpisodes > 1 ? input.seriesEpisodes : null,
    lastPublishedOn: article && input.seriesEpisodes && input.seriesEpisodes > 1 ? blankToNull(input.lastPublishedOn) : null,
    priorAwardLevel: article ? (input.priorAwardLevel ?? null) : null,
    priorAwardDetails: article && input.priorAwardLevel && input.priorAwardLevel !== 'none' ? blankToNull(input.priorAwardDetails) : null,
    summaryHtml: article ? sanitizeRichText(input.summary ?? '') : '',
    backgroundHtml: article ? sanitizeRichText(input.background ?? '') : '',
    problemHtml: article ? '' : sanitizeRichText(input.problem ?? ''),
    solutionHtml: article ? '' : sanitizeRichText(input.solution ?? ''),
    appliedWhere: article ? null : blankToNull(input.appliedWhere),
    appliedSince: article ? null : blankToNull(input.appliedSince),
    effectHtml: article ? '' : sanitizeRichText(input.effect ?? ''),
  };
}

/**
 * Creates or updates a draft (or a returned entry being fixed). Saving never changes the status;
 * the same form key saves the same entry, so autosave, a double click or a retried request never
 * makes two.
 */
export interface SaveOptions {
  now?: Date;
  /**
   * The save is the first half of a submission. If the entry has already been submitted, this is
   * the same submission sent again (a double click, a retried request): nothing is saved and the
   * submission that follows is a no-op, instead of a refusal.
   */
  submitting?: boolean;
  /** More to write in the save's transaction once the entry is saved (the first step's evidence). */
  within?: (tx: Queryable, entryId: number) => Promise<void>;
}

export async function saveDraft(db: Database, user: SessionUser, input: EntryDraftInput, options: SaveOptions = {}): Promise<{ id: number }> {
  requireRoleFor(user, 'entries.save');
  try {
    return await saveOnce(db, user, input, options);
  } catch (error) {
    // Two requests with one new form key raced: the loser finds the winner's entry and updates it.
    if (input.entryId === undefined && isUniqueViolation(error)) return saveOnce(db, user, input, options);
    throw error;
  }
}

/**
 * Saves and submits in one go (the entry form's "submit" button). An entry already saved keeps
 * what was saved when the submission is refused (the person fixes it from there); a new one is
 * saved and submitted in one transaction, so a refused submission creates nothing: no untitled
 * draft from an empty form (issue #13).
 */
export async function saveAndSubmit(db: Database, user: SessionUser, input: EntryDraftInput, context: Context = {}) {
  requireRoleFor(user, 'entries.save');
  const saved = input.entryId ?? (await entryIdForFormKey(db, user.id, input.formKey));
  const inTwoSteps = async () => {
    const { id } = await saveDraft(db, user, input, { now: context.now, submitting: true });
    return { id, ...(await submitEntry(db, user, id, context)) };
  };
  if (saved !== undefined) return inTwoSteps();
  try {
    return await db.transaction(async (tx) => {
      // The transaction stands for the database: the save and the submission nest in it and go or stay together.
      const inOne = tx as unknown as Database;
      const { id } = await saveOnce(inOne, user, input, { now: context.now, submitting: true });
      return { id, ...(await submitEntry(inOne, user, id, context)) };
    });
  } catch (error) {
    // The same new form sent twice at once: the other request made the entry; this one finds it.
    if (isUniqueViolation(error) && (await entryIdForFormKey(db, user.id, input.formKey)) !== undefined) return inTwoSteps();
    throw error;
  }
}

const alreadySubmitted = ['submitted', 'confirmed'];

async function saveOnce(db: Database, user: SessionUser, input: EntryDraftInput, { now = new Date(), submitting = false, within }: SaveOptions): Promise<{ id: number }> {
  // Every save, a draft too: the entry page links to this address.
  if (input.kind === 'article' && input.url?.trim() && !isWebUrl(input.url)) throw new DomainError('entries.errors.url', 'url');
  const content = contentOf(input);
  return db.transaction(async (tx) => {
    const existingId = input.entryId ?? (await entryIdForFormKey(tx, user.id, input.formKey));
    if (existingId !== undefined) {
      const entry = await loadEntryFor(tx, user, existingId, { forUpdate: true });
      if (!mayEditEntry(user, entry)) {
        if (submitting && alreadySubmitted.includes(entry.status)) return { id: entry.id };
        throw new DomainError('entries.errors.notEditable', undefined, 'CONFLICT');
      }
      if (entry.kind !== input.kind) throw new DomainError('errors.generic');
      checkPressRules(input, content, await campaignOf(tx, entry), entry.collective);
      await tx.update(entries).set({ ...content, updatedAt: now }).where(eq(entries.id, entry.id));
      if (!entry.collective) await setAuthors(tx, entry.id, entry.createdById, entry.organisationId, input);
      await within?.(tx, entry.id);
      return { id: entry.id };
    }
    const campaign = await currentCampaign(tx, now);
    if (!campaign) throw new DomainError('entries.errors.noCampaign');
    const collective = user.role === 'outlet_admin';
    checkPressRules(input, content, campaign, collective);
    const [row] = await tx
      .insert(entries)
      .values({
        ...content,
        campaignId: campaign.id,
        kind: input.kind,
        collective,
        organisationId: user.organisationId,
        createdById: user.id,
        formKey: input.formKey,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: entries.id });
    if (!collective) await setAuthors(tx, row.id, user.id, user.organisationId, input);
    await recordAudit(tx, { action: 'entry_created', actorId: user.id, subjectType: 'entry', subjectId: row.id, toStatus: 'draft', at: now });
    await within?.(tx, row.id);
    return row;
  });
}

/** The names on the entry: the submitter, colleagues and outsiders, as setAuthors will write them. */
function authorCount(input: EntryDraftInput, collective: boolean): number {
  if (collective) return 0;
  const externals = new Set(input.externalCoAuthors.map((n) => n.trim()).filter(Boolean));
  return 1 + new Set(input.coAuthorIds).size + externals.size;
}

/** The press rules a save can already tell (the author limit, the series' episodes): before the work is done. */
function checkPressRules(input: EntryDraftInput, content: ReturnType<typeof contentOf>, campaign: Campaign, collective: boolean) {
  const problems = pressRuleProblems({ ...content, kind: input.kind, authorCount: authorCount(input, collective) }, campaign, { submitting: false });
  if (problems.length) throw DomainError.of(problems);
}

async function entryIdForFormKey(tx: Queryable, userId: number, formKey: string): Promise<number | undefined> {
  const [row] = await tx
    .select({ id: entries.id })
    .from(entries)
    .where(and(eq(entries.createdById, userId), eq(entries.formKey, formKey)));
  return row?.id;
}

/**
 * The submitter first, then co-authors from the same outlet (active members only), then named
 * outsiders. The list is replaced as a whole on each save.
 */
async function setAuthors(
  tx: Queryable,
  entryId: number,
  submitterId: number,
  organisationId: number,
  input: EntryDraftInput,
) {
  const coAuthorIds = [...new Set(input.coAuthorIds)].filter((id) => id !== submitterId);
  if (coAuthorIds.length) {
    const members = await tx
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          inArray(users.id, coAuthorIds),
          eq(users.organisationId, organisationId),
          eq(users.active, true),
          inArray(users.role, ['journalist', 'outlet_admin']),
        ),
      );
    if (members.length !== coAuthorIds.length) throw new DomainError('entries.errors.coAuthors', 'coAuthorIds');
  }
  const externals = [...new Set(input.externalCoAuthors.map((n) => n.trim()).filter(Boolean))];
  await tx.delete(entryAuthors).where(eq(entryAuthors.entryId, entryId));
  const rows = [
    { entryId, userId: submitterId, externalName: null, position: 0 },
    ...coAuthorIds.map((userId, i) => ({ entryId, userId, externalName: null, position: i + 1 })),
    ...externals.map((externalName, i) => ({ entryId, userId: null, externalName, position: coAuthorIds.length + i + 1 })),
  ];
  await tx.insert(entryAuthors).values(rows);
}
