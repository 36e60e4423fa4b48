import { z } from 'zod';
import type { Domain, Handlers, RequestContext } from '../../shared/contract';
import { contract } from '../../shared/contract';
import type { ErrorCode, Result } from '../../shared/result';
import { AppError, fail, ok } from '../../shared/result';
import { NO_ACTOR_MESSAGE } from './policy/actor';
import type { RuleTable } from './policy/rules';
import { needsActor, RULES, ruleOf } from './policy/rules';

/** A readable sentence from a zod error: what was wrong, and where. */
export function describeInvalid(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/** Turns anything thrown inside a handler into a failed Result a person can read. */
export function toFailure(error: unknown): Result<never> {
  if (error instanceof AppError) return fail(error.code, error.message);
  if (error instanceof z.ZodError) return fail('invalid_input', describeInvalid(error));
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
    return fail('conflict', 'That change conflicts with data already in the library.');
  }
  console.error('[gamefilm] unexpected error', error);
  return fail('internal' satisfies ErrorCode, error instanceof Error ? error.message : String(error));
}

/**
 * The single entry point both transports (Electron IPC and browser-mode HTTP)
 * use: look the method up in the contract and in the policy's rule table,
 * validate the input with its schema, read who is acting, run the handler
 * with that context, and answer with a Result. Bad input never reaches a
 * handler; neither does a method without a rule, nor an acting method when
 * no one is "me".
 */
export function createDispatcher(handlers: Handlers, requestContext: () => RequestContext, rules: RuleTable = RULES) {
  return async function dispatch(channel: string, rawInput: unknown): Promise<Result<unknown>> {
    const [domain, name] = channel.split('.') as [string, string | undefined];
    const spec = name ? (contract as Record<string, Record<string, { input: z.ZodType }>>)[domain]?.[name] : undefined;
    if (!spec || !name) return fail('not_found', `Unknown method "${channel}".`);
    const rule = ruleOf(domain, name, rules);
    if (!rule) return fail('forbidden', `"${channel}" has no rule for who may use it, so it is refused.`);
    const parsed = spec.input.safeParse(rawInput ?? undefined);
    if (!parsed.success) return fail('invalid_input', describeInvalid(parsed.error));
    try {
      const handler = (handlers[domain as Domain] as Record<string, (input: unknown, ctx: RequestContext) => unknown>)[
        name
      ];
      if (!handler) return fail('not_found', `Method "${channel}" is not implemented.`);
      const ctx = requestContext();
      if (needsActor(rule) && !ctx.actor) return fail('no_actor', NO_ACTOR_MESSAGE);
      return ok(await handler(parsed.data, ctx));
    } catch (error) {
      return toFailure(error);
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
