import type { Role } from '@db/schema';
import { pagePermissions, pageRouteOf, verdict } from './permissions';

/**
 * Whether a role may open a path, by the page table in ./permissions.ts (DESIGN.md fixed points).
 * A path no page serves is not open to anyone.
 */
export function mayOpen(role: Role, pathname: string): boolean {
  const route = pageRouteOf(pathname);
  return route !== undefined && verdict(pagePermissions[route], role) === 'allowed';
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
