import { ActionError, isActionError } from 'astro:actions';
import { z } from 'astro/zod';
import type { Database } from '@db/client';

/**
 * Irreversible steps ask once more (issue #13 item 5): sending a batch to Home Affairs, recording a
 * decision, submitting a score, deleting a draft batch. The form posts without `confirmed`; the
 * Action then tries the step in a transaction it rolls back, so a refusal (a missing field, the
 * wrong status, someone else's record) is shown at once, and a step that would go through answers
 * "confirm first" instead (428). The page shows a confirmation panel saying what will happen, whose
 * "Xác nhận" button posts the same fields again with `confirmed=1` (ConfirmStep.astro); no script
 * is needed. The domain stays as it is: the question is the Action's.
 */
export const confirmation = { confirmed: z.literal('1').optional() };

const confirmKey = 'confirm.required';

class DryRun extends Error {}

export async function confirmedStep<T>(db: Database, confirmed: '1' | undefined, step: (db: Database) => Promise<T>): Promise<T> {
  if (confirmed === '1') return step(db);
  // A refusal of the step itself (a DomainError) crosses the Action boundary as it would confirmed.
  await db
    .transaction(async (tx) => {
      // A transaction is a database too: the step's own transaction nests in it as a savepoint.
      await step(tx as unknown as Database);
      throw new DryRun();
    })
    .catch((error: unknown) => {
      if (!(error instanceof DryRun)) throw error;
    });
  throw new ActionError({ code: 'PRECONDITION_REQUIRED', message: JSON.stringify([{ key: confirmKey }]) });
}

/** Whether an Action's answer asks for the confirmation step (and is no refusal to show). */
export function asksConfirmation(error: unknown): boolean {
  return isActionError(error) && error.code === 'PRECONDITION_REQUIRED' && error.message.includes(confirmKey);
}
