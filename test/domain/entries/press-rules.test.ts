import { describe, expect, it } from 'vitest';
import { lengthLimitOf, type PressRuleFacts, pressRuleProblems, type PressRules, publicationWindow } from '../../../src/domain/entries/rules';

/** The rules alone (src/domain/entries/rules.ts): what each one refuses, and what it lets through. */
const rules: PressRules = {
  year: 2026,
  maxAuthors: 5,
  maxSeriesEpisodes: 5,
  lengthLimits: { print: 2500, online: 2500, radio: 60, television: 60 },
  evidenceByPressType: true,
  publicationOpensOn: null,
  publicationClosesOn: null,
  priorAwardsDeclared: true,
  priorAwardRefusedFrom: 'provincial',
};

const facts = (overrides: Partial<PressRuleFacts> = {}): PressRuleFacts => ({
  kind: 'article',
  pressType: 'television',
  publishedOn: '2026-05-01',
  lastPublishedOn: null,
  seriesEpisodes: null,
  lengthValue: 14,
  lengthUnit: 'minutes',
  priorAwardLevel: 'none',
  priorAwardDetails: null,
  authorCount: 5,
  evidenceTypes: ['mp4'],
  ...overrides,
});

const keys = (f: PressRuleFacts, r = rules, submitting = true) => pressRuleProblems(f, r, { submitting }).map((p) => p.key);

describe('press-entry rules', () => {
  it('a work within every limit passes; five authors are allowed, six are not', () => {
    expect(keys(facts())).toEqual([]);
    expect(pressRuleProblems(facts({ authorCount: 6 }), rules, { submitting: false })).toEqual([
      { field: 'coAuthorIds', key: 'entries.rules.authors', params: { limit: 5, count: 6 } },
    ]);
  });

  it('a series of five is one work, of six is refused; a series needs its last day, not before its first', () => {
    expect(keys(facts({ seriesEpisodes: 5, lastPublishedOn: '2026-05-20' }))).toEqual([]);
    expect(keys(facts({ seriesEpisodes: 6, lastPublishedOn: '2026-05-20' }))).toEqual(['entries.rules.series']);
    expect(keys(facts({ seriesEpisodes: 3 }))).toEqual(['entries.rules.seriesLast']);
    expect(keys(facts({ seriesEpisodes: 3, lastPublishedOn: '2026-04-01' }))).toEqual(['entries.rules.seriesOrder']);
  });

  it('length per press type, in its own unit; no limit for a type the campaign leaves open', () => {
    expect(keys(facts({ lengthValue: 60 }))).toEqual([]);
    expect(keys(facts({ lengthValue: 61 }))).toEqual(['entries.rules.length']);
    expect(keys(facts({ lengthUnit: 'words', lengthValue: 900 }))).toEqual(['entries.rules.lengthUnit']);
    expect(lengthLimitOf(rules, 'photo')).toBeUndefined();
    expect(keys(facts({ pressType: 'photo', lengthUnit: 'words', lengthValue: 99_999, evidenceTypes: ['jpeg'] }))).toEqual([]);
  });

  it('evidence of the press type: a video for television, a recording for radio, a page for print', () => {
    expect(keys(facts({ evidenceTypes: ['pdf'] }))).toEqual(['entries.rules.evidence']);
    expect(keys(facts({ pressType: 'radio', evidenceTypes: ['m4a'] }))).toEqual([]);
    expect(keys(facts({ pressType: 'print', lengthUnit: 'words', lengthValue: 1200, evidenceTypes: ['png'] }))).toEqual([]);
    expect(keys(facts({ evidenceTypes: [] }), { ...rules, evidenceByPressType: false })).toEqual([]);
    // A draft is saved without its files: the evidence rule waits for the submission.
    expect(keys(facts({ evidenceTypes: undefined }))).toEqual([]);
  });

  it('the publication window: the campaign’s own, or its year', () => {
    expect(publicationWindow(rules)).toEqual({ from: '2026-01-01', to: '2026-12-31', own: false });
    const windowed = { ...rules, publicationOpensOn: '2025-12-01', publicationClosesOn: '2026-11-30' };
    expect(keys(facts({ publishedOn: '2025-12-01' }), windowed)).toEqual([]);
    expect(pressRuleProblems(facts({ publishedOn: '2026-12-01' }), windowed, { submitting: true })).toEqual([
      { field: 'publishedOn', key: 'entries.rules.publication', params: { from: '01/12/2025', to: '30/11/2026' } },
    ]);
  });

  it('prizes already won: declared, with their details, and refused from the campaign’s level up', () => {
    expect(keys(facts({ priorAwardLevel: null }))).toEqual(['entries.rules.declaration']);
    expect(keys(facts({ priorAwardLevel: 'local' }))).toEqual(['entries.rules.declarationDetails']);
    expect(keys(facts({ priorAwardLevel: 'local', priorAwardDetails: 'Giải A báo chí của Đài năm 2025' }))).toEqual([]);
    expect(keys(facts({ priorAwardLevel: 'provincial', priorAwardDetails: 'Giải B Giải báo chí tỉnh 2025' }))).toEqual(['entries.rules.priorAward']);
    expect(keys(facts({ priorAwardLevel: 'national', priorAwardDetails: 'Giải C Giải báo chí quốc gia' }))).toEqual(['entries.rules.priorAward']);
    expect(keys(facts({ priorAwardLevel: null }), { ...rules, priorAwardsDeclared: false, priorAwardRefusedFrom: null })).toEqual([]);
  });

  it('an initiative has authors, not press rules', () => {
    expect(keys(facts({ kind: 'initiative', pressType: null, lengthValue: null, priorAwardLevel: null, evidenceTypes: [] }))).toEqual([]);
  });
});
