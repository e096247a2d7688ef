import { isCalendarDay } from '@/domain/fields';
import { formatDate, type Translate } from '@/i18n';

export type DecisionChoice = 'approve' | 'return' | 'reject' | 'decideInHouse';

/** A posted yyyy-mm-dd as the pages show days (dd/mm/yyyy, Vietnam's calendar day). */
const shownDay = (day: string) => (isCalendarDay(day) ? formatDate(new Date(`${day}T12:00:00+07:00`)) : day);

/** What the confirmation step of a decision says will happen (ConfirmStep.astro). */
export function decisionConsequences(t: Translate, choice: DecisionChoice, posted: FormData | null, nominee: string): string[] {
  const field = (name: string) => String(posted?.get(name) ?? '').trim();
  const params = { number: field('number'), date: shownDay(field('date')), reason: field('reason'), nominee };
  if (choice === 'return') return [t('confirm.steps.return', params), t('confirm.steps.toldReturn')];
  return [t(`confirm.steps.${choice}`, params), t('confirm.steps.told')];
}
