import type { Catalogue } from '../vi';

export const input: Catalogue['input'] = {
  notText: 'This field must be text.',
  controlCharacters: 'This field contains control characters (such as NUL) that are not allowed; type it again or paste it as plain text.',
  tooLong: 'This is too long: at most {max} characters.',
  tooLongDropped: 'This is too long: at most {max} characters. About {size} arrived here, so it was not kept; please enter it again.',
  bodyTooLarge: 'The form sent is too large: at most {limit} for the whole form. The longest text was not kept; please enter it again.',
  bodyTooLargeField: 'This is too long: the whole form may carry at most {limit}; about {size} arrived here, so it was not kept; please enter it again.',
  id: 'This choice is not valid: choose again from the list.',
  day: 'This day does not exist or is outside 1900–2100: type it as day/month/year, e.g. 31/12/2026.',
  /** Beside every date field (src/components/Field.astro). */
  dayFormat: 'Type it as day/month/year, e.g. 31/12/2026.',
  url: 'The address must start with https:// or http://.',
  wholeNumber: 'Enter a whole number in decimal digits (for example 7), without spaces, not as 0x5 or 1e1.',
  unexpected: 'The system met an unexpected error and nothing was saved. Please try again; if it persists, give the administrator the request id {requestId}.',
  requestId: 'Request id: {requestId}',
};
