import type { Queryable } from '../../db/client';
import type { Entry } from '../../db/schema';
import type { NominationInput } from '../../src/domain/nominations/nominations';
import { actorFor } from './accounts';
import { createEntry } from './entries';

/** What the coordinator's form sends for `nominee` backed by `entry`, with `overrides` on top. */
function nominationOf(entry: Entry, nominee: NominationInput['nominee'], overrides: Partial<NominationInput> & Pick<NominationInput, 'achievementSummary'>): NominationInput {
  return { campaignId: entry.campaignId, nominee, awardForm: 'provincial_certificate', entryIds: [entry.id], eligibilityDeclared: true, ...overrides };
}

/**
 * What the coordinator's form sends to nominate the author `email` for a new shortlisted entry of
 * theirs (in the demo campaign), with `overrides` on top.
 */
export async function individualNomination(db: Queryable, email: string, overrides: Partial<NominationInput> = {}): Promise<NominationInput> {
  const author = await actorFor(db, email);
  const entry = await createEntry(db, email, { status: 'shortlisted' });
  return nominationOf(entry, { type: 'individual', userId: author.id }, { achievementSummary: 'Có loạt bài tuyên truyền CCHC hiệu quả.', ...overrides });
}

/** The outlet of the admin `email` as a collective nominee backed by its `entry`, the collective criteria met. */
export async function collectiveNominationOf(db: Queryable, email: string, entry: Entry, overrides: Partial<NominationInput> = {}): Promise<NominationInput> {
  const outlet = await actorFor(db, email);
  return nominationOf(entry, { type: 'collective', organisationId: outlet.organisationId }, {
    achievementSummary: 'Cơ quan hoàn thành xuất sắc nhiệm vụ tuyên truyền CCHC năm 2024.',
    collectiveCriteria: { completedParTasks: true, metEmulationContent: true, parIndexRating: 'good', evidence: '' },
    ...overrides,
  });
}

/** The same with a new shortlisted collective entry of that outlet. */
export async function collectiveNomination(db: Queryable, email: string, overrides: Partial<NominationInput> = {}): Promise<NominationInput> {
  return collectiveNominationOf(db, email, await createEntry(db, email, { status: 'shortlisted', collective: true }), overrides);
}
