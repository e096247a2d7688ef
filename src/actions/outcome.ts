import type { AstroGlobal } from 'astro';

type ActionClient = Parameters<AstroGlobal['getActionResult']>[0];

/**
 * The result of whichever of a page's Actions its form ran: `done` (to redirect after, with its
 * flash) or `error` (the response status is set from it, for the page to show).
 */
export function actionOutcome(astro: AstroGlobal, clients: readonly ActionClient[]) {
  const results = clients.map((client) => astro.getActionResult(client));
  const done = results.find((r) => r && !r.error)?.data as { flash?: string } | undefined;
  const error = results.find((r) => r?.error)?.error;
  if (error) astro.response.status = error.status;
  return { done, error };
}
