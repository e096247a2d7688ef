import { formAction } from './form-action';
import { z } from 'astro/zod';
import { saveMailChoices } from '@/domain/mail/settings';
import { locales } from '@/i18n';
import { checkbox } from '@/domain/fields';

export const mail = {
  saveSettings: formAction(
    'mail.saveSettings',
    z.object({ locale: z.enum(locales, { error: 'errors.required' }), reminders: checkbox, workNotices: checkbox }),
    async (db, user, input, context) => {
      await saveMailChoices(db, user, input, context.locals.ip);
      return { ok: true };
    },
  ),
};
