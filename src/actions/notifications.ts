import { defineAction } from 'astro:actions';
import { requireUser } from '@/auth/guards';
import { markAllRead } from '@/domain/notifications/notifications';
import { appDatabase } from '@/database';

export const notifications = {
  markAllRead: defineAction({
    accept: 'form',
    handler: async (_input, context) => {
      const user = requireUser(context);
      const { db } = await appDatabase();
      return { marked: await markAllRead(db, user.id) };
    },
  }),
};
