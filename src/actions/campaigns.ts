import { defineAction } from './boundary';
import { z } from 'astro/zod';
import { requireAction } from '@/auth/guards';
import {
  campaignLimits as limits,
  createCampaign,
  updateCampaign,
} from '@/domain/campaigns/campaigns';
import { type EvidenceType, isEvidenceType } from '@/domain/entries/evidence/types';
import { appDatabase } from '@/database';
import type { MessageKey } from '@/i18n';
import { domainCall } from './errors';
import { day, formKey, id, idOr, ids, requiredText, text, wholeNumber } from '@/domain/fields';

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
  // A select left at "not chosen" sends an empty string: null, not a refusal.
  presidingOrganisationId: optionalOrganisation,
  proposalSymbol: text(limits.proposalSymbolLength.max, 'campaigns.errors.proposalSymbolInvalid').transform((v) => v.trim()),
  scoringPartnerIds: ids('campaigns.errors.organisationUnknown'),
  appraisingOrganisationId: optionalOrganisation,
  awardingOrganisationId: optionalOrganisation,
};

export const campaigns = {
  create: defineAction({
    accept: 'form',
    input: z.object({ ...campaignFields, formKey }),
    handler: async ({ formKey, ...input }, context) => {
      const actor = requireAction(context, 'campaigns.create');
      const { db } = await appDatabase();
      const campaign = await domainCall(() => createCampaign(db, actor, input, context.locals.ip, formKey));
      return { id: campaign.id };
    },
  }),

  update: defineAction({
    accept: 'form',
    input: z.object({ id, ...campaignFields }),
    handler: async ({ id, ...input }, context) => {
      const actor = requireAction(context, 'campaigns.update');
      const { db } = await appDatabase();
      await domainCall(() => updateCampaign(db, actor, id, input, context.locals.ip));
      return { id };
    },
  }),
};
