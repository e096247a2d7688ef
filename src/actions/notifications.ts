import { defineAction } from './boundary';
import { requireAction } from '@/auth/guards';
import { markAllRead } from '@/domain/notifications/notifications';
import { appDatabase } from '@/database';

export const notifications = {
  markAllRead: defineAction({
    accept: 'form',
    handler: async (_input, context) => {
      const user = requireAction(context, 'notifications.markAllRead');
      const { db } = await appDatabase();
      return { marked: await markAllRead(db, user.id) };
    },
  }),
};
