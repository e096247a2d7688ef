import type { Campaign } from '@db/schema';

type Dates = Pick<Campaign, 'submissionOpensAt' | 'submissionClosesAt' | 'scoringClosesAt' | 'nominationsDueAt'>;

/** Submitting (and resubmitting) is possible only inside the campaign's window. */
export function isSubmissionOpen(campaign: Dates, now: Date): boolean {
  return now >= campaign.submissionOpensAt && now <= campaign.submissionClosesAt;
}

export function isScoringOpen(campaign: Dates, now: Date): boolean {
  return now <= campaign.scoringClosesAt;
}

export function areNominationsOpen(campaign: Dates, now: Date): boolean {
  return now <= campaign.nominationsDueAt;
}

/** Whole days left until a deadline (0 on its last day, negative once passed), for countdowns. */
export function daysLeft(deadline: Date, now: Date): number {
  return Math.ceil((deadline.getTime() - now.getTime()) / 86_400_000) - 1;
}
