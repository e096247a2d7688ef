import type { EntryStatus, Role } from '@db/schema';
import type { MessageKey } from '@/i18n';

/** What happens next to an entry, said to the person looking at it. */
export function nextStepKey(status: EntryStatus, role: Role): MessageKey {
  if (status === 'submitted' && role === 'outlet_admin') return 'entries.next.submittedOutlet';
  return `entries.next.${status}`;
}
