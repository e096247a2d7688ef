import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { and, count, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type Database, openPostgres } from '../../db/client';
import { assignments, auditLog, campaigns, entries, evidenceFiles, notifications, rubricCriteria, scoreItems } from '../../db/schema';
import { temporaryName } from '../../src/domain/files/storage';
import { assignEntries } from '../../src/domain/scoring/assign';
import { setPanel } from '../../src/domain/scoring/panel';
import { actorFor } from '../support/accounts';
import { createEntry } from '../support/entries';
import { signedIn, type Visitor } from '../support/http';
import { checkInvariants, createLoadAccounts, signInAll, SubmissionFlow, submitConcurrently } from '../support/load';
import { useServer } from '../support/server';

/**
 * The server is killed with SIGKILL (no clean-up of any kind) while submissions and scores are in
 * flight, started again on the same database and data folder, and the same requests are sent
 * again. What the crash left must be whole (each change is one transaction: status, audit row and
 * notices together, and a file only with its row), the start-up sweep must leave no temporary or
 * orphaned file, and the retries must duplicate nothing.
 */
const server = useServer(
    // Nothing else writes to this data folder: whatever a crash left is swept at once.
    { UPLOAD_SWEEP_GRACE_MINUTES: '0' },
    {
      prepare: async (db) => {
        ({ journalists } = await createLoadAccounts(db, 24, 3));
        const coordinator = await actorFor(db, 'coordinator@demo.vn');
        const [campaign] = await db.select().from(campaigns).where(eq(campaigns.year, 2024));
        const scorers = await Promise.all(scorerEmails.map((e) => actorFor(db, e)));
        await setPanel(db, coordinator, campaign.id, scorers.map((s) => s.id));
        for (let i = 0; i < 6; i++) {
          const author = i % 2 ? 'journalist@demo.vn' : 'journalist2@demo.vn';
          scoring.entryIds.push((await createEntry(db, author, { status: 'confirmed', title: `Tác phẩm chấm khi máy chủ sập ${i + 1}` })).id);
        }
        await assignEntries(db, coordinator, campaign.id);
        scoring.criteria = await db
          .select({ id: rubricCriteria.id, maxPoints: rubricCriteria.maxPoints })
          .from(rubricCriteria)
          .where(eq(rubricCriteria.campaignId, campaign.id));
      },
    },
  );
let journalists: string[] = [];
const scoring = { entryIds: [] as number[], criteria: [] as { id: number; maxPoints: number }[] };
const scorerEmails = ['scorer1@demo.vn', 'scorer2@demo.vn', 'scorer3@demo.vn'];


async function withDatabase<T>(use: (db: Database) => Promise<T>): Promise<T> {
  const handle = await openPostgres(server.databaseUrl!, { max: 2 });
  try {
    return await use(handle.db);
  } finally {
    await handle.close();
  }
}

const uploadsDir = () => path.join(server.dataDir, 'uploads');
const filesOnDisk = () => (existsSync(uploadsDir()) ? readdirSync(uploadsDir(), { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name) : []);

/** Waits until `ready` holds, then kills the server. */
async function crashWhen(ready: () => boolean) {
  while (!ready()) await new Promise((r) => setTimeout(r, 2));
  await server.crash();
}

describe('a crash in the middle of submissions', () => {
  it('leaves every entry whole, and the same requests sent again duplicate nothing', async () => {
    const flows = (await signInAll(server.origin, journalists)).map((v, i) => new SubmissionFlow(v, i + 1));
    const [first] = await Promise.all([submitConcurrently(flows), crashWhen(() => flows.filter((f) => f.uploaded).length >= 2)]);
    // The crash cut requests short: some flows were left part-way.
    expect(first.errors.length).toBeGreaterThan(0);
    expect(flows.filter((f) => !f.acknowledged).length).toBeGreaterThan(0);

    // What the crash left, before any clean-up: each entry's status goes with its audit rows and notices.
    await withDatabase(async (db) => {
      const rows = await db.select().from(entries).where(inArray(entries.formKey, flows.map((f) => f.formKey)));
      for (const entry of rows) {
        const audit = await db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.subjectType, 'entry'), eq(auditLog.subjectId, String(entry.id))));
        const [{ notices }] = await db.select({ notices: count() }).from(notifications).where(eq(notifications.link, `/app/entries/${entry.id}`));
        const expected = entry.status === 'submitted' ? ['entry_created', 'entry_submitted'] : ['entry_created'];
        expect(entry.status, entry.title).toMatch(/^(draft|submitted)$/);
        expect(audit.map((a) => a.action).filter((a) => a.startsWith('entry_')).sort(), entry.title).toEqual(expected);
        expect(notices, entry.title).toBe(entry.status === 'submitted' ? 1 : 0);
      }
      // A committed evidence row always has its file: the file is in place before the commit.
      const stored = await db.select({ name: evidenceFiles.storedName }).from(evidenceFiles);
      expect(stored.filter((s) => !filesOnDisk().includes(s.name))).toEqual([]);
    });

    // A gallery image resized when the crash came would leave its temporary file in the image cache.
    const imageCache = path.join(server.dataDir, 'cache', 'gallery');
    mkdirSync(imageCache, { recursive: true });
    const resizing = temporaryName();
    const variant = `${'c'.repeat(32)}-480.webp`;
    for (const name of [resizing, variant]) writeFileSync(path.join(imageCache, name), 'x');

    await server.restart();
    // The start-up sweep removed temporary files and files whose row was never committed.
    await withDatabase(async (db) => {
      const named = new Set((await db.select({ name: evidenceFiles.storedName }).from(evidenceFiles)).map((r) => r.name));
      expect(filesOnDisk().filter((name) => !named.has(name))).toEqual([]);
    });
    expect(readdirSync(imageCache)).toEqual([variant]);

    const retried = await submitConcurrently(flows);
    expect(retried.errors).toEqual([]);
    expect(flows.every((f) => f.acknowledged)).toBe(true);
    const found = await withDatabase((db) => checkInvariants(db, uploadsDir(), flows));
    expect(found).toEqual({ lost: [], duplicated: [], inconsistent: [], withoutEvidence: [], orphanFiles: [], missingFiles: [] });
  });
});

describe('a crash in the middle of scoring', () => {
  it('leaves each score and entry status whole, and the same scores sent again are counted once', async () => {
    const scorers = await Promise.all(scorerEmails.map((e) => signedIn(server.origin, e)));
    const sends: { scorer: Visitor; assignmentId: number; fields: Record<string, string>; answered: boolean }[] = [];
    for (const [s, scorer] of scorers.entries()) {
      const html = await (await scorer.get('/app/scoring')).text();
      for (const [, id] of html.matchAll(/href="\/app\/scoring\/(\d+)"/g)) {
        // Different points per scorer and entry, each within the criterion's maximum.
        const points = Object.fromEntries(scoring.criteria.map((c, i) => [`points.${c.id}`, String((Number(id) + s + i) % (c.maxPoints + 1))]));
        sends.push({ scorer, assignmentId: Number(id), fields: { assignmentId: id, intent: 'submit', confirmed: '1', comment: `Nhận xét ${id}`, ...points }, answered: false });
      }
    }
    expect(sends).toHaveLength(scoring.entryIds.length * 3);
    const send = async (one: (typeof sends)[number]) => {
      const response = await one.scorer.post(`/app/scoring/${one.assignmentId}?_action=scoring.save`, one.fields);
      expect(response.status, await response.text()).toBe(302);
      one.answered = true;
    };

    const [first] = await Promise.all([Promise.allSettled(sends.map(send)), crashWhen(() => sends.some((s) => s.answered))]);
    expect(first.filter((r) => r.status === 'rejected').length).toBeGreaterThan(0);
    await withDatabase(async (db) => expect(await scoringProblems(db, { allSubmitted: false })).toEqual([]));

    await server.restart();
    // The same requests again, the answered ones too: a repeated submission is not a second score.
    await Promise.all(sends.map(send));
    await withDatabase(async (db) => {
      expect(await scoringProblems(db, { allSubmitted: true })).toEqual([]);
      for (const one of sends) {
        const [row] = await db.select().from(assignments).where(eq(assignments.id, one.assignmentId));
        const total = scoring.criteria.reduce((sum, c) => sum + Number(one.fields[`points.${c.id}`]), 0);
        expect(row).toMatchObject({ scoreStatus: 'submitted', total, comment: `Nhận xét ${one.assignmentId}` });
      }
    });
  });
});

/**
 * Each assignment: submitted exactly when it has one `score_submitted` audit row and a point for
 * every criterion; each entry: `scored` exactly when all three scores are in, with one
 * `entry_scored` row from in_review, and `in_review` otherwise.
 */
async function scoringProblems(db: Database, { allSubmitted }: { allSubmitted: boolean }): Promise<string[]> {
  const problems: string[] = [];
  const rows = await db.select().from(assignments).where(inArray(assignments.entryId, scoring.entryIds));
  for (const a of rows) {
    const [{ audited }] = await db.select({ audited: count() }).from(auditLog).where(and(eq(auditLog.action, 'score_submitted'), eq(auditLog.subjectId, String(a.id))));
    const [{ items }] = await db.select({ items: count() }).from(scoreItems).where(eq(scoreItems.assignmentId, a.id));
    const submitted = a.scoreStatus === 'submitted';
    if (audited !== (submitted ? 1 : 0) || items !== (submitted ? scoring.criteria.length : 0)) {
      problems.push(`assignment ${a.id}: ${a.scoreStatus}, ${audited} audit rows, ${items} points`);
    }
    if (allSubmitted && !submitted) problems.push(`assignment ${a.id} not submitted`);
  }
  for (const entryId of scoring.entryIds) {
    const [entry] = await db.select({ status: entries.status }).from(entries).where(eq(entries.id, entryId));
    const complete = rows.filter((a) => a.entryId === entryId && a.scoreStatus === 'submitted').length === 3;
    const audit = await db
      .select({ from: auditLog.fromStatus, to: auditLog.toStatus })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'entry_scored'), eq(auditLog.subjectId, String(entryId))));
    const expected = complete ? { status: 'scored', audit: [{ from: 'in_review', to: 'scored' }] } : { status: 'in_review', audit: [] };
    if (entry.status !== expected.status || JSON.stringify(audit) !== JSON.stringify(expected.audit)) {
      problems.push(`entry ${entryId}: ${entry.status} with ${JSON.stringify(audit)}`);
    }
  }
  return problems;
}
