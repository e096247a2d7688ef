import { missingInForm } from '@/domain/entries/completeness';
import type { ActionError } from 'astro:actions';
import type { SessionUser } from '@/auth/session';
import { refusal } from '@/actions/errors';
import type { Database } from '@db/client';
import { currentCampaign } from '@/domain/campaigns/current';
import { DomainError, type Problem } from '@/domain/errors';
import { firstStepLimits, type PendingEvidence, receiveFirstStepFile, saveDraftWithEvidence } from '@/domain/entries/evidence/evidence';
import { bytesPerMb, type EvidenceLimits, EvidenceRefused } from '@/domain/entries/evidence/limits';
import { entryForm } from '@/domain/entries/form';
import { submitEntry } from '@/domain/entries/transitions';
import { discardPending } from '@/domain/files/upload';
import { uploadsDirectory } from '@/domain/files/storage';
import { parseId } from '@/domain/fields';
import type { MessageKey } from '@/i18n';
import { receiveForm } from './multipart';

/** The first step's file input: its name, and its id (the error summary links to it). */
export const firstStepFileField = 'evidence';
export const firstStepFileId = 'evidence-file';
const maxFiles = 10;
/** Room for the form's text (as Actions allow it) besides the files. */
const textBytes = 1024 * 1024;

export type EntryPost =
  | { kind: 'saved'; id: number; flash: 'saved' | 'submitted' }
  /** `savedId`: the draft was saved (with its files) but the submission refused. */
  | { kind: 'refused'; error: ActionError; fields: FormData; savedId?: number };

/** The form's fields as the schema takes them: repeated names (checkboxes) as lists. */
const listFields = new Set(['parAreas', 'coAuthorIds']);
function formObject(fields: FormData): Record<string, unknown> {
  return Object.fromEntries([...new Set(fields.keys())].map((name) => [name, listFields.has(name) ? fields.getAll(name) : fields.get(name)]));
}

/**
 * The entry form posted with its files (multipart, issue 16: evidence in the first step): the
 * fields checked with the same schema as the `entries.save` Action, every file received and
 * checked, then the entry and its files saved in one transaction, and submitted if asked. Every
 * problem, of the fields and of the files, is answered at once.
 */
export async function postEntryWithEvidence(db: Database, user: SessionUser, request: Request, ip?: string): Promise<EntryPost> {
  const campaign = await currentCampaign(db);
  let limits: EvidenceLimits | undefined;
  const received = await receiveForm<PendingEvidence>(request, {
    maxBytes: (campaign?.maxEntryMb ?? 0) * bytesPerMb + textBytes,
    field: firstStepFileField,
    maxFiles,
    store: async (stream, filename, fieldsSoFar) => {
      try {
        limits ??= await firstStepLimits(db, user, parseId(fieldsSoFar.get('entryId')));
      } catch (error) {
        stream.resume();
        throw error;
      }
      return receiveFirstStepFile(stream, filename, limits, uploadsDirectory());
    },
  });
  const pending = received.files.flatMap((f) => ('value' in f ? [f.value] : []));
  if (received.kind !== 'received') {
    await discardPending(pending);
    const reason = received.kind === 'too_large' ? 'entry_too_large' : received.kind;
    return { kind: 'refused', error: refusal([{ field: firstStepFileId, key: `evidence.errors.${reason}` as MessageKey, params: { mb: campaign?.maxEntryMb ?? 0 } }]), fields: new FormData() };
  }

  const problems: Problem[] = [];
  const parsed = entryForm.safeParse(formObject(received.fields));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const max = (issue as { maximum?: unknown }).maximum;
      problems.push({ field: issue.path.map(String).join('.') || undefined, key: issue.message as MessageKey, params: typeof max === 'number' ? { max } : undefined });
    }
  }
  for (const file of received.files) {
    if ('value' in file) continue;
    if (file.error instanceof EvidenceRefused) problems.push({ field: firstStepFileId, key: file.error.key, params: file.error.params });
    else if (file.error instanceof DomainError) problems.push(...file.error.problems);
    else {
      await discardPending(pending);
      throw file.error;
    }
  }
  // A new entry sent for submission names what it still lacks in the same answer, before anything
  // is saved: a refused first submission creates nothing (issue 13), as through the Action.
  if (parsed.success && parsed.data.intent === 'submit' && parsed.data.entryId === undefined && campaign) {
    problems.push(...missingInForm(parsed.data, campaign));
  }
  if (problems.length || !parsed.success) {
    await discardPending(pending);
    return { kind: 'refused', error: refusal(problems), fields: received.fields };
  }

  const { intent, ...input } = parsed.data;
  let savedId: number | undefined;
  try {
    const { id } = await saveDraftWithEvidence(db, user, input, pending, { uploadsDir: uploadsDirectory(), ip, submitting: intent === 'submit' });
    savedId = id;
    if (intent === 'submit') {
      await submitEntry(db, user, id, { ip });
      return { kind: 'saved', id, flash: 'submitted' };
    }
    return { kind: 'saved', id, flash: 'saved' };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { kind: 'refused', error: refusal(error.problems, error.code), fields: received.fields, savedId };
  }
}
