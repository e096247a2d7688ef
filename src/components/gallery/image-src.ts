import { defaultImageWidth, imageWidths } from '@/domain/gallery/images';

/** The public address of a gallery image at one width (the route checks it is public). */
export function imageUrl(fileId: number, width: number = defaultImageWidth): string {
  return `/gallery/images/${fileId}?w=${width}`;
}

/** Every served width, so a phone downloads the 480-pixel file and a wide screen the larger ones. */
export function imageSrcset(fileId: number): string {
  return imageWidths.map((w) => `${imageUrl(fileId, w)} ${w}w`).join(', ');
}
