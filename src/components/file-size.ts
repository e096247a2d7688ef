import { bytesPerMb } from '@/domain/entries/evidence/limits';
import { formatNumber } from '@/i18n';

/** A file's size as people read it: whole KB below a megabyte (at least 1), else MB to one decimal. */
export function fileSize(bytes: number): string {
  if (bytes === 0) return '0 KB';
  return bytes < bytesPerMb ? `${formatNumber(Math.max(1, Math.ceil(bytes / 1024)))} KB` : `${formatNumber(bytes / bytesPerMb, 1)} MB`;
}
