import type { Entry } from '@db/schema';
import { parseId } from '@/domain/fields';
import { emptyValues, type EntryFormValues } from '@/domain/entries/form';

/** Stored HTML that is only paragraphs goes back into the textarea as plain paragraphs. */
export function editableText(html: string): string {
  if (/<(?!\/?(p|br)\b)[a-z]/i.test(html)) return html;
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p>/gi, '\n\n')
    .replace(/<\/?p>/gi, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

export function valuesFromEntry(
  entry: Entry,
  authors: { userId: number | null; externalName: string | null; position: number }[],
): EntryFormValues {
  return {
    title: entry.title,
    parAreas: entry.parAreas,
    angle: entry.angle ?? '',
    pressType: entry.pressType ?? '',
    programme: entry.programme ?? '',
    publishedOn: entry.publishedOn ?? '',
    url: entry.url ?? '',
    lengthValue: entry.lengthValue?.toString() ?? '',
    lengthUnit: entry.lengthUnit ?? 'words',
    seriesEpisodes: entry.seriesEpisodes?.toString() ?? '',
    lastPublishedOn: entry.lastPublishedOn ?? '',
    priorAwardLevel: entry.priorAwardLevel ?? '',
    priorAwardDetails: entry.priorAwardDetails ?? '',
    summary: editableText(entry.summaryHtml),
    background: editableText(entry.backgroundHtml),
    problem: editableText(entry.problemHtml),
    solution: editableText(entry.solutionHtml),
    appliedWhere: entry.appliedWhere ?? '',
    appliedSince: entry.appliedSince ?? '',
    effect: editableText(entry.effectHtml),
    coAuthorIds: authors.filter((a) => a.position > 0 && a.userId).map((a) => a.userId!),
    externalCoAuthors: authors.flatMap((a) => (a.externalName ? [a.externalName] : [])).join('\n'),
  };
}

export function valuesFromPost(form: FormData): EntryFormValues {
  const one = (name: string) => String(form.get(name) ?? '');
  return {
    ...emptyValues,
    ...Object.fromEntries(Object.keys(emptyValues).map((k) => [k, one(k)])),
    lengthUnit: one('lengthUnit') || 'words',
    parAreas: form.getAll('parAreas').map(String),
    coAuthorIds: form.getAll('coAuthorIds').flatMap((v) => parseId(v) ?? []),
  };
}
