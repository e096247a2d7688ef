import { defineAction } from './boundary';
import { z } from 'astro/zod';
import { requireAction } from '@/auth/guards';
import { saveMailChoices } from '@/domain/mail/settings';
import { appDatabase } from '@/database';
import { locales } from '@/i18n';
import { checkbox } from '@/domain/fields';

export const mail = {
  saveSettings: defineAction({
    accept: 'form',
    input: z.object({ locale: z.enum(locales, { error: 'errors.required' }), reminders: checkbox, workNotices: checkbox }),
    handler: async (input, context) => {
      const user = requireAction(context, 'mail.saveSettings');
      const { db } = await appDatabase();
      await saveMailChoices(db, user, input, context.locals.ip);
      return { ok: true };
    },
  }),
};
