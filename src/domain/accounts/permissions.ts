import type { Role } from '@db/schema';
import type { SessionUser } from '@/auth/session';

interface Account {
  role: Role;
  organisationId: number;
}

/** An admin manages every account; an outlet admin only the journalists of its own outlet. */
export function mayManageAccount(actor: SessionUser, account: Account): boolean {
  if (actor.role === 'admin') return true;
  return actor.role === 'outlet_admin' && account.role === 'journalist' && account.organisationId === actor.organisationId;
}
