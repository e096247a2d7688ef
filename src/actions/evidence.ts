import { defineAction } from './boundary';
import { z } from 'astro/zod';
import { requireAction } from '@/auth/guards';
import { removeEvidence } from '@/domain/entries/evidence/evidence';
import { uploadsDirectory } from '@/domain/files/storage';
import { appDatabase } from '@/database';
import { id } from '@/domain/fields';

/** Adding a file is not an Action (bodies are capped at 1 MB): see pages/app/entries/[id]/evidence. */
export const evidence = {
  remove: defineAction({
    accept: 'form',
    input: z.object({ entryId: id, fileId: id }),
    handler: async (input, context) => {
      const actor = requireAction(context, 'evidence.remove');
      const { db } = await appDatabase();
      await removeEvidence(db, actor, input.entryId, input.fileId, { uploadsDir: uploadsDirectory(), ip: context.locals.ip });
      return { entryId: input.entryId };
    },
  }),
};
