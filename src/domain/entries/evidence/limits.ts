import type { MessageKey } from '@/i18n';
import { DomainError } from '@/domain/errors';
import { type UploadRefusal, uploadRefusalStatus } from '@/domain/files/refusals';
import { typeLabels, type EvidenceType } from './types';

/** Campaign limits are set in MB; one MB is 1024 × 1024 bytes, as file managers count them. */
export const bytesPerMb = 1024 * 1024;

export interface EvidenceLimits {
  allowedTypes: EvidenceType[];
  maxFileMb: number;
  maxEntryMb: number;
  /** What the entry's files already take. */
  usedBytes: number;
}

/** Every upload's reasons (src/domain/files/refusals.ts), and the entry's total size. */
export type RefusalReason = UploadRefusal | 'entry_too_large';
export const refusalReasons: readonly RefusalReason[] = [...(Object.keys(uploadRefusalStatus) as UploadRefusal[]), 'entry_too_large'];

/** An upload refused for what it is (not who sent it); `reason` is the code the route answers with. */
export class EvidenceRefused extends DomainError {
  constructor(
    readonly reason: RefusalReason,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`evidence.errors.${reason}` satisfies MessageKey, 'evidence-file', 'BAD_REQUEST');
  }
}

export function refusal(reason: RefusalReason, limits: EvidenceLimits): EvidenceRefused {
  switch (reason) {
    case 'type_not_allowed':
      return new EvidenceRefused(reason, { types: limits.allowedTypes.map((t) => typeLabels[t]).join(', ') });
    case 'too_large':
      return new EvidenceRefused(reason, { mb: limits.maxFileMb });
    case 'entry_too_large':
      return new EvidenceRefused(reason, { mb: limits.maxEntryMb });
    default:
      return new EvidenceRefused(reason);
  }
}

/** How many bytes one more file may have: the per-file limit, or what is left of the entry's. */
export function uploadAllowance(limits: EvidenceLimits): { maxBytes: number; reason: 'too_large' | 'entry_too_large' } {
  const perFile = limits.maxFileMb * bytesPerMb;
  const left = Math.max(0, limits.maxEntryMb * bytesPerMb - limits.usedBytes);
  return left < perFile ? { maxBytes: left, reason: 'entry_too_large' } : { maxBytes: perFile, reason: 'too_large' };
}
