import type { Campaign, Entry } from '@db/schema';
import type { Problem } from '@/domain/errors';
import { plainText } from './rich-text';
import { isWebUrl } from './url';

/** Everything a submission still lacks, all at once, so the person can fix it in one go. */
export function missingForSubmission(entry: Entry, campaign: Pick<Campaign, 'year'>): Problem[] {
  const problems: Problem[] = [];
  const need = (ok: unknown, field: string, key: Problem['key'] = 'entries.errors.required') => {
    if (!ok) problems.push({ field, key });
  };
  need(entry.title.trim(), 'title');
  need(entry.parAreas.length > 0, 'parAreas', 'entries.errors.parAreas');
  if (entry.kind === 'article') {
    need(entry.angle, 'angle');
    need(entry.pressType, 'pressType');
    need(entry.programme?.trim(), 'programme');
    if (!entry.publishedOn) need(false, 'publishedOn');
    else if (Number(entry.publishedOn.slice(0, 4)) !== campaign.year) {
      problems.push({ field: 'publishedOn', key: 'entries.errors.publishedYear', params: { year: campaign.year } });
    }
    if (!entry.url) need(false, 'url');
    else need(isWebUrl(entry.url), 'url', 'entries.errors.url');
    need(entry.lengthValue && entry.lengthValue > 0 && entry.lengthUnit, 'lengthValue');
    need(plainText(entry.summaryHtml), 'summary');
  } else {
    need(plainText(entry.problemHtml), 'problem');
    need(plainText(entry.solutionHtml), 'solution');
    need(entry.appliedWhere?.trim(), 'appliedWhere');
    need(plainText(entry.effectHtml), 'effect');
  }
  return problems;
}
