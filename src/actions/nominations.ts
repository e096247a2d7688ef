import { formAction } from './form-action';
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
  create: formAction('nominations.create', z.object({ campaignId: id, formKey, ...nominationFields }), async (db, coordinator, input, context) => {
    const created = await createNomination(db, coordinator, { campaignId: input.campaignId, ...nominationInputOf(input) }, { ip: context.locals.ip, formKey: input.formKey });
    return { id: created.id };
  }),

  /** The coordinator edits a draft or a returned nomination (after Home Affairs asks for a supplement). */
  update: formAction('nominations.update', z.object({ nominationId: id, ...nominationFields }), async (db, coordinator, input, context) => {
    // The campaign is the nomination's own: updateNomination takes it from the stored row.
    await updateNomination(db, coordinator, input.nominationId, { campaignId: 0, ...nominationInputOf(input) }, { ip: context.locals.ip });
    return { id: input.nominationId, flash: 'updated' as const };
  }),

  createBatch: formAction(
    'nominations.createBatch',
    z.object({ campaignId: id, title: text(300), formKey }),
    async (db, coordinator, { campaignId, title, formKey }, context) => {
      return createBatch(db, coordinator, campaignId, title, { ip: context.locals.ip, formKey });
    },
  ),

  addToBatch: formAction(
    'nominations.addToBatch',
    z.object({ batchId: id, nominationIds: ids }),
    async (db, coordinator, { batchId, nominationIds }, context) => {
      await addToBatch(db, coordinator, batchId, nominationIds, { ip: context.locals.ip });
      return { flash: 'added' as const };
    },
  ),

  sendBatch: formAction('nominations.sendBatch', z.object({ batchId: id, ...confirmation }), async (db, coordinator, { batchId, confirmed }, context) => {
    await confirmedStep(db, confirmed, (db) => sendBatch(db, coordinator, batchId, { ip: context.locals.ip }));
    return { flash: 'sent' as const };
  }),

  /** A draft batch only; its nominations return to no batch. */
  deleteBatch: formAction('nominations.deleteBatch', z.object({ batchId: id, ...confirmation }), async (db, coordinator, { batchId, confirmed }, context) => {
    await confirmedStep(db, confirmed, (db) => deleteBatch(db, coordinator, batchId, { ip: context.locals.ip }));
    return { flash: 'deleted' as const };
  }),

  /** The council meeting and the letter's number and date (council.ts `councilMeetingForm`, votes as `votesFor.<id>` …). */
  updateBatchDetails: formAction(
    'nominations.updateBatchDetails',
    z.looseObject({ batchId: id, ...councilMeetingFields }).transform(({ batchId, ...fields }) => ({ batchId, meeting: meetingOf(fields) })),
    async (db, coordinator, { batchId, meeting }, context) => {
      await updateBatchDetails(db, coordinator, batchId, meeting, { ip: context.locals.ip });
      return { flash: 'details' as const };
    },
  ),

  /** Posts the batch's nominees on /nominees/<year> for citizens' comments (công khai). */
  postBatch: formAction('nominations.postBatch', z.object({ batchId: id }), async (db, coordinator, { batchId }, context) => {
    await postBatch(db, coordinator, batchId, { ip: context.locals.ip });
    return { flash: 'posted' as const };
  }),

  /** Records how a citizen's comment was handled; the field is `handling` (its id names the comment). */
  handleComment: formAction(
    'nominations.handleComment',
    z.object({ commentId: id, handling: text(commentLimits.handlingLength) }),
    async (db, coordinator, { commentId, handling }, context) => {
      await handleComment(db, coordinator, commentId, handling, { ip: context.locals.ip });
      return { flash: 'handled' as const };
    },
  ),

  /** Takes a signed scan back while the batch is open; the draft is served again. Uploading is a route (scan.ts). */
  removeSignedScan: formAction(
    'nominations.removeSignedScan',
    z.object({ batchId: id, document: z.enum(dossierDocuments), nominationId: optionalId() }),
    async (db, coordinator, { batchId, document, nominationId }, context) => {
      await removeSignedScan(db, coordinator, { batchId, document, nominationId }, { ip: context.locals.ip });
      return { flash: 'scanRemoved' as const };
    },
  ),

  resend: formAction('nominations.resend', z.object({ nominationId: id }), async (db, coordinator, { nominationId }, context) => {
    await resendNomination(db, coordinator, nominationId, { ip: context.locals.ip });
    return { flash: 'resent' as const };
  }),

  decideInHouse: formAction(
    'nominations.decideInHouse',
    z.object({ nominationId: id, ...decision, ...confirmation }),
    async (db, coordinator, { nominationId, number, date, confirmed }, context) => {
      await confirmedStep(db, confirmed, (db) => decideInHouse(db, coordinator, nominationId, { number, date }, { ip: context.locals.ip }));
      return { flash: 'decided' as const };
    },
  ),

  startAppraisal: formAction('nominations.startAppraisal', z.object({ nominationId: id }), async (db, appraiser, { nominationId }, context) => {
    await startAppraisal(db, appraiser, nominationId, { ip: context.locals.ip });
    return { flash: 'started' as const };
  }),

  returnForSupplement: formAction(
    'nominations.returnForSupplement',
    z.object({ nominationId: id, reason: text(2000) }),
    async (db, appraiser, { nominationId, reason }, context) => {
      await returnForSupplement(db, appraiser, nominationId, reason, { ip: context.locals.ip });
      return { flash: 'returned' as const };
    },
  ),

  approve: formAction(
    'nominations.approve',
    z.object({ nominationId: id, ...decision, ...confirmation }),
    async (db, appraiser, { nominationId, number, date, confirmed }, context) => {
      await confirmedStep(db, confirmed, (db) => approveNomination(db, appraiser, nominationId, { number, date }, { ip: context.locals.ip }));
      return { flash: 'approved' as const };
    },
  ),

  reject: formAction(
    'nominations.reject',
    z.object({ nominationId: id, reason: text(2000), ...confirmation }),
    async (db, appraiser, { nominationId, reason, confirmed }, context) => {
      await confirmedStep(db, confirmed, (db) => rejectNomination(db, appraiser, nominationId, reason, { ip: context.locals.ip }));
      return { flash: 'rejected' as const };
    },
  ),

  /**
   * The appraisal page's one decision form (issue #16): approve with the decision's number and
   * date, return for supplement or reject with a reason; each choice's own fields are checked (by
   * the domain step it takes), then the confirmation step.
   */
  decide: formAction(
    'nominations.decide',
    z.object({
      nominationId: id,
      decision: z.enum(['approve', 'return', 'reject'], { error: 'nominations.errors.decisionChoice' }),
      ...decision,
      reason: text(2000),
      ...confirmation,
    }),
    async (db, appraiser, { nominationId, decision: choice, number, date, reason, confirmed }, context) => {
      // The choice is also the step's own Action: its row in the permission table applies too.
      requireAction(context, choice === 'approve' ? 'nominations.approve' : choice === 'reject' ? 'nominations.reject' : 'nominations.returnForSupplement');
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
  ),
};
