import type { Nomination } from '@db/schema';

/** What the nomination form shows in its fields: as typed (a refused POST) or as stored (editing). */
export interface NominationFormValues {
  entryIds: string[];
  nomineeType: string;
  nomineeUserId: string;
  nomineeOrganisationId: string;
  awardForm: string;
  achievementSummary: string;
  completedParTasks: boolean;
  metEmulationContent: boolean;
  parIndexRating: string;
  criteriaEvidence: string;
  eligibilityDeclared: boolean;
}

/** The form a refused POST carried (postedForm), or an empty one. */
export function postedValues(posted: FormData | null): NominationFormValues {
  const sent = (name: string) => String(posted?.get(name) ?? '');
  return {
    entryIds: (posted?.getAll('entryIds') ?? []).map(String),
    nomineeType: sent('nomineeType'),
    nomineeUserId: sent('nomineeUserId'),
    nomineeOrganisationId: sent('nomineeOrganisationId'),
    awardForm: sent('awardForm'),
    achievementSummary: sent('achievementSummary'),
    completedParTasks: sent('completedParTasks') === 'on',
    metEmulationContent: sent('metEmulationContent') === 'on',
    parIndexRating: sent('parIndexRating'),
    criteriaEvidence: sent('criteriaEvidence'),
    eligibilityDeclared: sent('eligibilityDeclared') === 'on',
  };
}

/** A stored nomination, to edit it. */
export function storedValues(nomination: Nomination, entryIds: number[]): NominationFormValues {
  const criteria = nomination.collectiveCriteria;
  return {
    entryIds: entryIds.map(String),
    nomineeType: nomination.nomineeType,
    nomineeUserId: String(nomination.nomineeUserId ?? ''),
    nomineeOrganisationId: String(nomination.nomineeOrganisationId ?? ''),
    awardForm: nomination.awardForm,
    achievementSummary: nomination.achievementSummary,
    completedParTasks: criteria?.completedParTasks ?? false,
    metEmulationContent: criteria?.metEmulationContent ?? false,
    parIndexRating: criteria?.parIndexRating ?? '',
    criteriaEvidence: criteria?.evidence ?? '',
    eligibilityDeclared: nomination.eligibilityDeclared,
  };
}
