import type { Role } from '@db/schema';

/**
 * Which roles may open each signed-in section (DESIGN.md fixed points). The middleware applies it
 * to every /app path, so a new page cannot forget it. A key matches its path and everything below
 * it; `*` stands for one path segment (an id); the most specific match wins.
 */
export const sectionRoles: Record<string, readonly Role[] | 'any'> = {
  '/app': 'any',
  '/app/entries': ['journalist', 'outlet_admin'],
  // Evidence is read by whoever may read the entry (its scorers too); the route checks which entry.
  '/app/entries/*/evidence': ['journalist', 'outlet_admin', 'scorer', 'coordinator'],
  '/app/campaigns': ['coordinator'],
  '/app/scoring': ['scorer', 'coordinator'],
  '/app/nominations': ['coordinator'],
  '/app/appraisal': ['appraiser'],
  // A batch's dossier is drafted by the department and read by Home Affairs once sent.
  '/app/dossiers': ['coordinator', 'appraiser'],
  '/app/gallery': ['coordinator', 'appraiser'],
  // An outlet admin manages the journalists of its own outlet (checked on each account).
  '/app/admin': ['admin', 'outlet_admin'],
  '/app/admin/organisations': ['admin'],
};

function matches(key: string, segments: string[]): boolean {
  const parts = key.split('/');
  return parts.length <= segments.length && parts.every((part, i) => part === '*' || part === segments[i]);
}

export function sectionOf(pathname: string): string | undefined {
  const segments = (pathname.replace(/\/+$/, '') || '/').split('/');
  return Object.keys(sectionRoles)
    .filter((key) => matches(key, segments))
    .sort((a, b) => b.split('/').length - a.split('/').length)[0];
}

export function mayOpen(role: Role, pathname: string): boolean {
  const section = sectionOf(pathname);
  if (!section) return true;
  const allowed = sectionRoles[section];
  return allowed === 'any' || allowed.includes(role);
}

/** The sections a role sees in its navigation, in menu order. */
export const navigation: {
  path: string;
  label: 'entries' | 'campaigns' | 'scoring' | 'nominations' | 'appraisal' | 'curation' | 'admin';
}[] = [
  { path: '/app/entries', label: 'entries' },
  { path: '/app/campaigns', label: 'campaigns' },
  { path: '/app/scoring', label: 'scoring' },
  { path: '/app/nominations', label: 'nominations' },
  { path: '/app/appraisal', label: 'appraisal' },
  { path: '/app/gallery', label: 'curation' },
  { path: '/app/admin', label: 'admin' },
];
