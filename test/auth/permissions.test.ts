import { describe, expect, it } from 'vitest';
import type { Role } from '../../db/schema';
import { actionPermissions, pagePermissions, pageRouteOf, verdict } from '../../src/auth/permissions';
import { mayOpen, navigation } from '../../src/auth/access';
import { actionNames, pageRoutes } from '../support/routes';

describe('the permission table', () => {
  it('has a row for every Action and none for an Action that no longer exists', () => {
    expect(Object.keys(actionPermissions).sort()).toEqual(actionNames());
  });

  it('has a row for every page file and none for a page that no longer exists', () => {
    expect(Object.keys(pagePermissions).sort()).toEqual(pageRoutes());
  });

  it('finds the page a path is served by, a fixed segment before a parameter', () => {
    expect(pageRouteOf('/')).toBe('/');
    expect(pageRouteOf('/app/')).toBe('/app');
    expect(pageRouteOf('/app/campaigns/new')).toBe('/app/campaigns/new');
    expect(pageRouteOf('/app/campaigns/7')).toBe('/app/campaigns/[id]');
    expect(pageRouteOf('/app/scoring/assignments')).toBe('/app/scoring/assignments');
    expect(pageRouteOf('/app/scoring/12')).toBe('/app/scoring/[assignmentId]');
    expect(pageRouteOf('/app/entries/3/evidence/9')).toBe('/app/entries/[id]/evidence/[fileId]');
    expect(pageRouteOf('/app/entries/3/nothing')).toBeUndefined();
    expect(pageRouteOf('/app/unknown')).toBeUndefined();
  });

  it('answers sign-in, allowed or forbidden by role', () => {
    expect(verdict(actionPermissions['auth.logIn'], null)).toBe('allowed');
    expect(verdict(actionPermissions['notifications.markAllRead'], null)).toBe('sign-in');
    expect(verdict(actionPermissions['notifications.markAllRead'], 'appraiser')).toBe('allowed');
    expect(verdict(actionPermissions['entries.confirm'], 'journalist')).toBe('forbidden');
    expect(verdict(actionPermissions['entries.confirm'], 'outlet_admin')).toBe('allowed');
    expect(mayOpen('journalist', '/app/entries/5/edit')).toBe(true);
    expect(mayOpen('scorer', '/app/entries/5/edit')).toBe(false);
    expect(mayOpen('scorer', '/app/entries/5/evidence/6')).toBe(true);
    expect(mayOpen('admin', '/app/no-such-page')).toBe(false);
  });

  it('gives each role the sections of its navigation', () => {
    const menu = (role: Role) => navigation.filter((section) => mayOpen(role, section.path)).map((section) => section.label);
    expect(menu('journalist')).toEqual(['entries']);
    expect(menu('outlet_admin')).toEqual(['entries', 'admin']);
    expect(menu('scorer')).toEqual(['scoring']);
    expect(menu('coordinator')).toEqual(['campaigns', 'scoring', 'nominations', 'curation']);
    expect(menu('appraiser')).toEqual(['appraisal', 'curation']);
    expect(menu('admin')).toEqual(['admin']);
  });
});
