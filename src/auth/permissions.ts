import type { Role } from '@db/schema';

/**
 * Who may do what: one table for every page route and every Action. The middleware applies it
 * before anything runs (pages under /app, and every Action by name, before its input is read), the
 * Actions' guards read it, and test/http/access-matrix.test.ts walks it for every role. A new page
 * or Action without a row here is refused by the middleware and fails that test.
 *
 * `who` is the role check (anonymous visitors go to /login unless it is `public`); `scope` names
 * the ownership or status condition the domain then enforces on the record itself, answering 404
 * so that other people's records are not even shown to exist (403 where the role knows of them,
 * as Home Affairs does of a batch not yet sent):
 * - `any`: no condition beyond the role.
 * - `entry`: an entry's authors and its outlet's admin; its assigned scorers and the coordinator
 *   read it once submitted; content changes only in draft or returned (src/domain/entries/rules.ts).
 * - `own-organisation`: an outlet admin acts only on the journalists of its own outlet.
 * - `assigned`: a scorer sees and scores only the assignments given to them.
 * - `sent-batch`: Home Affairs sees nominations and dossiers only once the batch is sent.
 * - `own-account`: the signed-in person's own session or notifications.
 */
export type Audience = 'public' | 'signed-in' | readonly Role[];
export type Scope = 'any' | 'entry' | 'own-organisation' | 'assigned' | 'sent-batch' | 'own-account';

export interface Permission {
  who: Audience;
  scope: Scope;
}

const writers = ['journalist', 'outlet_admin'] as const;
const curators = ['coordinator', 'appraiser'] as const;
const dossierReaders = ['coordinator', 'appraiser'] as const;
const accountManagers = ['admin', 'outlet_admin'] as const;
const anyone: Permission = { who: 'public', scope: 'any' };
const coordinator = (scope: Scope = 'any'): Permission => ({ who: ['coordinator'], scope });
const appraiser: Permission = { who: ['appraiser'], scope: 'sent-batch' };

/** Every page and endpoint file under src/pages, by its route (`[param]` is one path segment). */
export const pagePermissions = {
  '/': anyone,
  '/403': anyone,
  '/404': anyone,
  '/500': anyone,
  '/login': anyone,
  // The sign-in's second step; the page itself needs the challenge cookie the password step set.
  '/login/second-factor': anyone,
  '/logout': anyone,
  '/reset-password': anyone,
  '/reset-password/[token]': anyone,
  '/healthz': anyone,
  '/robots.txt': anyone,
  '/sitemap.xml': anyone,
  '/gallery': anyone,
  '/gallery/[slug]': anyone,
  '/gallery/images/[fileId]': anyone,
  '/gallery/rss.xml': anyone,
  '/results/[year]': anyone,
  // The nominees posted for citizens' comments before the council meets (nominations/posting.ts).
  '/nominees/[year]': anyone,
  // Give the English public pages a route, so the route cache keys them (the middleware renders them).
  '/en': anyone,
  '/en/gallery': anyone,
  '/en/gallery/[slug]': anyone,
  '/en/results/[year]': anyone,

  '/app': { who: 'signed-in', scope: 'own-account' },
  // DESIGN.md fixed point: any signed-in person manages their own second factor.
  '/app/account/security': { who: 'signed-in', scope: 'own-account' },
  '/app/entries': { who: writers, scope: 'entry' },
  '/app/entries/new': { who: writers, scope: 'any' },
  // The coordinator reads submitted entries (to confirm those an outlet admin authored).
  '/app/entries/[id]': { who: [...writers, 'coordinator'], scope: 'entry' },
  '/app/entries/[id]/edit': { who: writers, scope: 'entry' },
  // Evidence is read by whoever may read the entry (its scorers too); the route checks which entry.
  '/app/entries/[id]/evidence': { who: writers, scope: 'entry' },
  '/app/entries/[id]/evidence/[fileId]': { who: ['journalist', 'outlet_admin', 'scorer', 'coordinator'], scope: 'entry' },
  '/app/campaigns': coordinator(),
  '/app/campaigns/new': coordinator(),
  '/app/campaigns/[id]': coordinator(),
  '/app/scoring': { who: ['scorer', 'coordinator'], scope: 'assigned' },
  '/app/scoring/[assignmentId]': { who: ['scorer'], scope: 'assigned' },
  '/app/scoring/assignments': coordinator(),
  '/app/scoring/results': coordinator(),
  '/app/scoring/rubric': coordinator(),
  '/app/scoring/export.csv': coordinator(),
  '/app/scoring/export.xlsx': coordinator(),
  '/app/nominations': coordinator(),
  '/app/nominations/new': coordinator(),
  '/app/nominations/[id]': coordinator(),
  '/app/nominations/[id]/edit': coordinator(),
  '/app/appraisal': appraiser,
  '/app/appraisal/[id]': appraiser,
  // A batch's dossier is drafted by the department and read by Home Affairs once sent.
  '/app/dossiers/[batchId]': { who: dossierReaders, scope: 'sent-batch' },
  '/app/dossiers/[batchId]/document': { who: dossierReaders, scope: 'sent-batch' },
  '/app/dossiers/[batchId]/list.csv': { who: dossierReaders, scope: 'sent-batch' },
  '/app/dossiers/[batchId]/list.xlsx': { who: dossierReaders, scope: 'sent-batch' },
  '/app/dossiers/[batchId]/print': { who: dossierReaders, scope: 'sent-batch' },
  // Signed scans are uploaded by the department while the batch is open (dossier/scans.ts).
  '/app/dossiers/[batchId]/scan': coordinator(),
  '/app/gallery': { who: curators, scope: 'any' },
  '/app/gallery/new': { who: curators, scope: 'any' },
  '/app/gallery/[id]': { who: curators, scope: 'any' },
  // An outlet admin manages the journalists of its own outlet (checked on each account).
  '/app/admin': { who: accountManagers, scope: 'any' },
  '/app/admin/accounts': { who: accountManagers, scope: 'own-organisation' },
  '/app/admin/organisations': { who: ['admin'], scope: 'any' },
  // The outbox holds reset and invitation links: the system admin only.
  '/app/admin/outbox': { who: ['admin'], scope: 'any' },
  '/app/account/notifications': { who: 'signed-in', scope: 'own-account' },
} as const satisfies Record<string, Permission>;

/** Every Action, by the name a form posts (`?_action=entries.save`) or the RPC path takes. */
export const actionPermissions = {
  'auth.logIn': anyone,
  'auth.logOut': anyone,
  'auth.resetPassword': anyone,
  'auth.verifySecondFactor': anyone,
  'account.enableTotp': { who: 'signed-in', scope: 'own-account' },
  'account.removeTotp': { who: 'signed-in', scope: 'own-account' },
  'auth.requestPasswordReset': anyone,
  'notifications.markAllRead': { who: 'signed-in', scope: 'own-account' },
  'mail.saveSettings': { who: 'signed-in', scope: 'own-account' },

  'entries.save': { who: writers, scope: 'entry' },
  // The coordinator confirms only what no outlet admin may: an entry its outlet's admins authored (entries/rules.ts).
  'entries.confirm': { who: ['outlet_admin', 'coordinator'], scope: 'entry' },
  'entries.return': { who: ['outlet_admin'], scope: 'entry' },
  'entries.withdraw': { who: writers, scope: 'entry' },
  'evidence.remove': { who: writers, scope: 'entry' },

  'campaigns.create': coordinator(),
  'campaigns.update': coordinator(),

  'scoring.save': { who: ['scorer'], scope: 'assigned' },
  'scoring.declareConflict': { who: ['scorer'], scope: 'assigned' },
  'scoring.setPanel': coordinator(),
  'scoring.assign': coordinator(),
  'scoring.reassign': coordinator(),
  'scoring.reopen': coordinator(),
  'scoring.updateRubric': coordinator(),
  'scoring.shortlist': coordinator(),
  'scoring.shortlistBy': coordinator(),
  'scoring.unshortlist': coordinator(),

  'nominations.create': coordinator(),
  'nominations.createBatch': coordinator(),
  // A draft batch only (a double click once made two); a sent one is Home Affairs' record.
  'nominations.deleteBatch': coordinator(),
  'nominations.addToBatch': coordinator(),
  'nominations.sendBatch': coordinator(),
  'nominations.updateBatchDetails': coordinator(),
  'nominations.postBatch': coordinator(),
  'nominations.handleComment': coordinator(),
  // A citizen's comment on posted nominees: no account (bounded per address, honeypot).
  'nominees.comment': anyone,
  'nominations.update': coordinator(),
  'nominations.removeSignedScan': coordinator(),
  'nominations.resend': coordinator(),
  'nominations.decideInHouse': coordinator(),
  'nominations.startAppraisal': appraiser,
  'nominations.returnForSupplement': appraiser,
  'nominations.approve': appraiser,
  // The appraisal page's one decision form: approve, return or reject, each as its own row says.
  'nominations.decide': appraiser,
  'nominations.reject': appraiser,

  'gallery.create': { who: curators, scope: 'any' },
  'gallery.update': { who: curators, scope: 'any' },
  'gallery.publish': { who: curators, scope: 'any' },
  'gallery.unpublish': { who: curators, scope: 'any' },

  'admin.createOrganisation': { who: ['admin'], scope: 'any' },
  'admin.updateOrganisation': { who: ['admin'], scope: 'any' },
  'admin.createAccount': { who: accountManagers, scope: 'own-organisation' },
  'admin.changeRole': { who: ['admin'], scope: 'any' },
  'admin.setActive': { who: accountManagers, scope: 'own-organisation' },
  'admin.issuePasswordReset': { who: accountManagers, scope: 'own-organisation' },
} as const satisfies Record<string, Permission>;

export type PageRoute = keyof typeof pagePermissions;
export type ActionName = keyof typeof actionPermissions;

/** What the table answers for one person: go ahead, sign in first, or refused for the role. */
export type Verdict = 'allowed' | 'sign-in' | 'forbidden';

export function verdict({ who }: Permission, role: Role | null): Verdict {
  if (who === 'public') return 'allowed';
  if (!role) return 'sign-in';
  return who === 'signed-in' || who.includes(role) ? 'allowed' : 'forbidden';
}

const isDynamic = (segment: string) => segment.startsWith('[') && segment.endsWith(']');

/**
 * The page route a path is served by, as Astro picks it: segments match one for one, `[param]`
 * matches any segment, and a fixed segment beats a parameter (`/app/campaigns/new` over `[id]`).
 */
export function pageRouteOf(pathname: string): PageRoute | undefined {
  const segments = (pathname.replace(/\/+$/, '') || '/').split('/');
  const matching = (Object.keys(pagePermissions) as PageRoute[]).filter((route) => {
    const parts = (route === '/' ? '/' : route).split('/');
    return parts.length === segments.length && parts.every((part, i) => isDynamic(part) || part === segments[i]);
  });
  const rank = (route: string) => route.split('/').map((part) => (isDynamic(part) ? '1' : '0')).join('');
  return matching.sort((a, b) => rank(a).localeCompare(rank(b)))[0];
}

export function isActionName(name: string): name is ActionName {
  return Object.hasOwn(actionPermissions, name);
}
