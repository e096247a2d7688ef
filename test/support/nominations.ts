import type { Queryable } from '../../db/client';
import type { NominationInput } from '../../src/domain/nominations/nominations';
import { actorFor } from './accounts';
import { createEntry } from './entries';

/**
 * What the coordinator's form sends to nominate the author `email` for a new shortlisted entry of
 * theirs (in the demo campaign), with `overrides` on top.
 */
export async function individualNomination(db: Queryable, email: string, overrides: Partial<NominationInput> = {}): Promise<NominationInput> {
  const author = await actorFor(db, email);
  const entry = await createEntry(db, email, { status: 'shortlisted' });
  return {
    campaignId: entry.campaignId,
    nominee: { type: 'individual', userId: author.id },
    awardForm: 'provincial_certificate',
    entryIds: [entry.id],
    achievementSummary: 'Có loạt bài tuyên truyền CCHC hiệu quả.',
    eligibilityDeclared: true,
    ...overrides,
  };
}
