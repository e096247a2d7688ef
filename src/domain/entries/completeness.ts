import type { Campaign, Entry } from '@db/schema';
import type { EntryDraftInput } from './form';
import type { Problem } from '@/domain/errors';
import { plainText } from './rich-text';
import { isWebUrl } from './url';

/** Everything a submission still lacks, all at once, so the person can fix it in one go. */
export function missingForSubmission(entry: Entry, campaign: Pick<Campaign, 'year'>): Problem[] {
  const problems: Problem[] = [];
  // The label travels as a catalogue key, translated with the message into the reader's language.
  const need = (ok: unknown, field: string, label = `entries.fields.${field}`) => {
    if (!ok) problems.push({ field, key: 'entries.errors.missing', params: { field: label } });
  };
  // In the order of the form, so the error summary reads top to bottom like the page.
  need(entry.title.trim(), 'title', entry.kind === 'article' ? 'entries.fields.title' : 'entries.fields.initiativeTitle');
  if (entry.kind === 'article') {
    need(entry.angle, 'angle');
    need(entry.pressType, 'pressType');
    need(entry.programme?.trim(), 'programme');
    if (!entry.publishedOn) need(false, 'publishedOn');
    else if (Number(entry.publishedOn.slice(0, 4)) !== campaign.year) {
      problems.push({ field: 'publishedOn', key: 'entries.errors.publishedYear', params: { year: campaign.year } });
    }
    if (!entry.url) need(false, 'url');
    else if (!isWebUrl(entry.url)) problems.push({ field: 'url', key: 'entries.errors.url' });
    need(entry.lengthValue && entry.lengthValue > 0 && entry.lengthUnit, 'lengthValue', 'entries.fields.length');
  } else {
    need(entry.appliedWhere?.trim(), 'appliedWhere');
  }
  if (entry.parAreas.length === 0) problems.push({ field: 'parAreas', key: 'entries.errors.parAreas' });
  if (entry.kind === 'article') {
    need(plainText(entry.summaryHtml), 'summary');
  } else {
    need(plainText(entry.problemHtml), 'problem');
    need(plainText(entry.solutionHtml), 'solution');
    need(plainText(entry.effectHtml), 'effect');
  }
  return problems;
}

/**
 * What a submission would still lack, read from the form itself: named in the same round as the
 * form's own field errors when some fields were refused (the fields refused are left to those).
 */
export function missingInForm(fields: Partial<EntryDraftInput>, campaign: Pick<Campaign, 'year'>): Problem[] {
  const entry = {
    kind: fields.kind ?? 'article',
    title: fields.title ?? '',
    angle: fields.angle ?? null,
    pressType: fields.pressType ?? null,
    programme: fields.programme ?? '',
    publishedOn: fields.publishedOn ?? null,
    url: fields.url?.trim() || null,
    lengthValue: fields.lengthValue ?? null,
    lengthUnit: fields.lengthUnit ?? null,
    appliedWhere: fields.appliedWhere ?? '',
    parAreas: fields.parAreas ?? [],
    summaryHtml: fields.summary ?? '',
    problemHtml: fields.problem ?? '',
    solutionHtml: fields.solution ?? '',
    effectHtml: fields.effect ?? '',
  } as unknown as Entry;
  return missingForSubmission(entry, campaign);
}
