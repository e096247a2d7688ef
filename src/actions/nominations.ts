import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { awardForms } from '@db/schema';
import { requireAction } from '@/auth/guards';
import {
  addToBatch,
  approveNomination,
  createBatch,
  decideInHouse,
  rejectNomination,
  resendNomination,
  returnForSupplement,
  sendBatch,
  startAppraisal,
  updateBatchDetails,
} from '@/domain/nominations/decisions';
import { createNomination } from '@/domain/nominations/nominations';
import { appDatabase } from '@/database';
import { domainCall } from './errors';
import { checkbox, id, text } from './fields';

const ids = z.array(z.coerce.number().int().positive()).default([]);
const decision = { number: text(50), date: text(10) };

/** Coordinator and appraiser steps of DESIGN.md's nomination flow; the rules live in the domain. */
export const nominations = {
  create: defineAction({
    accept: 'form',
    input: z.object({
      campaignId: id,
      nomineeType: z.enum(['individual', 'collective'], { error: 'errors.required' }),
      nomineeUserId: z.coerce.number().int().optional(),
      nomineeOrganisationId: z.coerce.number().int().optional(),
      awardForm: z.enum(awardForms, { error: 'errors.required' }),
      entryIds: ids,
      achievementSummary: text(4000),
      completedParTasks: checkbox,
      metEmulationContent: checkbox,
      parIndexRating: z.enum(['excellent', 'good', 'fair', 'average', 'not_rated']).default('not_rated'),
      criteriaEvidence: text(2000),
      eligibilityDeclared: checkbox,
    }),
    handler: async (input, context) => {
      const coordinator = requireAction(context, 'nominations.create');
      const { db } = await appDatabase();
      const nominee =
        input.nomineeType === 'individual'
          ? { type: 'individual' as const, userId: input.nomineeUserId ?? 0 }
          : { type: 'collective' as const, organisationId: input.nomineeOrganisationId ?? 0 };
      const created = await domainCall(() =>
        createNomination(
          db,
          coordinator,
          {
            campaignId: input.campaignId,
            nominee,
            awardForm: input.awardForm,
            entryIds: input.entryIds,
            achievementSummary: input.achievementSummary,
            eligibilityDeclared: input.eligibilityDeclared,
            collectiveCriteria: {
              completedParTasks: input.completedParTasks,
              metEmulationContent: input.metEmulationContent,
              parIndexRating: input.parIndexRating,
              evidence: input.criteriaEvidence,
            },
          },
          { ip: context.locals.ip },
        ),
      );
      return { id: created.id };
    },
  }),

  createBatch: defineAction({
    accept: 'form',
    input: z.object({ campaignId: id, title: text(300) }),
    handler: async ({ campaignId, title }, context) => {
      const coordinator = requireAction(context, 'nominations.createBatch');
      const { db } = await appDatabase();
      return domainCall(() => createBatch(db, coordinator, campaignId, title, { ip: context.locals.ip }));
    },
  }),

  addToBatch: defineAction({
    accept: 'form',
    input: z.object({ batchId: id, nominationIds: ids }),
    handler: async ({ batchId, nominationIds }, context) => {
      const coordinator = requireAction(context, 'nominations.addToBatch');
      const { db } = await appDatabase();
      await domainCall(() => addToBatch(db, coordinator, batchId, nominationIds, { ip: context.locals.ip }));
      return { flash: 'added' as const };
    },
  }),

  sendBatch: defineAction({
    accept: 'form',
    input: z.object({ batchId: id }),
    handler: async ({ batchId }, context) => {
      const coordinator = requireAction(context, 'nominations.sendBatch');
      const { db } = await appDatabase();
      await domainCall(() => sendBatch(db, coordinator, batchId, { ip: context.locals.ip }));
      return { flash: 'sent' as const };
    },
  }),

  /** Proposal letter and council minutes details; votes come as `votesAgree.<id>` / `votesTotal.<id>`. */
  updateBatchDetails: defineAction({
    accept: 'form',
    input: z.looseObject({
      batchId: id,
      proposalNumber: text(100),
      proposalDate: text(10),
      meetingDate: text(10),
      meetingPlace: text(300),
      membersPresent: text(4000),
    }),
    handler: async (input, context) => {
      const coordinator = requireAction(context, 'nominations.updateBatchDetails');
      const { db } = await appDatabase();
      const votes: Record<number, { agree: number; total: number }> = {};
      for (const [name, value] of Object.entries(input)) {
        const match = /^votesAgree\.(\d+)$/.exec(name);
        const total = match ? String(input[`votesTotal.${match[1]}`] ?? '').trim() : '';
        if (!match || (String(value ?? '').trim() === '' && total === '')) continue;
        votes[Number(match[1])] = { agree: Number(String(value ?? '').trim() || Number.NaN), total: Number(total || Number.NaN) };
      }
      const { batchId, proposalNumber, proposalDate, meetingDate, meetingPlace, membersPresent } = input;
      await domainCall(() =>
        updateBatchDetails(db, coordinator, batchId, { proposalNumber, proposalDate, meetingDate, meetingPlace, membersPresent, votes }, { ip: context.locals.ip }),
      );
      return { flash: 'details' as const };
    },
  }),

  resend: defineAction({
    accept: 'form',
    input: z.object({ nominationId: id }),
    handler: async ({ nominationId }, context) => {
      const coordinator = requireAction(context, 'nominations.resend');
      const { db } = await appDatabase();
      await domainCall(() => resendNomination(db, coordinator, nominationId, { ip: context.locals.ip }));
      return { flash: 'resent' as const };
    },
  }),

  decideInHouse: defineAction({
    accept: 'form',
    input: z.object({ nominationId: id, ...decision }),
    handler: async ({ nominationId, number, date }, context) => {
      const coordinator = requireAction(context, 'nominations.decideInHouse');
      const { db } = await appDatabase();
      await domainCall(() => decideInHouse(db, coordinator, nominationId, { number, date }, { ip: context.locals.ip }));
      return { flash: 'decided' as const };
    },
  }),

  startAppraisal: defineAction({
    accept: 'form',
    input: z.object({ nominationId: id }),
    handler: async ({ nominationId }, context) => {
      const appraiser = requireAction(context, 'nominations.startAppraisal');
      const { db } = await appDatabase();
      await domainCall(() => startAppraisal(db, appraiser, nominationId, { ip: context.locals.ip }));
      return { flash: 'started' as const };
    },
  }),

  returnForSupplement: defineAction({
    accept: 'form',
    input: z.object({ nominationId: id, reason: text(2000) }),
    handler: async ({ nominationId, reason }, context) => {
      const appraiser = requireAction(context, 'nominations.returnForSupplement');
      const { db } = await appDatabase();
      await domainCall(() => returnForSupplement(db, appraiser, nominationId, reason, { ip: context.locals.ip }));
      return { flash: 'returned' as const };
    },
  }),

  approve: defineAction({
    accept: 'form',
    input: z.object({ nominationId: id, ...decision }),
    handler: async ({ nominationId, number, date }, context) => {
      const appraiser = requireAction(context, 'nominations.approve');
      const { db } = await appDatabase();
      await domainCall(() => approveNomination(db, appraiser, nominationId, { number, date }, { ip: context.locals.ip }));
      return { flash: 'approved' as const };
    },
  }),

  reject: defineAction({
    accept: 'form',
    input: z.object({ nominationId: id, reason: text(2000) }),
    handler: async ({ nominationId, reason }, context) => {
      const appraiser = requireAction(context, 'nominations.reject');
      const { db } = await appDatabase();
      await domainCall(() => rejectNomination(db, appraiser, nominationId, reason, { ip: context.locals.ip }));
      return { flash: 'rejected' as const };
    },
  }),
};
