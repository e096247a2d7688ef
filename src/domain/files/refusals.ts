/**
 * Why any upload was refused, by the one name each reason has for every kind of file (evidence,
 * signed scans, …), with the HTTP status the upload routes answer it with. A kind of upload adds
 * its own reasons (an entry's total size, a batch already sent) beside these.
 */
export const uploadRefusalStatus = {
  no_file: 400,
  empty: 400,
  malformed: 400,
  timed_out: 408,
  type_not_allowed: 415,
  too_large: 413,
} as const satisfies Record<string, number>;

export type UploadRefusal = keyof typeof uploadRefusalStatus;
