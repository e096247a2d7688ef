import { formAction } from './form-action';
import { z } from 'astro/zod';
import { assignEntries } from '@/domain/scoring/assign';
import { setPanel } from '@/domain/scoring/panel';
import { updateRubric } from '@/domain/scoring/rubric';
import { declareConflict, reassign, reopenScore, saveScore } from '@/domain/scoring/scores';
import { shortlistByRanking, shortlistEntries, unshortlistEntry } from '@/domain/scoring/shortlist';
import type { Database } from '@db/client';
import { confirmation, confirmedStep } from './confirmation';
import { decimalNumber, id, ids, optional, parseId, parseWholeNumber, text, wholeNumber } from '@/domain/fields';

/** Form fields named `points.<criterionId>`: empty means "not scored yet". */
function pointsFrom(form: Record<string, unknown>): Record<number, number | undefined> {
  const points: Record<number, number | undefined> = {};
  for (const [name, value] of Object.entries(form)) {
    const criterionId = name.startsWith('points.') ? parseId(name.slice('points.'.length)) : undefined;
    if (criterionId === undefined) continue;
    // Plain decimal digits only: `0x5`, `1e1` and ` 7 ` are no points (NaN: the domain names the field).
    points[criterionId] = value === '' || value === null || value === undefined ? undefined : (parseWholeNumber(value) ?? Number.NaN);
  }
  return points;
}

export const scoring = {
  save: formAction(
    'scoring.save',
    // The rubric decides which criteria exist: the points are read from the raw form below.
    z.looseObject({ assignmentId: id, comment: text(5000), intent: z.enum(['draft', 'submit']).default('draft'), ...confirmation }),
    async (db, scorer, input, context) => {
      const score = (db: Database) => saveScore(db, scorer, input.assignmentId, { points: pointsFrom(input), comment: input.comment }, input.intent, { ip: context.locals.ip });
      // A submitted score is locked: submitting asks once more; a draft is saved at once.
      const result = await (input.intent === 'submit' ? confirmedStep(db, input.confirmed, score) : score(db));
      return { ...result, flash: input.intent === 'submit' ? ('submitted' as const) : ('saved' as const) };
    },
  ),

  declareConflict: formAction(
    'scoring.declareConflict',
    z.object({ assignmentId: id, reason: text(1000) }),
    async (db, scorer, { assignmentId, reason }, context) => {
      await declareConflict(db, scorer, assignmentId, reason, { ip: context.locals.ip });
      return { flash: 'conflict' as const };
    },
  ),

  setPanel: formAction('scoring.setPanel', z.object({ campaignId: id, scorerIds: ids() }), async (db, coordinator, { campaignId, scorerIds }, context) => {
    await setPanel(db, coordinator, campaignId, scorerIds, context.locals.ip);
    return { flash: 'panel' as const };
  }),

  assign: formAction('scoring.assign', z.object({ campaignId: id }), async (db, coordinator, { campaignId }, context) => {
    return assignEntries(db, coordinator, campaignId, new Date(), context.locals.ip);
  }),

  reassign: formAction('scoring.reassign', z.object({ assignmentId: id, scorerId: id }), async (db, coordinator, { assignmentId, scorerId }, context) => {
    await reassign(db, coordinator, assignmentId, scorerId, { ip: context.locals.ip });
    return { flash: 'reassigned' as const };
  }),

  reopen: formAction('scoring.reopen', z.object({ assignmentId: id, reason: text(1000) }), async (db, coordinator, { assignmentId, reason }, context) => {
    await reopenScore(db, coordinator, assignmentId, reason, { ip: context.locals.ip });
    return { flash: 'reopened' as const };
  }),

  updateRubric: formAction(
    'scoring.updateRubric',
    z.object({
      campaignId: id,
      name: z.array(text(300)).default([]),
      guidance: z.array(text(2000)).default([]),
      maxPoints: z.array(text(10)).default([]),
    }),
    async (db, coordinator, input, context) => {
      // Rows whose name is left empty are dropped: that is how a criterion is removed.
      const criteria = input.name
        .map((name, i) => ({ name, guidance: input.guidance[i] ?? '', maxPoints: parseWholeNumber(input.maxPoints[i]) ?? Number.NaN }))
        .filter((c) => c.name.trim() !== '');
      await updateRubric(db, coordinator, input.campaignId, criteria, context.locals.ip);
      return { flash: 'rubric' as const };
    },
  ),

  shortlist: formAction('scoring.shortlist', z.object({ campaignId: id, entryIds: ids() }), async (db, coordinator, { campaignId, entryIds }, context) => {
    const result = await shortlistEntries(db, coordinator, campaignId, entryIds, { ip: context.locals.ip });
    return { ...result, flash: 'shortlisted' as const };
  }),

  shortlistBy: formAction(
    'scoring.shortlistBy',
    z.object({
      campaignId: id,
      rule: z.enum(['top', 'atLeast']),
      top: optional(wholeNumber(1, 1000, 'scoring.errors.points')),
      atLeast: optional(decimalNumber(0, 100, 'scoring.errors.points')),
    }),
    async (db, coordinator, { campaignId, rule, top, atLeast }, context) => {
      const choice = rule === 'top' ? { top: top ?? 0 } : { atLeast: atLeast ?? 101 };
      const result = await shortlistByRanking(db, coordinator, campaignId, choice, { ip: context.locals.ip });
      return { ...result, flash: 'shortlisted' as const };
    },
  ),

  unshortlist: formAction('scoring.unshortlist', z.object({ entryId: id }), async (db, coordinator, { entryId }, context) => {
    await unshortlistEntry(db, coordinator, entryId, { ip: context.locals.ip });
    return { flash: 'unshortlisted' as const };
  }),
};
