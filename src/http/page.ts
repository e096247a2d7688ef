import type { AstroGlobal } from 'astro';
import type { z } from 'astro/zod';
import { actionOutcome } from '@/actions/outcome';
import { pathId, requirePage } from '@/auth/guards';
import type { SessionUser } from '@/auth/session';
import { localePath, translator, type Locale, type Translate } from '@/i18n';

/**
 * The head every page under /app starts with, so that a page reads: its head, its Actions'
 * outcome, the domain's answer, the markup.
 */
export interface AppPage {
  /** The signed-in person, whom the permission table lets open this page (`requirePage`). */
  user: SessionUser;
  locale: Locale;
  t: Translate;
  /** The page's own address in the reader's language: its route, with the ids its path names. */
  self: string;
}

/** A page about one record: the row id its path names. */
export interface RecordPage extends AppPage {
  id: number;
}

/**
 * Refuses whoever the permission table does not let open this page (the route as Astro matched
 * it), then answers who reads it, in which language, and at which address. Every parameter of an
 * /app route is a row id: anything else in the path is the 404 page (`pathId`) before any query.
 */
export function appPage(astro: AstroGlobal): AppPage {
  const user = requirePage(astro);
  const { locale } = astro.locals;
  const path = astro.routePattern.replace(/\[(\w+)\]/g, (_, name: string) => String(pathId(astro.params[name])));
  return { user, locale, t: translator(locale), self: localePath(locale, path) };
}

/** `appPage` for a page about one record, whose id is the path's parameter `param`. */
export function recordPage(astro: AstroGlobal, param: string): RecordPage {
  const page = appPage(astro);
  return { ...page, id: pathId(astro.params[param]) };
}

type ActionClient = Parameters<AstroGlobal['getActionResult']>[0];
type Outcome<C extends ActionClient> = Awaited<ReturnType<typeof actionOutcome<C>>>;
type Done<C extends ActionClient> = NonNullable<Outcome<C>['done']>;

/**
 * Where the browser goes once one of the page's Actions has succeeded: an address, to which the
 * Action's flash is added (`?flash=saved`), or the whole address made from what the Action returned.
 */
export type AfterAction<C extends ActionClient> = Done<C> extends { flash: string } ? string | ((done: Done<C>) => string) : (done: Done<C>) => string;

/**
 * The outcome of the page's Actions (`actionOutcome`, the one way a page reads them) and, when one
 * has succeeded, the redirect the page returns at once (post, redirect, get: a reload does not
 * post again).
 */
export async function pageOutcome<C extends ActionClient>(
  astro: AstroGlobal,
  clients: readonly C[],
  after: AfterAction<C>,
  options: { schema?: z.ZodObject<z.ZodRawShape> } = {},
): Promise<Outcome<C> & { redirect: Response | undefined }> {
  const outcome = await actionOutcome(astro, clients, options);
  const { done } = outcome;
  if (!done) return { ...outcome, redirect: undefined };
  const target = typeof after === 'string' ? `${after}?flash=${(done as { flash: string }).flash}` : after(done);
  return { ...outcome, redirect: astro.redirect(target) };
}
