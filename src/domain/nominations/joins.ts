import { eq } from 'drizzle-orm';
import { alias, type PgSelect } from 'drizzle-orm/pg-core';
import { entries, nominationEntries, nominations, organisations, users } from '@db/schema';

/*
 * The joins every read of nominations makes the same way (the dossier, the posted list and its
 * comments, the public awards, the dashboard), to be composed into a query over `.$dynamic()`.
 *
 * A nominee is a person (an individual nomination, `nomineeUserId`) or an organisation (a
 * collective one, `nomineeOrganisationId`); a person is named with the unit they work in.
 */

/** Aliases, so that a query naming a nominee may also join an entry's outlet (`organisations`). */
export const nomineeOrganisation = alias(organisations, 'nominee_organisation');
export const nomineeUnit = alias(organisations, 'nominee_unit');

/** The columns that name a nominee (as `nomineeName()` reads them), for a select over `withNominee()`. */
export const nomineeColumns = {
  userName: users.name,
  organisationName: nomineeOrganisation.name,
};

/** The display name of a nominee row: the person, or the organisation for a collective. */
export function nomineeName(row: { userName: string | null; organisationName: string | null }): string {
  return row.userName ?? row.organisationName ?? '';
}

/**
 * Joins the nominee of each `nominations` row: the person with their unit, or the organisation;
 * left joins, since a nomination has one of the two. Each is on a primary key, so the rows stay
 * one a nomination (and PostgreSQL drops a join none of the columns read).
 */
export function withNominee<T extends PgSelect>(query: T) {
  return query
    .leftJoin(users, eq(users.id, nominations.nomineeUserId))
    .leftJoin(nomineeUnit, eq(nomineeUnit.id, users.organisationId))
    .leftJoin(nomineeOrganisation, eq(nomineeOrganisation.id, nominations.nomineeOrganisationId));
}

/**
 * Joins a query over `nominationEntries` to the backing entries: the nomination (to read them by
 * batch), the entry and its outlet (`organisations`).
 */
export function withBackingEntries<T extends PgSelect>(query: T) {
  return query
    .innerJoin(nominations, eq(nominations.id, nominationEntries.nominationId))
    .innerJoin(entries, eq(entries.id, nominationEntries.entryId))
    .innerJoin(organisations, eq(organisations.id, entries.organisationId));
}
