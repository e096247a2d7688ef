import { type EvidenceType, evidenceTypes } from '@db/schema';

export { type EvidenceType, evidenceTypes };

export function isEvidenceType(value: string): value is EvidenceType {
  return (evidenceTypes as readonly string[]).includes(value);
}

/** Stored with the row and sent as Content-Type on download: ours, never the browser's claim. */
export const mediaTypes: Record<EvidenceType, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  mp4: 'video/mp4',
};

/** Shown to people; the same in both languages. */
export const typeLabels: Record<EvidenceType, string> = {
  pdf: 'PDF',
  jpeg: 'JPEG',
  png: 'PNG',
  webp: 'WebP',
  mp3: 'MP3',
  m4a: 'M4A',
  mp4: 'MP4',
};

/** File name endings per type; the first is the one added to a label that lacks it. */
export const extensions: Record<EvidenceType, readonly string[]> = {
  pdf: ['.pdf'],
  jpeg: ['.jpg', '.jpeg'],
  png: ['.png'],
  webp: ['.webp'],
  mp3: ['.mp3'],
  m4a: ['.m4a'],
  mp4: ['.mp4'],
};

/** The file input's `accept`: a hint for the browser's picker only; the server checks the bytes. */
export function acceptAttribute(allowed: readonly EvidenceType[]): string {
  return allowed.flatMap((type) => [...extensions[type], mediaTypes[type]]).join(',');
}

/** The campaign's list, in our order, without codes this version does not know. */
export function allowedTypesOf(campaignTypes: readonly string[]): EvidenceType[] {
  return evidenceTypes.filter((type) => campaignTypes.includes(type));
}
