import { and, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { assignments, campaigns, entries, mailOutbox, mailSettings, users } from '../../../db/schema';
import { sendReminders } from '../../../src/domain/mail/reminders';
import { demoCampaign } from '../../support/campaigns';
import { useTestDatabase } from '../../support/database';
import { createEntry } from '../../support/entries';

const handle = useTestDatabase();

const now = new Date('2026-12-01T02:00:00Z');
const hours = (n: number) => new Date(now.getTime() + n * 3_600_000);

async function reminded(kind: 'reminder_scoring' | 'reminder_drafts' | 'reminder_nominations') {
  const rows = await handle.db
    .select({ email: users.email, occasion: mailOutbox.occasion, subject: mailOutbox.subject, text: mailOutbox.bodyText })
    .from(mailOutbox)
    .innerJoin(users, eq(users.id, mailOutbox.userId))
    .where(eq(mailOutbox.kind, kind));
  return rows.sort((a, b) => (a.occasion ?? '').localeCompare(b.occasion ?? ''));
}

describe('reminders before the campaign’s deadlines', () => {
  it('reminds who has work left, once per occasion, and not who turned reminders off', async () => {
    const { db } = handle;
    const campaign = await demoCampaign(db);
    // Every other campaign is over; this one closes submissions in 2 days and scoring in 2.5.
    await db.update(campaigns).set({ submissionClosesAt: hours(-100), scoringClosesAt: hours(-100), nominationsDueAt: hours(-100) }).where(ne(campaigns.id, campaign.id));
    await db.update(campaigns).set({ submissionClosesAt: hours(48), scoringClosesAt: hours(60), nominationsDueAt: hours(24 * 30) }).where(eq(campaigns.id, campaign.id));
    // Scorers 1 and 2 each get an entry left to score; scorer 3 has none.
    const scorers = await db.select({ id: users.id }).from(users).where(inArray(users.email, ['scorer1@demo.vn', 'scorer2@demo.vn']));
    const open = [await createEntry(db, 'journalist@demo.vn', { status: 'in_review' })];
    // journalist2 has a draft left, journalist none.
    await createEntry(db, 'journalist2@demo.vn', { status: 'draft' });
    for (const s of scorers) {
      await db
        .insert(assignments)
        .values({ entryId: open[0].id, scorerId: s.id, assignedAt: hours(-48) })
        .onConflictDoUpdate({ target: [assignments.entryId, assignments.scorerId], set: { scoreStatus: null, submittedAt: null } });
    }
    const unsubmitted = await db
      .selectDistinct({ email: users.email, id: users.id })
      .from(assignments)
      .innerJoin(entries, eq(entries.id, assignments.entryId))
      .innerJoin(users, eq(users.id, assignments.scorerId))
      .where(and(eq(entries.campaignId, campaign.id), ne(entries.status, 'withdrawn'), or(isNull(assignments.scoreStatus), eq(assignments.scoreStatus, 'draft'))));
    const drafters = await db
      .selectDistinct({ email: users.email })
      .from(entries)
      .innerJoin(users, eq(users.id, entries.createdById))
      .where(and(eq(entries.campaignId, campaign.id), inArray(entries.status, ['draft', 'returned'])));
    // The demo gives work to more than one scorer and more than one writer, so the test can tell them apart.
    expect(unsubmitted.length).toBeGreaterThan(1);
    expect(drafters.length).toBeGreaterThan(0);
    const [optedOut, ...others] = unsubmitted.sort((a, b) => a.email.localeCompare(b.email));
    await db.insert(mailSettings).values({ userId: optedOut.id, reminders: false });

    await sendReminders(db, now);
    const scoring = await reminded('reminder_scoring');
    expect(scoring.map((r) => r.email).sort()).toEqual(others.map((o) => o.email));
    expect(scoring.every((r) => r.occasion?.startsWith(`scoring-3d:${campaign.id}:`))).toBe(true);
    expect(scoring[0].subject).toMatch(/^Nhắc việc: còn \d+ tác phẩm chưa gửi điểm – /);
    expect(scoring[0].text).toContain('(còn 3 ngày)');
    expect(scoring[0].text).toContain('Vì sao bạn nhận thư này: bạn được phân công chấm và còn điểm chưa gửi.');
    expect((await reminded('reminder_drafts')).map((r) => r.email).sort()).toEqual(drafters.map((d) => d.email).sort());
    expect(await reminded('reminder_nominations')).toEqual([]);

    // The schedule runs again and again: nothing new for the same occasion.
    expect(await sendReminders(db, hours(1))).toBe(0);

    // A day before scoring closes: the second scoring reminder, to the same people.
    await sendReminders(db, hours(40));
    const later = await reminded('reminder_scoring');
    expect(later.filter((r) => r.occasion?.startsWith('scoring-1d:')).map((r) => r.email).sort()).toEqual(others.map((o) => o.email));

    // The nominations deadline moves near: the coordinators are reminded.
    await db.update(campaigns).set({ nominationsDueAt: hours(24 * 5) }).where(eq(campaigns.id, campaign.id));
    await sendReminders(db, now);
    const coordinators = await db.select({ email: users.email }).from(users).where(and(eq(users.role, 'coordinator'), eq(users.active, true)));
    expect((await reminded('reminder_nominations')).map((r) => r.email).sort()).toEqual(coordinators.map((c) => c.email).sort());
  });
});
