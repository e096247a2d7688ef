import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { assignments, campaigns, evidenceFiles, nominationBatches, nominationEntries, nominations, users, type Role } from '../../db/schema';
import type { PageRoute, Scope } from '../../src/auth/permissions';
import { actorFor } from './accounts';
import { createEntry } from './entries';
import { laterSlug, prepareGallery } from './gallery-fixture';

/**
 * The people of the access matrix (demo accounts, and a scorer of journalist A's outlet), the
 * records `prepare` makes before the server starts, and one or more sample requests for every page
 * route: test/http/access-matrix.test.ts checks every answer, test/browser/every-page.test.ts
 * opens every page on a phone and a desktop.
 */
export const people = {
  anonymous: null,
  journalistA: 'journalist@demo.vn',
  journalistB: 'journalist2@demo.vn',
  outletAdmin: 'outlet@demo.vn',
  // A scorer employed by journalist A's outlet: never assigned its entries (conflict of interest).
  scorerOwnOrganisation: 'scorer-halong@demo.vn',
  scorerAssigned: 'scorer1@demo.vn',
  coordinator: 'coordinator@demo.vn',
  appraiser: 'appraiser@demo.vn',
  admin: 'admin@demo.vn',
} as const;
export type Person = keyof typeof people;
export const roleOf: Record<Person, Role | null> = {
  anonymous: null,
  journalistA: 'journalist',
  journalistB: 'journalist',
  outletAdmin: 'outlet_admin',
  scorerOwnOrganisation: 'scorer',
  scorerAssigned: 'scorer',
  coordinator: 'coordinator',
  appraiser: 'appraiser',
  admin: 'admin',
};
export const everyone = Object.keys(people) as Person[];

/** Journalist A's records (and one of B's), made before the server starts. */
export const data = {
  campaignId: 0,
  draft: 0,
  inReview: 0,
  theirsSubmitted: 0,
  evidenceId: 0,
  assignmentId: 0,
  sentBatchId: 0,
  draftBatchId: 0,
  sentNominationId: 0,
  draftNominationId: 0,
  unpublishedItemId: 0,
  shortlisted: 0,
  journalistBId: 0,
};

export async function prepare(db: Database, dataDir: string) {
  const a = await actorFor(db, 'journalist@demo.vn');
  const coordinator = await actorFor(db, 'coordinator@demo.vn');
  const scorer = await actorFor(db, 'scorer1@demo.vn');
  data.journalistBId = (await actorFor(db, 'journalist2@demo.vn')).id;
  // The demo password, without hashing it once more.
  const [{ passwordHash }] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, scorer.id));
  await db.insert(users).values({
    email: people.scorerOwnOrganisation,
    name: 'Phạm Văn Chấm',
    passwordHash,
    role: 'scorer',
    organisationId: a.organisationId,
  });
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.year, 2024));
  data.campaignId = campaign.id;

  data.draft = (await createEntry(db, 'journalist@demo.vn', { title: 'Bản nháp chưa ai được thấy' })).id;
  data.inReview = (await createEntry(db, 'journalist@demo.vn', { status: 'in_review', title: 'Tác phẩm đang chấm' })).id;
  data.theirsSubmitted = (await createEntry(db, 'journalist2@demo.vn', { status: 'submitted', title: 'Bài của Cẩm Phả đã gửi' })).id;
  const [assignment] = await db.insert(assignments).values({ entryId: data.inReview, scorerId: scorer.id, assignedAt: new Date() }).returning();
  data.assignmentId = assignment.id;

  // A scanned report on the entry under review, where the server keeps uploads.
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  const storedName = `${randomBytes(16).toString('hex')}.pdf`;
  mkdirSync(path.join(dataDir, 'uploads'), { recursive: true });
  writeFileSync(path.join(dataDir, 'uploads', storedName), pdf);
  const [file] = await db
    .insert(evidenceFiles)
    .values({
      entryId: data.inReview,
      storedName,
      originalName: 'so-lieu.pdf',
      fileType: 'pdf',
      mediaType: 'application/pdf',
      sizeBytes: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      uploadedById: a.id,
    })
    .returning();
  data.evidenceId = file.id;

  // A sent batch with its nomination, and a nomination Home Affairs has not been sent.
  const nominate = async (title: string, batchId: number | null, status: 'draft' | 'sent') => {
    const entry = await createEntry(db, 'journalist@demo.vn', { status: 'shortlisted', title });
    const [row] = await db
      .insert(nominations)
      .values({ campaignId: campaign.id, batchId, nomineeType: 'individual', nomineeUserId: a.id, awardForm: 'provincial_certificate', achievementSummary: title, eligibilityDeclared: true, status, createdById: coordinator.id })
      .returning();
    await db.insert(nominationEntries).values({ nominationId: row.id, entryId: entry.id, campaignId: campaign.id });
    data.shortlisted = entry.id;
    return row.id;
  };
  const batch = async (status: 'draft' | 'sent') =>
    (await db.insert(nominationBatches).values({ campaignId: campaign.id, title: `Đợt trình (${status})`, status, sentAt: status === 'sent' ? new Date() : null, createdById: coordinator.id }).returning())[0].id;
  data.sentBatchId = await batch('sent');
  data.draftBatchId = await batch('draft');
  data.sentNominationId = await nominate('Loạt bài đã trình', data.sentBatchId, 'sent');
  data.draftNominationId = await nominate('Đề nghị chưa trình', null, 'draft');

  data.unpublishedItemId = (await prepareGallery(db)).laterId;
}

/** A status, or a redirect with where it leads. */
export type Answer = number | `302 ${string}`;

/** A path to request, and where its answer differs from the role check: the record's own rules. */
export interface Sample {
  path: string;
  /** The answer when the role may open the route; 200 unless said. */
  served?: Answer;
  ownership?: Partial<Record<Person, Answer>>;
  /** On a list, what each of these people is shown, and what of someone else's is kept from them. */
  lists?: { people: Person[]; shown?: string; hidden: string }[];
}

/** The conditions a record itself decides, which the role check cannot show on its own. */
export const recordScopes: readonly Scope[] = ['entry', 'own-organisation', 'assigned', 'sent-batch'];

const notFoundToAll: Partial<Record<Person, Answer>> = Object.fromEntries(everyone.map((p) => [p, 404]));
const signedInPeople = everyone.filter((p) => p !== 'anonymous');

/** One or more requests for every page route, with the real ids of the data above. */
export function samples(): Record<PageRoute, Sample[]> {
  const entryReaders = { journalistB: 404 };
  return {
    '/': [{ path: '/' }],
    '/403': [{ path: '/403', served: 403 }],
    '/404': [{ path: '/404', served: 404 }],
    '/500': [{ path: '/500', served: 500 }],
    // Someone signed in is sent on to their dashboard.
    '/login': [{ path: '/login', ownership: Object.fromEntries(signedInPeople.map((p) => [p, '302 /app'])) }],
    // The second step needs the challenge the password step sets; without it, the password comes first.
    '/login/second-factor': [{ path: '/login/second-factor', served: `302 ${loginFor('/app')}` }],
    // Signing out is a POST; a GET changes nothing and leads home.
    '/logout': [{ path: '/logout', served: '302 /' }],
    '/reset-password': [{ path: '/reset-password' }],
    '/reset-password/[token]': [{ path: '/reset-password/khong-phai-ma-that', served: 410 }],
    '/healthz': [{ path: '/healthz' }],
    '/robots.txt': [{ path: '/robots.txt' }],
    '/sitemap.xml': [{ path: '/sitemap.xml' }],
    '/gallery': [{ path: '/gallery' }],
    // Not yet published: no one sees it on the public site, curators included.
    '/gallery/[slug]': [{ path: `/gallery/${laterSlug}`, ownership: notFoundToAll }],
    // An evidence file is not a gallery image: the public route never serves it.
    '/gallery/images/[fileId]': [{ path: `/gallery/images/${data.evidenceId}`, ownership: notFoundToAll }],
    '/gallery/rss.xml': [{ path: '/gallery/rss.xml' }],
    '/results/[year]': [{ path: '/results/2024' }],
    '/nominees/[year]': [{ path: '/nominees/2024' }],
    '/en': [{ path: '/en' }],
    '/en/gallery': [{ path: '/en/gallery' }],
    '/en/gallery/[slug]': [{ path: `/en/gallery/${laterSlug}`, ownership: notFoundToAll }],
    '/en/results/[year]': [{ path: '/en/results/2024' }],

    '/app': [{ path: '/app' }],
    '/app/account/security': [{ path: '/app/account/security' }],
    '/app/entries': [
      {
        path: '/app/entries',
        lists: [
          { people: ['journalistA'], shown: 'Bản nháp chưa ai được thấy', hidden: 'Bài của Cẩm Phả đã gửi' },
          { people: ['outletAdmin'], shown: 'Tác phẩm đang chấm', hidden: 'Bài của Cẩm Phả đã gửi' },
          { people: ['journalistB'], shown: 'Bài của Cẩm Phả đã gửi', hidden: 'Tác phẩm đang chấm' },
        ],
      },
    ],
    '/app/entries/new': [{ path: '/app/entries/new' }],
    '/app/entries/[id]': [{ path: `/app/entries/${data.inReview}`, ownership: entryReaders }, { path: `/app/entries/${data.theirsSubmitted}`, ownership: { journalistA: 404, outletAdmin: 404 } }],
    '/app/entries/[id]/edit': [{ path: `/app/entries/${data.draft}/edit`, ownership: entryReaders }],
    // Uploads are POSTed; a GET finds nothing to answer.
    '/app/entries/[id]/evidence': [{ path: `/app/entries/${data.draft}/evidence`, served: 404 }],
    '/app/entries/[id]/evidence/[fileId]': [{ path: `/app/entries/${data.inReview}/evidence/${data.evidenceId}`, ownership: { journalistB: 404, scorerOwnOrganisation: 404 } }],
    '/app/campaigns': [{ path: '/app/campaigns' }],
    '/app/campaigns/new': [{ path: '/app/campaigns/new' }],
    '/app/campaigns/[id]': [{ path: `/app/campaigns/${data.campaignId}` }],
    '/app/scoring': [{ path: '/app/scoring', lists: [{ people: ['scorerAssigned'], shown: 'Tác phẩm đang chấm', hidden: 'Bản nháp chưa ai được thấy' }, { people: ['scorerOwnOrganisation'], hidden: 'Tác phẩm đang chấm' }] }],
    '/app/scoring/[assignmentId]': [{ path: `/app/scoring/${data.assignmentId}`, ownership: { scorerOwnOrganisation: 404 } }],
    '/app/scoring/assignments': [{ path: '/app/scoring/assignments' }],
    '/app/scoring/results': [{ path: '/app/scoring/results' }],
    '/app/scoring/rubric': [{ path: '/app/scoring/rubric' }],
    '/app/scoring/export.csv': [{ path: '/app/scoring/export.csv' }],
    '/app/scoring/export.xlsx': [{ path: '/app/scoring/export.xlsx' }],
    '/app/nominations': [{ path: '/app/nominations' }],
    '/app/nominations/new': [{ path: '/app/nominations/new' }],
    '/app/nominations/[id]': [{ path: `/app/nominations/${data.sentNominationId}` }, { path: `/app/nominations/${data.draftNominationId}` }],
    // A sent nomination is no longer the coordinator's to edit: its page is shown instead.
    '/app/nominations/[id]/edit': [{ path: `/app/nominations/${data.draftNominationId}/edit` }, { path: `/app/nominations/${data.sentNominationId}/edit`, served: `302 /app/nominations/${data.sentNominationId}` }],
    '/app/appraisal': [{ path: '/app/appraisal', lists: [{ people: ['appraiser'], shown: 'Đợt trình (sent)', hidden: 'Đợt trình (draft)' }] }],
    '/app/appraisal/[id]': [{ path: `/app/appraisal/${data.sentNominationId}` }, { path: `/app/appraisal/${data.draftNominationId}`, ownership: { appraiser: 404 } }],
    // A batch not yet sent: Home Affairs is refused (403) rather than told it does not exist.
    '/app/dossiers/[batchId]': [{ path: `/app/dossiers/${data.sentBatchId}` }, { path: `/app/dossiers/${data.draftBatchId}`, ownership: { appraiser: 404 } }],
    '/app/dossiers/[batchId]/document': [{ path: `/app/dossiers/${data.sentBatchId}/document?document=proposal` }, { path: `/app/dossiers/${data.draftBatchId}/document?document=proposal`, ownership: { appraiser: 404 } }],
    '/app/dossiers/[batchId]/list.csv': [{ path: `/app/dossiers/${data.sentBatchId}/list.csv` }, { path: `/app/dossiers/${data.draftBatchId}/list.csv`, ownership: { appraiser: 404 } }],
    '/app/dossiers/[batchId]/list.xlsx': [{ path: `/app/dossiers/${data.sentBatchId}/list.xlsx` }, { path: `/app/dossiers/${data.draftBatchId}/list.xlsx`, ownership: { appraiser: 404 } }],
    '/app/dossiers/[batchId]/print': [{ path: `/app/dossiers/${data.sentBatchId}/print?document=minutes` }, { path: `/app/dossiers/${data.draftBatchId}/print?document=minutes`, ownership: { appraiser: 404 } }],
    // Scans are POSTed; a GET finds nothing to answer.
    '/app/dossiers/[batchId]/scan': [{ path: `/app/dossiers/${data.draftBatchId}/scan`, served: 404 }],
    '/app/gallery': [{ path: '/app/gallery' }],
    '/app/gallery/new': [{ path: `/app/gallery/new?entry=${data.shortlisted}` }],
    '/app/gallery/[id]': [{ path: `/app/gallery/${data.unpublishedItemId}` }],
    '/app/admin': [{ path: '/app/admin' }],
    '/app/admin/accounts': [{ path: '/app/admin/accounts', lists: [{ people: ['outletAdmin'], shown: 'journalist@demo.vn', hidden: 'journalist2@demo.vn' }] }],
    '/app/admin/organisations': [{ path: '/app/admin/organisations' }],
    '/app/admin/outbox': [{ path: '/app/admin/outbox' }],
    '/app/account/notifications': [{ path: '/app/account/notifications' }],
  };
}


export function loginFor(path: string): string {
  return `/login?redirect=${encodeURIComponent(path)}`;
}
