import { defineAction } from './boundary';
import { z } from 'astro/zod';
import { awardForms, dossierDocuments, parIndexRatings } from '@db/schema';
import { requireAction } from '@/auth/guards';
import {
  addToBatch,
  approveNomination,
  createBatch,
  decideInHouse,
  deleteBatch,
  rejectNomination,
  resendNomination,
  returnForSupplement,
  sendBatch,
  startAppraisal,
  updateBatchDetails,
} from '@/domain/nominations/decisions';
import { removeSignedScan } from '@/domain/nominations/dossier/scans';
import { commentLimits, handleComment, postBatch } from '@/domain/nominations/posting';
import { createNomination, type NominationInput, updateNomination } from '@/domain/nominations/nominations';
import { appDatabase } from '@/database';
import { confirmation, confirmedStep } from './confirmation';
import { checkbox, dayOrEmpty, formKey, id, ids as idList, optionalId, text } from '@/domain/fields';
import { councilMeetingFields, meetingOf } from '@/domain/nominations/council';

const ids = idList();
const decision = { number: text(50), date: dayOrEmpty('nominations.errors.decisionDate') };

/** What the nomination form (NominationForm.astro) sends, for creating and for editing alike. */
const nominationFields = {
  nomineeType: z.enum(['individual', 'collective'], { error: 'errors.required' }),
  nomineeUserId: optionalId(),
  nomineeOrganisationId: optionalId(),
  awardForm: z.enum(awardForms, { error: 'errors.required' }),
  entryIds: ids,
  achievementSummary: text(4000),
  completedParTasks: checkbox,
  metEmulationContent: checkbox,
  parIndexRating: z.enum(parIndexRatings).default('not_rated'),
  criteriaEvidence: text(2000),
  eligibilityDeclared: checkbox,
};
const nominationForm = z.object(nominationFields);

function nominationInputOf(input: z.infer<typeof nominationForm>): Omit<NominationInput, 'campaignId'> {
  return {
    nominee:
      input.nomineeType === 'individual'
        ? { type: 'individual', userId: input.nomineeUserId ?? 0 }
        : { type: 'collective', organisationId: input.nomineeOrganisationId ?? 0 },
    awardForm: input.awardForm,
    entryIds: input.entryIds,
    achievementSummary: input.achievementSummary,
    eligibilityDeclared: input.eligibilityDeclared,
    // The other kind's fields are ignored: a person's nomination has no collective criteria.
    collectiveCriteria:
      input.nomineeType === 'collective'
        ? {
            completedParTasks: input.completedParTasks,
            metEmulationContent: input.metEmulationContent,
            parIndexRating: input.parIndexRating,
            evidence: input.criteriaEvidence,
          }
        : undefined,
  };
}

/** Coordinator and appraiser steps of DESIGN.md's nomination flow; the rules live in the domain. */
export const nominations = {
  create: defineAction({
    accept: 'form',
    input: z.object({ campaignId: id, formKey, ...nominationFields }),
    handler: async (input, context) => {
      const coordinator = requireAction(context, 'nominations.create');
      const { db } = await appDatabase();
      const created = await createNomination(db, coordinator, { campaignId: input.campaignId, ...nominationInputOf(input) }, { ip: context.locals.ip, formKey: input.formKey });
      return { id: created.id };
    },
  }),

  /** The coordinator edits a draft or a returned nomination (after Home Affairs asks for a supplement). */
  update: defineAction({
    accept: 'form',
    input: z.object({ nominationId: id, ...nominationFields }),
    handler: async (input, context) => {
      const coordinator = requireAction(context, 'nominations.update');
      const { db } = await appDatabase();
      // The campaign is the nomination's own: updateNomination takes it from the stored row.
      await updateNomination(db, coordinator, input.nominationId, { campaignId: 0, ...nominationInputOf(input) }, { ip: context.locals.ip });
      return { id: input.nominationId, flash: 'updated' as const };
    },
  }),

  createBatch: defineAction({
    accept: 'form',
    input: z.object({ campaignId: id, title: text(300), formKey }),
    handler: async ({ campaignId, title, formKey }, context) => {
      const coordinator = requireAction(context, 'nominations.createBatch');
      const { db } = await appDatabase();
      return createBatch(db, coordinator, campaignId, title, { ip: context.locals.ip, formKey });
    },
  }),

  addToBatch: defineAction({
    accept: 'form',
    input: z.object({ batchId: id, nominationIds: ids }),
    handler: async ({ batchId, nominationIds }, context) => {
      const coordinator = requireAction(context, 'nominations.addToBatch');
      const { db } = await appDatabase();
      await addToBatch(db, coordinator, batchId, nominationIds, { ip: context.locals.ip });
      return { flash: 'added' as const };
    },
  }),

  sendBatch: defineAction({
    accept: 'form',
    input: z.object({ batchId: id, ...confirmation }),
    handler: async ({ batchId, confirmed }, context) => {
      const coordinator = requireAction(context, 'nominations.sendBatch');
      const { db } = await appDatabase();
      await confirmedStep(db, confirmed, (db) => sendBatch(db, coordinator, batchId, { ip: context.locals.ip }));
      return { flash: 'sent' as const };
    },
  }),

  /** A draft batch only; its nominations return to no batch. */
  deleteBatch: defineAction({
    accept: 'form',
    input: z.object({ batchId: id, ...confirmation }),
    handler: async ({ batchId, confirmed }, context) => {
      const coordinator = requireAction(context, 'nominations.deleteBatch');
      const { db } = await appDatabase();
      await confirmedStep(db, confirmed, (db) => deleteBatch(db, coordinator, batchId, { ip: context.locals.ip }));
      return { flash: 'deleted' as const };
    },
  }),

  /** The council meeting and the letter's number and date (council.ts `councilMeetingForm`, votes as `votesFor.<id>` …). */
  updateBatchDetails: defineAction({
    accept: 'form',
    input: z.looseObject({ batchId: id, ...councilMeetingFields }).transform(({ batchId, ...fields }) => ({ batchId, meeting: meetingOf(fields) })),
    handler: async ({ batchId, meeting }, context) => {
      const coordinator = requireAction(context, 'nominations.updateBatchDetails');
      const { db } = await appDatabase();
      await updateBatchDetails(db, coordinator, batchId, meeting, { ip: context.locals.ip });
      return { flash: 'details' as const };
    },
  }),

  /** Posts the batch's nominees on /nominees/<year> for citizens' comments (công khai). */
  postBatch: defineAction({
    accept: 'form',
    input: z.object({ batchId: id }),
    handler: async ({ batchId }, context) => {
      const coordinator = requireAction(context, 'nominations.postBatch');
      const { db } = await appDatabase();
      await postBatch(db, coordinator, batchId, { ip: context.locals.ip });
      return { flash: 'posted' as const };
    },
  }),

  /** Records how a citizen's comment was handled; the field is `handling` (its id names the comment). */
  handleComment: defineAction({
    accept: 'form',
    input: z.object({ commentId: id, handling: text(commentLimits.handlingLength) }),
    handler: async ({ commentId, handling }, context) => {
      const coordinator = requireAction(context, 'nominations.handleComment');
      const { db } = await appDatabase();
      await handleComment(db, coordinator, commentId, handling, { ip: context.locals.ip });
      return { flash: 'handled' as const };
    },
  }),

  /** Takes a signed scan back while the batch is open; the draft is served again. Uploading is a route (scan.ts). */
  removeSignedScan: defineAction({
    accept: 'form',
    input: z.object({ batchId: id, document: z.enum(dossierDocuments), nominationId: optionalId() }),
    handler: async ({ batchId, document, nominationId }, context) => {
      const coordinator = requireAction(context, 'nominations.removeSignedScan');
      const { db } = await appDatabase();
      await removeSignedScan(db, coordinator, { batchId, document, nominationId }, { ip: context.locals.ip });
      return { flash: 'scanRemoved' as const };
    },
  }),

  resend: defineAction({
    accept: 'form',
    input: z.object({ nominationId: id }),
    handler: async ({ nominationId }, context) => {
      const coordinator = requireAction(context, 'nominations.resend');
      const { db } = await appDatabase();
      await resendNomination(db, coordinator, nominationId, { ip: context.locals.ip });
      return { flash: 'resent' as const };
    },
  }),

  decideInHouse: defineAction({
    accept: 'form',
    input: z.object({ nominationId: id, ...decision, ...confirmation }),
    handler: async ({ nominationId, number, date, confirmed }, context) => {
      const coordinator = requireAction(context, 'nominations.decideInHouse');
      const { db } = await appDatabase();
      await confirmedStep(db, confirmed, (db) => decideInHouse(db, coordinator, nominationId, { number, date }, { ip: context.locals.ip }));
      return { flash: 'decided' as const };
    },
  }),

  startAppraisal: defineAction({
    accept: 'form',
    input: z.object({ nominationId: id }),
    handler: async ({ nominationId }, context) => {
      const appraiser = requireAction(context, 'nominations.startAppraisal');
      const { db } = await appDatabase();
      await startAppraisal(db, appraiser, nominationId, { ip: context.locals.ip });
      return { flash: 'started' as const };
    },
  }),

  returnForSupplement: defineAction({
    accept: 'form',
    input: z.object({ nominationId: id, reason: text(2000) }),
    handler: async ({ nominationId, reason }, context) => {
      const appraiser = requireAction(context, 'nominations.returnForSupplement');
      const { db } = await appDatabase();
      await returnForSupplement(db, appraiser, nominationId, reason, { ip: context.locals.ip });
      return { flash: 'returned' as const };
    },
  }),

  approve: defineAction({
    accept: 'form',
    input: z.object({ nominationId: id, ...decision, ...confirmation }),
    handler: async ({ nominationId, number, date, confirmed }, context) => {
      const appraiser = requireAction(context, 'nominations.approve');
      const { db } = await appDatabase();
      await confirmedStep(db, confirmed, (db) => approveNomination(db, appraiser, nominationId, { number, date }, { ip: context.locals.ip }));
      return { flash: 'approved' as const };
    },
  }),

  reject: defineAction({
    accept: 'form',
    input: z.object({ nominationId: id, reason: text(2000), ...confirmation }),
    handler: async ({ nominationId, reason, confirmed }, context) => {
      const appraiser = requireAction(context, 'nominations.reject');
      const { db } = await appDatabase();
      await confirmedStep(db, confirmed, (db) => rejectNomination(db, appraiser, nominationId, reason, { ip: context.locals.ip }));
      return { flash: 'rejected' as const };
    },
  }),

  /**
   * The appraisal page's one decision form (issue #16): approve with the decision's number and
   * date, return for supplement or reject with a reason; each choice's own fields are checked (by
   * the domain step it takes), then the confirmation step.
   */
  decide: defineAction({
    accept: 'form',
    input: z.object({
      nominationId: id,
      decision: z.enum(['approve', 'return', 'reject'], { error: 'nominations.errors.decisionChoice' }),
      ...decision,
      reason: text(2000),
      ...confirmation,
    }),
    handler: async ({ nominationId, decision: choice, number, date, reason, confirmed }, context) => {
      const step = choice === 'approve' ? 'nominations.approve' : choice === 'reject' ? 'nominations.reject' : 'nominations.returnForSupplement';
      const appraiser = requireAction(context, 'nominations.decide');
      requireAction(context, step);
      const { db } = await appDatabase();
      const ip = context.locals.ip;
      await confirmedStep(db, confirmed, (db) =>
        choice === 'approve'
          ? approveNomination(db, appraiser, nominationId, { number, date }, { ip })
          : choice === 'reject'
            ? rejectNomination(db, appraiser, nominationId, reason, { ip })
            : returnForSupplement(db, appraiser, nominationId, reason, { ip }),
      );
      return { flash: choice === 'approve' ? ('approved' as const) : choice === 'reject' ? ('rejected' as const) : ('returned' as const) };
    },
  }),
};
