import type { AstroGlobal } from 'astro';
import { asksConfirmation } from './confirmation';

type ActionClient = Parameters<AstroGlobal['getActionResult']>[0];

/**
 * The result of whichever of a page's Actions its form ran: `done` (to redirect after, with its
 * flash), `error` (the response status is set from it, for the page to show), or `confirm`: an
 * irreversible step waits for its confirmation (./confirmation.ts), which the page shows with
 * ConfirmStep.astro; that is no refusal, so it is neither an error nor a failed status.
 */
export function actionOutcome(astro: AstroGlobal, clients: readonly ActionClient[]) {
  const results = clients.map((client) => astro.getActionResult(client));
  const done = results.find((r) => r && !r.error)?.data as { flash?: string } | undefined;
  const failed = results.find((r) => r?.error)?.error;
  const confirm = asksConfirmation(failed);
  const error = confirm ? undefined : failed;
  // Astro answers a form Action's error with its status; a question is answered 200.
  if (error) astro.response.status = error.status;
  else if (confirm) astro.response.status = 200;
  return { done, error, confirm };
}
