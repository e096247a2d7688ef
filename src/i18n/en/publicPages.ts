import type { Catalogue } from '../vi';

export const publicPages: Catalogue['publicPages'] = {
  home: {
    title: 'The “Accelerating public administrative reform” movement in the press',
    description:
      "Quảng Ninh province's emulation movement on public administrative reform (PAR) in the press and broadcasting: exemplary models, the campaign's deadlines and its results.",
    lead:
      "Plan 40/KH-UBND of 19 February 2024 of the Quảng Ninh Provincial People's Committee launched the emulation movement “Accelerating public administrative reform”. For the province's newspapers, radio and television, the central press agencies based in the province, and their reporters and editors, the movement recognises:",
    aims: {
      propagation: 'works in every press type that spread the content of public administrative reform;',
      models: 'works presenting good models, initiatives and solutions, and exemplary collectives and individuals;',
      shortcomings: 'works reflecting shortcomings so that they are put right in time;',
      initiatives: 'initiatives and good practices in the propaganda work on public administrative reform.',
    },
    process:
      'The campaign\'s presiding department and its partners score the entries and propose awards; the appraising department submits them for decision. Exemplary models are published here for everyone to learn from and replicate.',
    campaignTitle: 'The {year} campaign',
    submissionOpens: 'Entries accepted from',
    submissionCloses: 'Submission deadline',
    scoringCloses: 'Scoring deadline',
    nominationsDue: 'Nominations due',
    resultsLink: 'Figures and results for {year}',
    noCampaign: 'There is no campaign yet.',
    featured: 'Featured models',
    latest: 'Recently published',
    noneYet: 'No model has been published yet.',
    allModels: 'See all exemplary models',
    feed: 'Follow new models (RSS)',
  },
  card: {
    meta: '{organisation} · {year}',
    award: 'Award: {award}',
  },
  results: {
    title: 'Results of the {year} emulation campaign',
    description: "Public figures of the {year} campaign: entries by PAR area, press type and organisation, and the awarded works.",
    counted:
      'Only entries confirmed by their press agency are counted, including those in review, scored or shortlisted. Drafts, entries awaiting confirmation, returned or withdrawn entries are not counted.',
    total: '{count} entries are counted (press works: {articles}; initiatives and good practices: {initiatives}).',
    none: 'No entry has been confirmed in this campaign yet.',
    figures: 'Figures',
    count: 'Entries',
    parAreaTitle: 'Entries by PAR area',
    parAreaDesc: 'Horizontal bar chart: {summary}. An entry in several areas counts in each.',
    parArea: 'PAR area',
    pressTypeTitle: 'Press works by press type',
    pressTypeDesc: 'Horizontal bar chart: {summary}. Initiatives have no press type and are not counted here.',
    pressType: 'Press type',
    organisationTitle: 'Entries by organisation',
    organisationDesc: 'Horizontal bar chart: {summary}.',
    organisation: 'Organisation',
    awarded: 'Awarded collectives and individuals',
    awardedNone: 'No award decision for this year yet.',
    awardedCaption: 'Collectives and individuals awarded in {year}, by award decision',
    nominee: 'Collective or individual',
    collective: 'collective',
    decision: 'Decision',
    decisionOf: 'No. {number} of {date}',
    work: 'Works and models in the gallery',
    award: 'Award',
    toGallery: 'See the exemplary models of {year}',
  },
  feed: {
    title: 'Exemplary models – Quảng Ninh Press PAR Awards',
    description: 'Exemplary models, initiatives and press works on public administrative reform, as they are published.',
  },
};
