import type { MessageKey } from '@/i18n';
import { DomainError } from '@/domain/errors';
import { uploadRefusalStatus } from '@/domain/files/refusals';
import { maxScanMb } from './scans';

/**
 * Why a signed scan was not kept, as the upload route answers it: an HTTP status for the page's
 * script, and a short code for the address the form is sent back to without script; the codes
 * are those of every upload (src/domain/files/refusals.ts).
 */
export const scanRefusals = {
  no_file: { key: 'nominations.dossier.errors.noFile', status: uploadRefusalStatus.no_file },
  empty: { key: 'nominations.dossier.errors.empty', status: uploadRefusalStatus.empty },
  // What can go wrong with any upload is said as for evidence.
  malformed: { key: 'evidence.errors.malformed', status: uploadRefusalStatus.malformed },
  timed_out: { key: 'evidence.errors.timed_out', status: uploadRefusalStatus.timed_out },
  type_not_allowed: { key: 'nominations.dossier.errors.notPdf', status: uploadRefusalStatus.type_not_allowed },
  too_large: { key: 'nominations.dossier.errors.tooLarge', status: uploadRefusalStatus.too_large },
  batch_sent: { key: 'nominations.errors.batchSent', status: 409 },
} as const satisfies Record<string, { key: MessageKey; status: number }>;

export type ScanRefusal = keyof typeof scanRefusals;

export function isScanRefusal(code: string | null): code is ScanRefusal {
  return code !== null && Object.hasOwn(scanRefusals, code);
}

/** The refusal a domain error stands for, if it is one of the file's (or the batch's) own. */
export function scanRefusalOf(error: DomainError): ScanRefusal | undefined {
  return (Object.keys(scanRefusals) as ScanRefusal[]).find((code) => scanRefusals[code].key === error.key);
}

export function scanRefusalMessage(code: ScanRefusal, t: (key: MessageKey, params?: Record<string, string | number>) => string): string {
  return t(scanRefusals[code].key, { mb: maxScanMb });
}
