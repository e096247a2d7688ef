import type { GalleryItem } from '@db/schema';
import { editableText } from '@/components/entries/values';

/** What the gallery item form shows: from the stored item, the entry it starts from, or a refused POST. */
export interface GalleryFormValues {
  title: string;
  slug: string;
  summary: string;
  organisationId: string;
  authors: string;
  parAreas: string[];
  pressType: string;
  originalUrl: string;
  coverFileId: string;
  imageFileIds: number[];
  featured: boolean;
}

export function valuesFromItem(item: GalleryItem): GalleryFormValues {
  return {
    title: item.title,
    slug: item.slug,
    summary: editableText(item.summaryHtml),
    organisationId: String(item.organisationId),
    authors: item.authors,
    parAreas: item.parAreas,
    pressType: item.pressType ?? '',
    originalUrl: item.originalUrl ?? '',
    coverFileId: item.coverFileId ? String(item.coverFileId) : '',
    imageFileIds: item.imageFileIds,
    featured: item.featured,
  };
}

export function valuesFromPost(form: FormData): GalleryFormValues {
  const one = (name: string) => String(form.get(name) ?? '');
  return {
    title: one('title'),
    slug: one('slug'),
    summary: one('summary'),
    organisationId: one('organisationId'),
    authors: one('authors'),
    parAreas: form.getAll('parAreas').map(String),
    pressType: one('pressType'),
    originalUrl: one('originalUrl'),
    coverFileId: one('coverFileId'),
    imageFileIds: form.getAll('imageFileIds').map(Number).filter(Number.isSafeInteger),
    featured: form.get('featured') === 'on',
  };
}
