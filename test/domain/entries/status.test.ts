import { describe, expect, it } from 'vitest';
import { entryStatuses } from '../../../db/schema';
import { canTransition, entryTransitions } from '../../../src/domain/entries/status';

describe('the entry state machine', () => {
  const allowed = (transition: keyof typeof entryTransitions) => entryStatuses.filter((s) => canTransition(transition, s));

  it('submits from draft and returned only', () => {
    expect(allowed('submit')).toEqual(['draft', 'returned']);
    expect(entryTransitions.submit.to).toBe('submitted');
  });

  it('sends a collective entry straight to confirmed', () => {
    expect(allowed('submitCollective')).toEqual(['draft', 'returned']);
    expect(entryTransitions.submitCollective.to).toBe('confirmed');
  });

  it('lets the outlet confirm or return only a submitted entry', () => {
    expect(allowed('confirm')).toEqual(['submitted']);
    expect(allowed('return')).toEqual(['submitted']);
    expect(entryTransitions.return.to).toBe('returned');
  });

  it('allows withdrawal until scoring starts', () => {
    expect(allowed('withdraw')).toEqual(['draft', 'submitted', 'returned', 'confirmed']);
    for (const late of ['in_review', 'scored', 'shortlisted', 'withdrawn'] as const) expect(canTransition('withdraw', late)).toBe(false);
  });
});
