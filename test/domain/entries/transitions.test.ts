import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, campaigns, entries, notifications, organisations, users } from '../../../db/schema';
import { demoPassword } from '../../../db/seed/demo';
import { createAccount } from '../../../src/domain/accounts/accounts';
import { saveDraft } from '../../../src/domain/entries/draft';
import type { EntryDraftInput } from '../../../src/domain/entries/form';
import { confirmEntry, returnEntry, submitEntry, withdrawEntry } from '../../../src/domain/entries/transitions';
import { actorFor } from '../../support/accounts';
import { useTestDatabase } from '../../support/database';
import { createEntry } from '../../support/entries';
import { refusal as refusedWith } from '../../support/refusal';

const handle = useTestDatabase();

let serial = 0;
function article(overrides: Partial<EntryDraftInput> = {}): EntryDraftInput {
  serial += 1;
  return {
    formKey: randomUUID(),
    kind: 'article',
    title: `Một cửa liên thông ở Cẩm Phả, kỳ ${serial}`,
    parAreas: ['procedures', 'digital_government'],
    angle: 'model',
    pressType: 'online',
    programme: 'Chuyên mục Cải cách hành chính',
    publishedOn: '2024-05-12',
    url: `https://baohalong.vn/mot-cua-lien-thong-${serial}-${randomUUID().slice(0, 8)}.html`,
    lengthValue: 1800,
    lengthUnit: 'words',
    summary: 'Bài viết giới thiệu mô hình một cửa liên thông hiện đại.',
    background: '',
    coAuthorIds: [],
    externalCoAuthors: [],
    ...overrides,
  };
}


async function auditRows(entryId: number, action: string) {
  return handle.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, 'entry'), eq(auditLog.subjectId, String(entryId)), eq(auditLog.action, action)));
}

async function statusOf(entryId: number) {
  const [row] = await handle.db.select({ status: entries.status }).from(entries).where(eq(entries.id, entryId));
  return row.status;
}

beforeEach(async () => {
  // Each test starts inside an open window, with room for many entries, unless it says otherwise.
  await handle.db
    .update(campaigns)
    .set({
      submissionOpensAt: new Date('2024-02-19T00:00:00+07:00'),
      submissionClosesAt: new Date('2099-12-31T23:59:59+07:00'),
      entryLimitPerAuthor: 100,
    })
    .where(eq(campaigns.year, 2024));
});

describe('drafts', () => {
  it('saves one entry for one form, however often it is sent', async () => {
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    const input = article();
    const first = await saveDraft(handle.db, journalist, input);
    const again = await saveDraft(handle.db, journalist, { ...input, title: 'Tên đã sửa' });
    expect(again.id).toBe(first.id);
    const rows = await handle.db.select().from(entries).where(eq(entries.formKey, input.formKey));
    expect(rows).toHaveLength(1);
    expect(rows[0].title).toBe('Tên đã sửa');
    expect(rows[0].status).toBe('draft');
    expect(await auditRows(first.id, 'entry_created')).toHaveLength(1);
  });

  it('stores rich text sanitised, every time', async () => {
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    const { id } = await saveDraft(handle.db, journalist, article({ summary: '<p>Tốt</p><script>alert(1)</script><img src=x onerror=alert(1)>' }));
    const [row] = await handle.db.select().from(entries).where(eq(entries.id, id));
    expect(row.summaryHtml).toBe('<p>Tốt</p>');
  });

  it('refuses a co-author from another outlet, keeping the previous authors', async () => {
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    const other = await actorFor(handle.db, 'journalist2@demo.vn');
    const input = article();
    await saveDraft(handle.db, journalist, input);
    const error = await refusedWith(saveDraft(handle.db, journalist, { ...input, coAuthorIds: [other.id] }));
    expect(error.problems).toEqual([{ key: 'entries.errors.coAuthors', field: 'coAuthorIds', params: undefined }]);
  });

  it('refuses people who do not write entries', async () => {
    for (const email of ['scorer1@demo.vn', 'coordinator@demo.vn', 'admin@demo.vn']) {
      const actor = await actorFor(handle.db, email);
      const error = await refusedWith(saveDraft(handle.db, actor, article()));
      expect(error.code, email).toBe('FORBIDDEN');
    }
  });
});

describe('the journalist → outlet flow', () => {
  it('submit, return with a reason, fix, resubmit, confirm: each step audited and notified', async () => {
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    const outlet = await actorFor(handle.db, 'outlet@demo.vn');
    const input = article();
    const { id } = await saveDraft(handle.db, journalist, input);

    expect(await submitEntry(handle.db, journalist, id)).toEqual({ status: 'submitted', changed: true });
    const [outletNotice] = await handle.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, outlet.id), eq(notifications.link, `/app/entries/${id}`)));
    expect(outletNotice.messageKey).toBe('entries.notices.submitted');

    // nobody edits a submitted entry's content
    const locked = await refusedWith(saveDraft(handle.db, journalist, { ...input, entryId: id, title: 'Sửa lén' }));
    expect(locked.key).toBe('entries.errors.notEditable');

    const noReason = await refusedWith(returnEntry(handle.db, outlet, id, '  '));
    expect(noReason.problems[0]).toMatchObject({ key: 'entries.errors.reasonRequired', field: 'reason' });
    await returnEntry(handle.db, outlet, id, 'Bổ sung ngày phát hành và bản PDF.');
    expect(await statusOf(id)).toBe('returned');
    const [returned] = await auditRows(id, 'entry_returned');
    expect(returned).toMatchObject({ fromStatus: 'submitted', toStatus: 'returned', reason: 'Bổ sung ngày phát hành và bản PDF.', actorId: outlet.id });

    await saveDraft(handle.db, journalist, { ...input, entryId: id, title: 'Một cửa liên thông (bản sửa)' });
    await submitEntry(handle.db, journalist, id);
    await confirmEntry(handle.db, outlet, id);
    expect(await statusOf(id)).toBe('confirmed');
    expect(await auditRows(id, 'entry_submitted')).toHaveLength(2);
    const [confirmNotice] = await handle.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, journalist.id), eq(notifications.messageKey, 'entries.notices.confirmed'), eq(notifications.link, `/app/entries/${id}`)));
    expect(confirmNotice).toBeDefined();
  });

  it('submitting twice makes one submission', async () => {
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    const { id } = await saveDraft(handle.db, journalist, article());
    const results = await Promise.all([submitEntry(handle.db, journalist, id), submitEntry(handle.db, journalist, id)]);
    expect(results.map((r) => r.changed).sort()).toEqual([false, true]);
    expect(await auditRows(id, 'entry_submitted')).toHaveLength(1);
  });

  it('refuses to save an address that is not http(s), a draft too (the entry page links to it)', async () => {
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    for (const url of ['javascript:alert(1)', 'ftp://x', 'data:text/html,<script>alert(1)</script>', ' JavaScript:alert(1)']) {
      const error = await refusedWith(saveDraft(handle.db, journalist, article({ url })));
      expect(error.problems).toEqual([{ key: 'entries.errors.url', field: 'url' }]);
    }
  });

  it('lists everything a submission lacks at once, and keeps the draft', async () => {
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    const { id } = await saveDraft(handle.db, journalist, { ...article(), title: '', parAreas: [], angle: undefined, url: '', publishedOn: '2023-12-31', summary: '<p></p>' });
    const error = await refusedWith(submitEntry(handle.db, journalist, id));
    // in the order of the form, each naming its field
    expect(error.problems).toEqual([
      { field: 'title', key: 'entries.errors.missing', params: { field: 'entries.fields.title' } },
      { field: 'angle', key: 'entries.errors.missing', params: { field: 'entries.fields.angle' } },
      { field: 'publishedOn', key: 'entries.errors.publishedYear', params: { year: 2024 } },
      { field: 'url', key: 'entries.errors.missing', params: { field: 'entries.fields.url' } },
      { field: 'parAreas', key: 'entries.errors.parAreas' },
      { field: 'summary', key: 'entries.errors.missing', params: { field: 'entries.fields.summary' } },
    ]);
    expect(await statusOf(id)).toBe('draft');
  });

  it('requires the initiative fields for an initiative', async () => {
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    const { id } = await saveDraft(handle.db, journalist, {
      formKey: randomUUID(),
      kind: 'initiative',
      title: 'Tuyên truyền CCHC qua Zalo',
      parAreas: ['digital_government'],
      problem: 'Người dân ít đọc văn bản.',
      solution: '',
      coAuthorIds: [],
      externalCoAuthors: [],
    });
    const error = await refusedWith(submitEntry(handle.db, journalist, id));
    expect(error.problems.map((p) => p.field)).toEqual(['appliedWhere', 'solution', 'effect']);
  });
});

describe('refusals', () => {
  it('another journalist cannot see or act on the entry, as if it did not exist', async () => {
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    const other = await actorFor(handle.db, 'journalist2@demo.vn');
    const { id } = await saveDraft(handle.db, journalist, article());
    const attempts = [
      () => submitEntry(handle.db, other, id),
      () => withdrawEntry(handle.db, other, id, undefined),
      () => saveDraft(handle.db, other, { ...article(), entryId: id }),
    ];
    for (const attempt of attempts) expect((await refusedWith(attempt())).code).toBe('NOT_FOUND');
    expect(await statusOf(id)).toBe('draft');
  });

  it("an outlet admin of another outlet cannot confirm or return it", async () => {
    const admin = await actorFor(handle.db, 'admin@demo.vn');
    const other = await actorFor(handle.db, 'journalist2@demo.vn');
    await createAccount(handle.db, admin, {
      email: `lead-${randomUUID().slice(0, 6)}@campha.vn`,
      name: 'Lãnh đạo Cẩm Phả',
      role: 'outlet_admin',
      organisationId: other.organisationId,
      password: demoPassword,
    });
    const [otherLead] = await handle.db.select().from(users).where(and(eq(users.organisationId, other.organisationId), eq(users.role, 'outlet_admin')));
    const lead = await actorFor(handle.db, otherLead.email);
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    const { id } = await saveDraft(handle.db, journalist, article());
    await submitEntry(handle.db, journalist, id);
    expect((await refusedWith(confirmEntry(handle.db, lead, id))).code).toBe('NOT_FOUND');
    expect((await refusedWith(returnEntry(handle.db, lead, id, 'Không phải việc của tôi'))).code).toBe('NOT_FOUND');
    expect(await statusOf(id)).toBe('submitted');
  });

  it('a journalist cannot confirm their own entry', async () => {
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    const { id } = await saveDraft(handle.db, journalist, article());
    await submitEntry(handle.db, journalist, id);
    expect((await refusedWith(confirmEntry(handle.db, journalist, id))).code).toBe('FORBIDDEN');
  });

  it('after the deadline the submission is refused with a clear reason', async () => {
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    const { id } = await saveDraft(handle.db, journalist, article());
    await handle.db.update(campaigns).set({ submissionClosesAt: new Date('2024-06-30T23:59:59+07:00') }).where(eq(campaigns.year, 2024));
    const error = await refusedWith(submitEntry(handle.db, journalist, id, { now: new Date('2024-07-01T00:00:00+07:00') }));
    expect(error.key).toBe('entries.errors.windowClosed');
    expect(await statusOf(id)).toBe('draft');
    // one second before the deadline it still works
    await submitEntry(handle.db, journalist, id, { now: new Date('2024-06-30T23:59:58+07:00') });
    expect(await statusOf(id)).toBe('submitted');
  });

  it('the same published URL cannot be entered twice in a campaign', async () => {
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    const colleague = await actorFor(handle.db, 'outlet@demo.vn');
    const first = await saveDraft(handle.db, journalist, article({ url: 'https://baohalong.vn/bai-trung-lap.html' }));
    await submitEntry(handle.db, journalist, first.id);
    const second = await saveDraft(handle.db, colleague, article({ url: 'http://www.baohalong.vn/bai-trung-lap.html?utm_source=fb' }));
    const error = await refusedWith(submitEntry(handle.db, colleague, second.id));
    expect(error.problems).toContainEqual({ field: 'url', key: 'entries.errors.urlTaken' });
  });

  it('an author over the campaign limit cannot submit another', async () => {
    const admin = await actorFor(handle.db, 'admin@demo.vn');
    const outlet = await actorFor(handle.db, 'outlet@demo.vn');
    const email = `prolific-${randomUUID().slice(0, 6)}@baohalong.vn`;
    await createAccount(handle.db, admin, { email, name: 'Phóng viên Năng Suất', role: 'journalist', organisationId: outlet.organisationId, password: demoPassword });
    const prolific = await actorFor(handle.db, email);
    await handle.db.update(campaigns).set({ entryLimitPerAuthor: 5 }).where(eq(campaigns.year, 2024));
    for (let i = 0; i < 5; i++) await createEntry(handle.db, email, { status: i % 2 ? 'confirmed' : 'submitted', urlKey: `x.vn/${email}/${i}` });
    await createEntry(handle.db, email, { status: 'withdrawn' }); // withdrawn ones do not count
    const { id } = await saveDraft(handle.db, prolific, article());
    const error = await refusedWith(submitEntry(handle.db, prolific, id));
    expect(error.problems).toEqual([{ key: 'entries.errors.authorLimit', params: { name: 'Phóng viên Năng Suất', limit: 5 } }]);
  });

  it('withdrawal is possible until scoring starts', async () => {
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    const confirmed = await createEntry(handle.db, 'journalist@demo.vn', { status: 'confirmed' });
    await withdrawEntry(handle.db, journalist, confirmed.id, 'Tác phẩm trùng với đợt khác');
    expect(await statusOf(confirmed.id)).toBe('withdrawn');
    const reviewing = await createEntry(handle.db, 'journalist@demo.vn', { status: 'in_review' });
    const error = await refusedWith(withdrawEntry(handle.db, journalist, reviewing.id, undefined));
    expect(error).toMatchObject({ key: 'entries.errors.wrongStatus', code: 'CONFLICT' });
    expect(await statusOf(reviewing.id)).toBe('in_review');
  });
});

describe('collective entries', () => {
  it('an outlet admin submits the agency entry straight to confirmed', async () => {
    const outlet = await actorFor(handle.db, 'outlet@demo.vn');
    const { id } = await saveDraft(handle.db, outlet, article());
    const [row] = await handle.db.select().from(entries).where(eq(entries.id, id));
    expect(row.collective).toBe(true);
    expect(await submitEntry(handle.db, outlet, id)).toEqual({ status: 'confirmed', changed: true });
    const [audit] = await auditRows(id, 'entry_submitted_collective');
    expect(audit).toMatchObject({ fromStatus: 'draft', toStatus: 'confirmed' });
    const [org] = await handle.db.select().from(organisations).where(eq(organisations.id, row.organisationId));
    expect(org.id).toBe(outlet.organisationId);
  });
});
