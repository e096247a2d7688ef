import { formAction } from './form-action';
import { z } from 'astro/zod';
import {
  campaignLimits as limits,
  campaignProblems,
  createCampaign,
  lengthLimitFields,
  limitedPressTypes,
  updateCampaign,
} from '@/domain/campaigns/campaigns';
import { priorAwardLevels } from '@db/schema';
import { type EvidenceType, isEvidenceType } from '@/domain/entries/evidence/types';
import type { MessageKey } from '@/i18n';
import { checkForm, formInput } from './form-input';
import { checkbox, day, formKey, id, idOr, ids, optional, optionalDay, requiredText, text, wholeNumber } from '@/domain/fields';

/*
 * Each field is checked here against the domain's own limits so that every mistake in the form is
 * listed at once; the rules that relate two fields (the order of the dates, a whole entry against
 * one file) are the domain's, which checks everything again.
 */
const optionalOrganisation = z.preprocess(
  (v) => (v === '' || v === undefined ? null : v),
  idOr('campaigns.errors.organisationUnknown').nullable(),
);

const campaignFields = {
  year: wholeNumber(limits.year.min, limits.year.max, 'campaigns.errors.yearRange'),
  title: requiredText(limits.titleLength.max, 'campaigns.errors.titleRequired', 'campaigns.errors.titleTooLong'),
  submissionOpensOn: day('campaigns.errors.opensDate'),
  submissionClosesOn: day('campaigns.errors.closesDate'),
  scoringClosesOn: day('campaigns.errors.scoringDate'),
  nominationsDueOn: day('campaigns.errors.nominationsDate'),
  entryLimitPerAuthor: wholeNumber(limits.entryLimitPerAuthor.min, limits.entryLimitPerAuthor.max, 'campaigns.errors.entryLimitRange'),
  maxFileMb: wholeNumber(limits.maxFileMb.min, limits.maxFileMb.max, 'campaigns.errors.maxFileRange'),
  maxEntryMb: wholeNumber(limits.maxFileMb.min, limits.maxEntryMb.max, 'campaigns.errors.maxEntryRange'),
  // Checkboxes sharing one name: Astro hands a z.array field every value the form sent (getAll),
  // and none at all when no box is ticked.
  allowedFileTypes: z
    .array(z.string())
    .min(1, 'campaigns.errors.fileTypesRequired' satisfies MessageKey)
    .refine((types): types is EvidenceType[] => types.every(isEvidenceType), 'campaigns.errors.fileTypeUnknown' satisfies MessageKey),
  scorersPerEntry: wholeNumber(limits.scorersPerEntry.min, limits.scorersPerEntry.max, 'campaigns.errors.scorersRange'),
  spreadThreshold: wholeNumber(limits.spreadThreshold.min, limits.spreadThreshold.max, 'campaigns.errors.spreadRange'),
  rankingBasis: z.enum(['raw', 'normalised']).default('raw'),
  // Left out (an older form), the default window; given, within its bounds.
  postingWindowDays: optional(wholeNumber(limits.postingWindowDays.min, limits.postingWindowDays.max, 'campaigns.errors.postingWindowRange')),
  // A select left at "not chosen" sends an empty string: null, not a refusal.
  presidingOrganisationId: optionalOrganisation,
  proposalSymbol: text(limits.proposalSymbolLength.max, 'campaigns.errors.proposalSymbolInvalid').transform((v) => v.trim()),
  scoringPartnerIds: ids('campaigns.errors.organisationUnknown'),
  appraisingOrganisationId: optionalOrganisation,
  awardingOrganisationId: optionalOrganisation,
  // The press-entry rules (src/domain/entries/rules.ts); a length left empty is no limit.
  // Left out (a client older than these rules), the domain's defaults.
  maxAuthors: optional(wholeNumber(limits.maxAuthors.min, limits.maxAuthors.max, 'campaigns.errors.maxAuthorsRange')),
  maxSeriesEpisodes: optional(wholeNumber(limits.maxSeriesEpisodes.min, limits.maxSeriesEpisodes.max, 'campaigns.errors.seriesRange')),
  ...(Object.fromEntries(
    limitedPressTypes.map((type) => {
      const unit = lengthLimitFields[type];
      return [`length_${type}`, optional(wholeNumber(limits[unit].min, limits[unit].max, `campaigns.errors.${unit}Range`))];
    }),
  ) as unknown as Record<`length_${(typeof limitedPressTypes)[number]}`, z.ZodType<number | undefined>>),
  evidenceByPressType: checkbox,
  publicationOpensOn: optionalDay('campaigns.errors.publicationDate'),
  publicationClosesOn: optionalDay('campaigns.errors.publicationDate'),
  priorAwardsDeclared: checkbox,
  priorAwardRefusedFrom: optional(z.enum(priorAwardLevels.filter((l) => l !== 'none') as ['local', 'provincial', 'national'], { error: 'campaigns.errors.priorAwardLevel' })),
  requiresSignedScans: checkbox,
};

/** The form's flat length fields (`length_radio`) as the domain's limits. */
function withLengthLimits<T extends Record<string, unknown>>(input: T) {
  const lengthLimits = Object.fromEntries(limitedPressTypes.flatMap((type) => (input[`length_${type}`] === undefined ? [] : [[type, input[`length_${type}`] as number]])));
  return { ...input, lengthLimits };
}

const createForm = z.object({ ...campaignFields, formKey });
const updateForm = z.object({ id, ...campaignFields });

export const campaigns = {
  create: formAction('campaigns.create', formInput(createForm), async (db, actor, form, context) => {
    // The fields and the rules relating them (the order of the dates…), all in one round.
    const { formKey, ...input } = await checkForm(createForm, form, (fields) => campaignProblems(withLengthLimits(fields)));
    const campaign = await createCampaign(db, actor, withLengthLimits(input), context.locals.ip, formKey);
    return { id: campaign.id };
  }),

  update: formAction('campaigns.update', formInput(updateForm), async (db, actor, form, context) => {
    const { id, ...input } = await checkForm(updateForm, form, (fields) => campaignProblems(withLengthLimits(fields)));
    await updateCampaign(db, actor, id, withLengthLimits(input), context.locals.ip);
    return { id };
  }),
};
