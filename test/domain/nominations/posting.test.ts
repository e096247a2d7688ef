import { describe, expect, it } from 'vitest';
import { addWorkingDays, isPostingOpen } from '../../../src/domain/nominations/posting';

describe('the posting window in working days (Monday to Friday)', () => {
  it('counts from the day after posting and skips weekends', () => {
    // Thursday 3 December 2026 + 10 working days: Thursday 17 December.
    expect(addWorkingDays('2026-12-03', 10)).toBe('2026-12-17');
    // Posted on a Friday: the window starts on Monday.
    expect(addWorkingDays('2026-12-04', 1)).toBe('2026-12-07');
    // Posted on a Saturday: Monday is the first working day, Friday the fifth.
    expect(addWorkingDays('2026-12-05', 5)).toBe('2026-12-11');
    // Across the year's end (public holidays are not taken out: see posting.ts).
    expect(addWorkingDays('2026-12-28', 5)).toBe('2027-01-04');
  });

  it('is open from the posting through the end of its last day, Vietnam time', () => {
    const batch = { postedAt: new Date('2026-12-03T02:00:00Z'), postingEndsOn: '2026-12-17' };
    expect(isPostingOpen(batch, new Date('2026-12-03T01:59:59Z'))).toBe(false);
    expect(isPostingOpen(batch, new Date('2026-12-10T00:00:00Z'))).toBe(true);
    // 23:59 on 17 December in Vietnam is 16:59 UTC; 00:00 on the 18th is 17:00 UTC.
    expect(isPostingOpen(batch, new Date('2026-12-17T16:59:59Z'))).toBe(true);
    expect(isPostingOpen(batch, new Date('2026-12-17T17:00:00Z'))).toBe(false);
    expect(isPostingOpen({ postedAt: null, postingEndsOn: null }, new Date())).toBe(false);
  });
});
