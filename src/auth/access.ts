import type { Role } from '@db/schema';

/**
 * Which roles may open each signed-in section (DESIGN.md fixed points). The middleware applies it
 * to every /app path, so a new page cannot forget it; the longest matching prefix wins.
 */
export const sectionRoles: Record<string, readonly Role[] | 'any'> = {
  '/app': 'any',
  '/app/entries': ['journalist', 'outlet_admin'],
  '/app/campaigns': ['coordinator'],
  '/app/scoring': ['scorer', 'coordinator'],
  '/app/nominations': ['coordinator'],
  '/app/appraisal': ['appraiser'],
  '/app/gallery': ['coordinator', 'appraiser'],
  // An outlet admin manages the journalists of its own outlet (checked on each account).
  '/app/admin': ['admin', 'outlet_admin'],
  '/app/admin/organisations': ['admin'],
};

export function sectionOf(pathname: string): string | undefined {
  const path = pathname.replace(/\/+$/, '') || '/';
  return Object.keys(sectionRoles)
    .filter((prefix) => path === prefix || path.startsWith(`${prefix}/`))
    .sort((a, b) => b.length - a.length)[0];
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
