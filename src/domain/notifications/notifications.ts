import { and, count, desc, eq, isNull, notInArray } from 'drizzle-orm';
import type { Queryable } from '@db/client';
import { notifications } from '@db/schema';
import { mailNotice } from '@/domain/mail/outbox';
import type { MessageKey } from '@/i18n';

/** Call inside the transaction of the change the notice is about; the notices that matter outside the site are e-mailed too. */
export async function notify(
  db: Queryable,
  userIds: number[],
  messageKey: MessageKey,
  params: Record<string, string | number> = {},
  link?: string,
) {
  if (userIds.length === 0) return;
  await db.insert(notifications).values(userIds.map((userId) => ({ userId, messageKey, params, link })));
  await mailNotice(db, userIds, messageKey, params, link);
}

/**
 * The newest unread notices and how many there are, in two queries whatever the count; `except`
 * leaves out the kinds of notice shown elsewhere on the page (the dashboard's work queues).
 */
export async function unreadNotifications(db: Queryable, userId: number, limit = 10, except: readonly MessageKey[] = []) {
  const unread = and(
    eq(notifications.userId, userId),
    isNull(notifications.readAt),
    except.length ? notInArray(notifications.messageKey, [...except]) : undefined,
  );
  const [items, [{ total }]] = await Promise.all([
    db.select().from(notifications).where(unread).orderBy(desc(notifications.createdAt)).limit(limit),
    db.select({ total: count() }).from(notifications).where(unread),
  ]);
  return { items: items.map((n) => ({ ...n, messageKey: n.messageKey as MessageKey })), total };
}

/** Marks every unread notice of the user read; returns how many there were. */
export async function markAllRead(db: Queryable, userId: number, now = new Date()): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
