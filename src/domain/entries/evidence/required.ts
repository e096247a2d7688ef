import type { PressType } from '@db/schema';
import type { EvidenceType } from './types';

/**
 * What evidence each press type needs (issue 12 item 3), as press awards ask for it: radio a
 * recording, television a video, print and online the published page (a PDF or a page capture).
 * National press award calls ask for "đĩa CD/USB" for radio, "DVD/USB" for television and the
 * printed page or an A4 print of the online page (e.g. the call of the HCMC Fatherland Front press
 * award, plo.vn 2021-07; Giải Huỳnh Thúc Kháng, Quảng Nam, 2013–2014).
 */
export type EvidenceKind = 'audio' | 'video' | 'page' | 'image';

export const evidenceKindOf: Record<PressType, EvidenceKind> = {
  print: 'page',
  online: 'page',
  radio: 'audio',
  television: 'video',
  photo: 'image',
  multimedia: 'page',
};

export const typesOfKind: Record<EvidenceKind, readonly EvidenceType[]> = {
  audio: ['mp3', 'm4a'],
  video: ['mp4'],
  page: ['pdf', 'jpeg', 'png', 'webp'],
  image: ['jpeg', 'png', 'webp'],
};

/** The file types one of which an entry of this press type must have. */
export function requiredEvidenceTypes(pressType: PressType): readonly EvidenceType[] {
  return typesOfKind[evidenceKindOf[pressType]];
}
