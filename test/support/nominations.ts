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

/**
 * The same for the outlet of the admin `email`, as a collective nominee, with a new shortlisted
 * collective entry of that outlet and the collective criteria met.
 */
export async function collectiveNomination(db: Queryable, email: string, overrides: Partial<NominationInput> = {}): Promise<NominationInput> {
  const outlet = await actorFor(db, email);
  const entry = await createEntry(db, email, { status: 'shortlisted', collective: true });
  return {
    campaignId: entry.campaignId,
    nominee: { type: 'collective', organisationId: outlet.organisationId },
    awardForm: 'provincial_certificate',
    entryIds: [entry.id],
    achievementSummary: 'Cơ quan hoàn thành xuất sắc nhiệm vụ tuyên truyền CCHC năm 2024.',
    collectiveCriteria: { completedParTasks: true, metEmulationContent: true, parIndexRating: 'good', evidence: '' },
    eligibilityDeclared: true,
    ...overrides,
  };
}
