import { z } from 'astro/zod';
import { articleAngles, entryKinds, parAreas, pressTypes, priorAwardLevels } from '@db/schema';
import { ids, optional, optionalDay, optionalId, text, webUrl, wholeNumber } from '@/domain/fields';

/** The entry form's length limits: the schema below checks them, the form's inputs carry them (maxlength). */
export const entryLimits = { title: 500, programme: 300, url: 2000, appliedWhere: 500, richText: 20_000, externalCoAuthors: 2000 } as const;

const richText = text(entryLimits.richText);

/**
 * The entry form, once: the Action validates a POST with it, the domain takes its output
 * (EntryDraftInput), the page fills the form from EntryFormValues. A field added here is added
 * to all three.
 */
export const entryForm = z.object({
  entryId: optionalId(),
  formKey: z.uuid(),
  kind: z.enum(entryKinds),
  intent: z.enum(['draft', 'submit']).default('draft'),
  title: text(entryLimits.title),
  parAreas: z.array(z.enum(parAreas)).max(parAreas.length).default([]),
  angle: optional(z.enum(articleAngles)),
  pressType: optional(z.enum(pressTypes)),
  programme: text(entryLimits.programme),
  publishedOn: optionalDay('entries.errors.date'),
  // Checked on every save, draft too: a stored `javascript:` address would be a link on the entry page.
  url: webUrl(entryLimits.url, 'entries.errors.url'),
  lengthValue: optional(wholeNumber(1, 1_000_000, 'entries.errors.number')),
  lengthUnit: optional(z.enum(['words', 'minutes'])),
  // A series (loạt bài) entered as one work: its episodes (empty = a single work) and the last one's day.
  seriesEpisodes: optional(wholeNumber(1, 100, 'entries.errors.number')),
  lastPublishedOn: optionalDay('entries.errors.date'),
  // The declaration of prizes the work already won (the campaign may require it).
  priorAwardLevel: optional(z.enum(priorAwardLevels)),
  priorAwardDetails: text(500),
  summary: richText,
  background: richText,
  problem: richText,
  solution: richText,
  appliedWhere: text(entryLimits.appliedWhere),
  appliedSince: optionalDay('entries.errors.date'),
  effect: richText,
  coAuthorIds: ids('entries.errors.coAuthors'),
  externalCoAuthors: text(entryLimits.externalCoAuthors).transform((v) => v.split(/\r?\n/).map((s) => s.trim()).filter(Boolean).slice(0, 20)),
});

type EntryForm = z.output<typeof entryForm>;

/**
 * What saving a draft takes: the form's output without the button pressed. Text fields left out
 * (a kind's fields the other kind does not have) mean empty.
 */
export type EntryDraftInput = Pick<EntryForm, 'formKey' | 'kind' | 'title' | 'parAreas' | 'coAuthorIds' | 'externalCoAuthors'> &
  Partial<Omit<EntryForm, 'intent'>>;

/** What the form shows, as the inputs hold it: from the stored entry, or from the person's refused POST. */
export type EntryFormValues = Record<Exclude<keyof EntryForm, 'entryId' | 'formKey' | 'kind' | 'intent' | 'parAreas' | 'coAuthorIds'>, string> & {
  parAreas: string[];
  coAuthorIds: number[];
};

export const emptyValues: EntryFormValues = {
  title: '',
  parAreas: [],
  angle: '',
  pressType: '',
  programme: '',
  publishedOn: '',
  url: '',
  lengthValue: '',
  lengthUnit: 'words',
  seriesEpisodes: '',
  lastPublishedOn: '',
  priorAwardLevel: '',
  priorAwardDetails: '',
  summary: '',
  background: '',
  problem: '',
  solution: '',
  appliedWhere: '',
  appliedSince: '',
  effect: '',
  coAuthorIds: [],
  externalCoAuthors: '',
};
