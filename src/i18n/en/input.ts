import type { Catalogue } from '../vi';

export const input: Catalogue['input'] = {
  notText: 'This field must be text.',
  controlCharacters: 'This field contains control characters (such as NUL) that are not allowed; type it again or paste it as plain text.',
  tooLong: 'This is too long: at most {max} characters.',
  id: 'This choice is not valid: choose again from the list.',
  day: 'This day does not exist or is outside 1900–2100: type it as day/month/year, e.g. 31/12/2026.',
  /** Beside every date field (src/components/Field.astro). */
  dayFormat: 'Type it as day/month/year, e.g. 31/12/2026.',
  url: 'The address must start with https:// or http://.',
  wholeNumber: 'Enter a whole number in decimal digits (for example 7), without spaces, not as 0x5 or 1e1.',
  unexpected: 'The system met an unexpected error and nothing was saved. Please try again; if it persists, give the administrator the request id {requestId}.',
  requestId: 'Request id: {requestId}',
};
