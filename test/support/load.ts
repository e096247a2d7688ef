import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { and, count, eq, inArray } from 'drizzle-orm';
import pLimit from 'p-limit';
import type { Database, Queryable } from '../../db/client';
import { auditLog, entries, evidenceFiles, notifications, organisations, users } from '../../db/schema';
import { demoPassword } from '../../db/seed/demo';
import { hashPassword } from '../../src/auth/password';
import { pdf } from '../domain/evidence/fixtures';
import { Visitor } from './http';

/**
 * Journalists of several outlets submitting entries concurrently over HTTP, the way the entry
 * form and its upload do, and the check afterwards that every acknowledged submission is in the
 * database exactly once, whole, with its file. `npm run bench` (test/bench/submissions.ts) runs it
 * with 200 journalists, the suite (test/http/load.postgres.test.ts) with a few.
 */

export interface LoadAccounts {
  journalists: string[];
  outletAdmins: string[];
}

/**
 * `count` journalists spread over `outlets` new outlets, each outlet with its admin (who is told
 * of every submission), all with the demo password. One hash serves every account: argon2id
 * takes tens of milliseconds, which would be minutes for a few hundred accounts.
 */
export async function createLoadAccounts(db: Database, count: number, outlets = Math.max(2, Math.ceil(count / 20))): Promise<LoadAccounts> {
  const passwordHash = await hashPassword(demoPassword);
  const run = randomUUID().slice(0, 8);
  const orgs = await db
    .insert(organisations)
    .values(Array.from({ length: outlets }, (_, i) => ({ kind: 'press' as const, name: `Báo thử tải ${run} số ${i + 1}`, shortName: `Báo ${i + 1}` })))
    .returning({ id: organisations.id });
  const journalists = Array.from({ length: count }, (_, i) => ({
    email: `load-${run}-${i + 1}@demo.vn`,
    name: `Phóng viên thử tải ${i + 1}`,
    passwordHash,
    role: 'journalist' as const,
    organisationId: orgs[i % outlets].id,
  }));
  const admins = orgs.map((o, i) => ({ email: `load-${run}-outlet-${i + 1}@demo.vn`, name: `Thư ký tòa soạn ${i + 1}`, passwordHash, role: 'outlet_admin' as const, organisationId: o.id }));
  await db.insert(users).values([...journalists, ...admins]);
  return { journalists: journalists.map((j) => j.email), outletAdmins: admins.map((a) => a.email) };
}

/** Signs everyone in, a few at a time (each login hashes a password), before the load starts. */
export async function signInAll(origin: string, emails: string[], concurrency = 4): Promise<Visitor[]> {
  const limit = pLimit(concurrency);
  return Promise.all(
    emails.map((email) =>
      limit(async () => {
        const visitor = new Visitor(origin);
        await visitor.logIn(email);
        return visitor;
      }),
    ),
  );
}

/** An answer the flow did not expect (a network error is thrown as it is: the server may be gone). */
export class UnexpectedAnswer extends Error {}

/**
 * One journalist's submission: save the draft (its form key makes a repeat the same entry),
 * upload one small PDF, submit. `run()` continues from the first step not yet answered, so after
 * a crash the same requests are sent again, as a person pressing the button again would.
 */
export class SubmissionFlow {
  readonly formKey = randomUUID();
  readonly title: string;
  readonly file: Buffer;
  entryId?: number;
  uploaded = false;
  acknowledged = false;
  /** Milliseconds per request, for the figures. */
  readonly latencies: { step: 'draft' | 'upload' | 'submit'; ms: number }[] = [];

  constructor(
    readonly visitor: Visitor,
    readonly index: number,
  ) {
    this.title = `Cải cách thủ tục hành chính: bài thử tải số ${index} (${this.formKey.slice(0, 8)})`;
    this.file = pdf(`Minh chứng của bài thử tải ${this.formKey}`);
  }

  private fields(intent: 'draft' | 'submit'): URLSearchParams {
    const body = new URLSearchParams({
      formKey: this.formKey,
      kind: 'article',
      intent,
      title: this.title,
      angle: 'model',
      pressType: 'online',
      programme: 'Chuyên mục Cải cách hành chính',
      publishedOn: '2024-09-15',
      url: `https://baothutai.vn/bai-${this.formKey}.html`,
      lengthValue: '1200',
      lengthUnit: 'words',
      summary: '<p>Người dân nộp hồ sơ trực tuyến, nhận kết quả tại nhà.</p>',
      parAreas: 'procedures',
    });
    if (this.entryId) body.set('entryId', String(this.entryId));
    return body;
  }

  private async timed(step: 'draft' | 'upload' | 'submit', send: () => Promise<Response>): Promise<Response> {
    const started = performance.now();
    const response = await send();
    this.latencies.push({ step, ms: performance.now() - started });
    return response;
  }

  private post(path: string, body: BodyInit, headers: Record<string, string> = {}) {
    return this.visitor.request(path, { method: 'POST', body, headers: { origin: this.visitor.origin, ...headers } });
  }

  async run(): Promise<void> {
    if (this.entryId === undefined) {
      const saved = await this.timed('draft', () => this.post('/app/entries/new?kind=article&_action=entries.save', this.fields('draft')));
      const id = Number(saved.headers.get('location')?.match(/^\/app\/entries\/(\d+)\/edit\?flash=saved$/)?.[1]);
      if (saved.status !== 302 || !id) throw new UnexpectedAnswer(`draft ${this.index}: ${saved.status} ${saved.headers.get('location')} ${await saved.text()}`);
      this.entryId = id;
    }
    if (!this.uploaded) {
      const form = new FormData();
      form.set('file', new Blob([new Uint8Array(this.file)], { type: 'application/pdf' }), 'minh-chung.pdf');
      const upload = await this.timed('upload', () => this.post(`/app/entries/${this.entryId}/evidence`, form, { accept: 'application/json' }));
      if (upload.status !== 201) throw new UnexpectedAnswer(`upload ${this.index}: ${upload.status} ${await upload.text()}`);
      await upload.body?.cancel();
      this.uploaded = true;
    }
    if (!this.acknowledged) {
      const submitted = await this.timed('submit', () => this.post(`/app/entries/${this.entryId}/edit?_action=entries.save`, this.fields('submit')));
      if (submitted.status !== 302 || submitted.headers.get('location') !== `/app/entries/${this.entryId}?flash=submitted`) {
        throw new UnexpectedAnswer(`submit ${this.index}: ${submitted.status} ${submitted.headers.get('location')} ${await submitted.text()}`);
      }
      this.acknowledged = true;
    }
  }
}

export interface LoadRun {
  flows: SubmissionFlow[];
  errors: unknown[];
  wallMs: number;
}

/** Every flow at once; failures are collected, not thrown. */
export async function submitConcurrently(flows: SubmissionFlow[]): Promise<LoadRun> {
  const started = performance.now();
  const results = await Promise.allSettled(flows.map((f) => f.run()));
  const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
  return { flows, errors, wallMs: performance.now() - started };
}

export interface Invariants {
  /** Acknowledged but not in the database. */
  lost: string[];
  /** In the database more than once for one form key. */
  duplicated: string[];
  /** Acknowledged, but not `submitted`, or its audit rows or notifications are not one each. */
  inconsistent: string[];
  /** Acknowledged without exactly one evidence row. */
  withoutEvidence: string[];
  /** In the uploads folder without a row, or temporary files left behind. */
  orphanFiles: string[];
  /** A row whose file is not in the uploads folder. */
  missingFiles: string[];
}

/**
 * What the database and the uploads folder say about the acknowledged submissions: each exactly
 * once by its form key, submitted, with one `entry_created` and one `entry_submitted` audit row, one
 * notice per outlet admin, and its one evidence file; no file without its row and no row without
 * its file, anywhere in the folder.
 */
export async function checkInvariants(db: Queryable, uploadsDir: string, acknowledged: SubmissionFlow[]): Promise<Invariants> {
  const result: Invariants = { lost: [], duplicated: [], inconsistent: [], withoutEvidence: [], orphanFiles: [], missingFiles: [] };
  const keys = acknowledged.map((f) => f.formKey);
  const rows = keys.length
    ? await db.select({ id: entries.id, formKey: entries.formKey, status: entries.status, organisationId: entries.organisationId }).from(entries).where(inArray(entries.formKey, keys))
    : [];
  const ids = rows.map((r) => r.id);
  const tally = <K>(list: { key: K; n: number }[]) => new Map(list.map((r) => [r.key, r.n]));
  const files = tally(ids.length ? await db.select({ key: evidenceFiles.entryId, n: count() }).from(evidenceFiles).where(inArray(evidenceFiles.entryId, ids)).groupBy(evidenceFiles.entryId) : []);
  const audited = async (action: string) =>
    tally(
      ids.length
        ? await db
            .select({ key: auditLog.subjectId, n: count() })
            .from(auditLog)
            .where(and(eq(auditLog.subjectType, 'entry'), eq(auditLog.action, action), inArray(auditLog.subjectId, ids.map(String))))
            .groupBy(auditLog.subjectId)
        : [],
    );
  const [created, submitted] = [await audited('entry_created'), await audited('entry_submitted')];
  const links = ids.map((id) => `/app/entries/${id}`);
  const notices = tally(links.length ? await db.select({ key: notifications.link, n: count() }).from(notifications).where(inArray(notifications.link, links)).groupBy(notifications.link) : []);
  const admins = await db
    .select({ organisationId: users.organisationId, n: count() })
    .from(users)
    .where(and(eq(users.role, 'outlet_admin'), eq(users.active, true)))
    .groupBy(users.organisationId);
  const adminsOf = new Map(admins.map((a) => [a.organisationId, a.n]));
  for (const flow of acknowledged) {
    const found = rows.filter((r) => r.formKey === flow.formKey);
    const label = `${flow.index} (${flow.formKey})`;
    if (found.length === 0) result.lost.push(label);
    if (found.length > 1) result.duplicated.push(label);
    for (const row of found) {
      const facts = { created: created.get(String(row.id)) ?? 0, submitted: submitted.get(String(row.id)) ?? 0, notices: notices.get(`/app/entries/${row.id}`) ?? 0 };
      if (row.status !== 'submitted' || facts.created !== 1 || facts.submitted !== 1 || facts.notices !== (adminsOf.get(row.organisationId) ?? 0)) {
        result.inconsistent.push(`${label}: ${row.status}, ${facts.created} created, ${facts.submitted} submitted, ${facts.notices} notices`);
      }
      if ((files.get(row.id) ?? 0) !== 1) result.withoutEvidence.push(`${label}: ${files.get(row.id) ?? 0} files`);
    }
  }
  const onDisk = existsSync(uploadsDir) ? readdirSync(uploadsDir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name) : [];
  const named = new Set((await db.select({ name: evidenceFiles.storedName }).from(evidenceFiles)).map((r) => r.name));
  result.orphanFiles = onDisk.filter((name) => !named.has(name));
  result.missingFiles = [...named].filter((name) => !existsSync(path.join(uploadsDir, name)));
  return result;
}

/** The value at `p` (0–100) of the sorted numbers, nearest rank. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
