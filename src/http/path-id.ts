/** A row id from the path; anything else (or beyond PostgreSQL's integer) is simply not found. */
export function positiveId(value: string | undefined): number | undefined {
  const id = value && /^[1-9][0-9]{0,9}$/.test(value) ? Number(value) : 0;
  return id > 0 && id <= 2_147_483_647 ? id : undefined;
}
