import { ActionError, defineAction as astroDefineAction } from 'astro:actions';
import { DomainError } from '@/domain/errors';
import { log } from '@/log';
import { refusal } from './errors';

type Handler = (input: unknown, context: Parameters<Parameters<typeof astroDefineAction>[0]['handler']>[1]) => unknown;

/**
 * Astro's `defineAction` with the one error boundary every Action goes through: a refusal
 * (ActionError, DomainError) is the 4xx it names, with its Vietnamese message; anything else is a
 * bug or a fault, written in full to the server log under the request id, and answered with a
 * generic 500 that carries only that id. Astro would otherwise send the error's own message,
 * which for a failed query is the SQL statement with its parameters (a password hash, a token).
 */
export const defineAction: typeof astroDefineAction = ((definition: { handler: Handler }) =>
  astroDefineAction({
    ...definition,
    handler: async (input: unknown, context: Parameters<Handler>[1]) => {
      try {
        return await definition.handler(input, context);
      } catch (error) {
        if (error instanceof ActionError) throw error;
        if (error instanceof DomainError) throw refusal(error.problems, error.code);
        const requestId = context.locals.requestId;
        log.error(
          { err: error, requestId, action: context.url.searchParams.get('_action') ?? context.url.pathname.replace(/^.*\/_actions\//, ''), userId: context.locals.user?.id },
          'action failed',
        );
        throw new ActionError({ code: 'INTERNAL_SERVER_ERROR', message: JSON.stringify([{ key: 'input.unexpected', params: { requestId } }]) });
      }
    },
  } as Parameters<typeof astroDefineAction>[0])) as typeof astroDefineAction;
