import { formAction } from './form-action';
import { z } from 'astro/zod';
import { parAreas, pressTypes } from '@db/schema';
import {
  createGalleryItem,
  galleryLimits,
  publishGalleryItem,
  unpublishGalleryItem,
  updateGalleryItem,
} from '@/domain/gallery/publishing';
import { slugMaxLength, slugPattern } from '@/domain/gallery/slug';
import type { MessageKey } from '@/i18n';
import { checkbox, formKey, id, idOr, requiredText, text, webUrl } from '@/domain/fields';

/** A form's empty choice ('') or a missing field means none. */
const noneIfEmpty = (v: unknown) => (v === '' || v === null || v === undefined ? null : v);

/*
 * Every field is checked here so that all mistakes are listed at once; the domain checks again,
 * and alone knows which images belong to the entry.
 */
const itemFields = {
  title: requiredText(galleryLimits.title, 'gallery.errors.titleRequired', 'gallery.errors.titleTooLong'),
  slug: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() : ''),
    z
      .string()
      .max(slugMaxLength, 'gallery.errors.slugInvalid' satisfies MessageKey)
      .refine((s) => s === '' || slugPattern.test(s), 'gallery.errors.slugInvalid' satisfies MessageKey),
  ),
  // Rich text grows when sanitised (entities, <p>); the domain checks the stored length.
  summary: text(galleryLimits.summary),
  organisationId: idOr('gallery.errors.organisationRequired'),
  authors: text(galleryLimits.authors, 'gallery.errors.authorsTooLong'),
  parAreas: z.array(z.enum(parAreas, { error: 'gallery.errors.parAreaUnknown' satisfies MessageKey })).default([]),
  pressType: z.preprocess(noneIfEmpty, z.enum(pressTypes, { error: 'gallery.errors.pressTypeUnknown' satisfies MessageKey }).nullable()),
  originalUrl: webUrl(galleryLimits.url, 'gallery.errors.urlInvalid'),
  coverFileId: z.preprocess(noneIfEmpty, idOr('gallery.errors.coverNotAnImage').nullable()),
  imageFileIds: z
    .array(idOr('gallery.errors.imageNotAnImage'))
    .max(galleryLimits.images, 'gallery.errors.tooManyImages' satisfies MessageKey)
    .default([]),
  featured: checkbox,
};

export const gallery = {
  create: formAction(
    'gallery.create',
    z.object({ entryId: id, formKey, intent: z.enum(['draft', 'publish']).default('draft'), ...itemFields }),
    async (db, actor, { entryId, formKey, intent, ...input }, context) => {
      const item = await createGalleryItem(db, actor, entryId, input, { publish: intent === 'publish', ip: context.locals.ip, formKey });
      return { id: item.id, flash: item.published ? ('createdPublished' as const) : ('created' as const) };
    },
  ),

  update: formAction('gallery.update', z.object({ itemId: id, ...itemFields }), async (db, actor, { itemId, ...input }, context) => {
    const item = await updateGalleryItem(db, actor, itemId, input, { ip: context.locals.ip });
    return { id: item.id, flash: 'saved' as const };
  }),

  publish: formAction('gallery.publish', z.object({ itemId: id }), async (db, actor, { itemId }, context) => {
    const item = await publishGalleryItem(db, actor, itemId, { ip: context.locals.ip });
    return { id: item.id, flash: 'published' as const };
  }),

  unpublish: formAction('gallery.unpublish', z.object({ itemId: id }), async (db, actor, { itemId }, context) => {
    const item = await unpublishGalleryItem(db, actor, itemId, { ip: context.locals.ip });
    return { id: item.id, flash: 'unpublished' as const };
  }),
};
