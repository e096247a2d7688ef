import type { Campaign } from '@db/schema';
import { vietnamDay } from './campaigns';

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

/**
 * Whole days left until a deadline, counted in the province's calendar (Asia/Ho_Chi_Minh, where
 * the campaign's days are set): 0 on its last day, negative once it has passed (−1 on the day it
 * passed). A server in another time zone counts the same days.
 */
export function daysLeft(deadline: Date, now: Date): number {
  const days = (Date.parse(vietnamDay(deadline)) - Date.parse(vietnamDay(now))) / 86_400_000;
  return now > deadline ? Math.min(days, -1) : days;
}
