import { formAction } from './form-action';
import { z } from 'astro/zod';
import { removeEvidence } from '@/domain/entries/evidence/evidence';
import { uploadsDirectory } from '@/domain/files/storage';
import { id } from '@/domain/fields';

/** Adding a file is not an Action (bodies are capped at 1 MB): see pages/app/entries/[id]/evidence. */
export const evidence = {
  remove: formAction('evidence.remove', z.object({ entryId: id, fileId: id }), async (db, actor, input, context) => {
    await removeEvidence(db, actor, input.entryId, input.fileId, { uploadsDir: uploadsDirectory(), ip: context.locals.ip });
    return { entryId: input.entryId };
  }),
};
