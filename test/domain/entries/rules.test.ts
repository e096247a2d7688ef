import { describe, expect, it } from 'vitest';
import type { Role } from '../../../db/schema';
import type { SessionUser } from '../../../src/auth/session';
import { mayConfirm, mayReturn, mayWithdraw, type EntryAccessFacts } from '../../../src/domain/entries/rules';

const person = (id: number, role: Role, organisationId = 1): SessionUser => ({ id, email: `${id}@x.vn`, name: `P${id}`, role, organisationId, organisationName: 'O' });
const entry = (over: Partial<EntryAccessFacts> = {}): EntryAccessFacts => ({ status: 'submitted', organisationId: 1, createdById: 10, authorUserIds: [10, 11], collective: false, ...over });

const author = person(11, 'journalist');
const colleague = person(12, 'journalist');
const lead = person(20, 'outlet_admin');
const otherLead = person(21, 'outlet_admin', 2);
const coordinator = person(30, 'coordinator');

describe('who takes a step of the entry flow (the pages and the domain ask the same rules)', () => {
  it('an author or the own outlet withdraws, until scoring starts', () => {
    for (const status of ['draft', 'submitted', 'returned', 'confirmed'] as const) {
      expect([author, lead, colleague, otherLead, coordinator].map((u) => mayWithdraw(u, entry({ status })))).toEqual([true, true, false, false, false]);
    }
    for (const status of ['in_review', 'scored', 'shortlisted', 'withdrawn'] as const) expect(mayWithdraw(author, entry({ status }))).toBe(false);
  });

  it('only the own outlet confirms or returns, a submitted individual entry only', () => {
    expect([lead, otherLead, author, coordinator].map((u) => [mayConfirm(u, entry()), mayReturn(u, entry())])).toEqual([
      [true, true],
      [false, false],
      [false, false],
      [false, false],
    ]);
    expect(mayConfirm(lead, entry({ status: 'returned' }))).toBe(false);
    expect(mayConfirm(lead, entry({ collective: true, authorUserIds: [] }))).toBe(false);
  });
});

describe('nobody confirms their own entry (issue #13)', () => {
  it('an outlet admin among the authors cannot; another admin of the outlet can; the coordinator can only then', () => {
    const coAuthored = entry({ authorUserIds: [10, lead.id], authoredByOutletAdmin: true });
    const secondLead = person(22, 'outlet_admin');
    expect([lead, secondLead, otherLead, coordinator].map((u) => mayConfirm(u, coAuthored))).toEqual([false, true, false, true]);
    // Created by the admin himself counts as authored too.
    expect(mayConfirm(lead, entry({ createdById: lead.id, authorUserIds: [lead.id], authoredByOutletAdmin: true }))).toBe(false);
    // The coordinator confirms no other entry, and a collective one skips confirmation for everyone.
    expect(mayConfirm(coordinator, entry())).toBe(false);
    expect(mayConfirm(coordinator, entry({ collective: true, authorUserIds: [], authoredByOutletAdmin: true }))).toBe(false);
    expect(mayConfirm(coordinator, entry({ status: 'confirmed', authoredByOutletAdmin: true }))).toBe(false);
  });
});
