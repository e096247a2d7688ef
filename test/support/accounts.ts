import type { Queryable } from '../../db/client';
import type { SessionUser } from '../../src/auth/session';
import { findAccountByEmail } from '../../src/domain/accounts/accounts';
import { organisations } from '../../db/schema';
import { eq } from 'drizzle-orm';

/** A demo account as the session layer sees it, for calling domain functions as that person. */
export async function actorFor(db: Queryable, email: string): Promise<SessionUser> {
  const user = await findAccountByEmail(db, email);
  if (!user) throw new Error(`no demo account ${email}`);
  const [organisation] = await db.select().from(organisations).where(eq(organisations.id, user.organisationId));
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organisationId: user.organisationId,
    organisationName: organisation.name,
  };
}
