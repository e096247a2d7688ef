import { formAction } from './form-action';
import { z } from 'astro/zod';
import { saveAndSubmit, saveDraft } from '@/domain/entries/draft';
import { entryForm } from '@/domain/entries/form';
import { confirmEntry, returnEntry, withdrawEntry } from '@/domain/entries/transitions';
import { checkForm, formInput } from './form-input';
import { missingInForm } from '@/domain/entries/completeness';
import { currentCampaign } from '@/domain/campaigns/current';
import { id, text } from '@/domain/fields';

export const entries = {
  /** Saves the draft; with intent=submit, then submits it. A refused submission keeps an entry saved before, and creates none. */
  save: formAction('entries.save', formInput(entryForm), async (db, user, form, context) => {
    // A refused submission names what it would still lack in the same round as the refused fields.
    const { intent, ...input } = await checkForm(entryForm, form, async (fields, whole) => {
      if (whole || form.intent !== 'submit') return [];
      const campaign = await currentCampaign(db);
      return campaign ? missingInForm(fields, campaign) : [];
    });
    if (intent === 'submit') {
      const { id: entryId, status } = await saveAndSubmit(db, user, input, { ip: context.locals.ip });
      return { id: entryId, status, flash: 'submitted' as const };
    }
    const { id: entryId } = await saveDraft(db, user, input);
    return { id: entryId, status: 'draft' as const, flash: 'saved' as const };
  }),

  confirm: formAction('entries.confirm', z.object({ entryId: id }), async (db, user, { entryId }, context) => {
    await confirmEntry(db, user, entryId, { ip: context.locals.ip });
    return { id: entryId, flash: 'confirmed' as const };
  }),

  return: formAction('entries.return', z.object({ entryId: id, reason: text(2000) }), async (db, user, { entryId, reason }, context) => {
    await returnEntry(db, user, entryId, reason, { ip: context.locals.ip });
    return { id: entryId, flash: 'returned' as const };
  }),

  withdraw: formAction('entries.withdraw', z.object({ entryId: id, reason: text(2000) }), async (db, user, { entryId, reason }, context) => {
    await withdrawEntry(db, user, entryId, reason, { ip: context.locals.ip });
    return { id: entryId, flash: 'withdrawn' as const };
  }),
};
