import { z } from 'zod';
import type { AppInfo, Person, Settings } from './domain';
import { Id, PersonRole, Theme } from './domain';
import type { Subscribe } from './events';
import type { Result } from './result';

/**
 * The one contract between the renderer and the core. Each method names its
 * zod input schema and its result type; main, preload, the browser-mode
 * server and the renderer's api client are all typed from this object, so
 * nothing restates a channel name.
 */
interface MethodSpec<I extends z.ZodType, O> {
  input: I;
  /** Phantom: carries the result type only. */
  output?: O;
}
const method =
  <O>() =>
  <I extends z.ZodType>(input: I): MethodSpec<I, O> => ({ input });

const NoInput = z.object({}).strict().optional();
const PersonName = z.string().trim().min(1, 'A name is required').max(120, 'Keep the name under 120 characters');

export const contract = {
  app: {
    info: method<AppInfo>()(NoInput),
  },
  people: {
    list: method<Person[]>()(NoInput),
    create: method<Person>()(z.object({ name: PersonName, role: PersonRole, email: z.email().nullish() }).strict()),
    update: method<Person>()(
      z
        .object({ id: Id, name: PersonName.optional(), role: PersonRole.optional(), email: z.email().nullish() })
        .strict(),
    ),
    /** Marks who "me" is on this machine; null clears it. At most one person is me. */
    setMe: method<Person[]>()(z.object({ id: Id.nullable() }).strict()),
    /** Soft delete: authored work keeps its author; restore brings the person back. */
    remove: method<void>()(z.object({ id: Id }).strict()),
    restore: method<Person>()(z.object({ id: Id }).strict()),
  },
  settings: {
    get: method<Settings>()(NoInput),
    update: method<Settings>()(z.object({ theme: Theme.optional() }).strict()),
  },
} as const;

export type Contract = typeof contract;
export type Domain = keyof Contract;
export type MethodOf<D extends Domain> = keyof Contract[D] & string;
type Spec<D extends Domain, M extends MethodOf<D>> = Contract[D][M];

export type InputOf<D extends Domain, M extends MethodOf<D>> =
  Spec<D, M> extends MethodSpec<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<D extends Domain, M extends MethodOf<D>> =
  Spec<D, M> extends MethodSpec<infer I, unknown> ? z.output<I> : never;
export type OutputOf<D extends Domain, M extends MethodOf<D>> =
  Spec<D, M> extends MethodSpec<z.ZodType, infer O> ? O : never;

/** What the renderer calls: `api.people.create({ name, role })`. */
export type Api = {
  [D in Domain]: {
    [M in MethodOf<D>]: undefined extends InputOf<D, M>
      ? (input?: InputOf<D, M>) => Promise<Result<OutputOf<D, M>>>
      : (input: InputOf<D, M>) => Promise<Result<OutputOf<D, M>>>;
  };
};

/** What the core implements: parsed input in, plain value (or AppError) out. */
export type Handlers = {
  [D in Domain]: {
    [M in MethodOf<D>]: (input: ParsedInputOf<D, M>) => OutputOf<D, M> | Promise<OutputOf<D, M>>;
  };
};

/** The IPC channel / HTTP path segment for a method: `people.create`. */
export const channelOf = (domain: string, name: string): string => `${domain}.${name}`;

/** Every (domain, method) pair, for registration loops. */
export const methodNames = (): Array<[Domain, string]> =>
  (Object.keys(contract) as Domain[]).flatMap((d) => Object.keys(contract[d]).map((m) => [d, m] as [Domain, string]));

/** What the page gets: the whole Api plus event subscription. */
export type Gamefilm = Api & { on: Subscribe };

/**
 * Builds the Api object over a transport (IPC in the preload, HTTP in
 * browser mode), so both expose exactly the contract's named functions.
 */
export function buildApi(invoke: (channel: string, input: unknown) => Promise<Result<unknown>>): Api {
  const api: Record<string, Record<string, (input?: unknown) => Promise<Result<unknown>>>> = {};
  for (const [domain, name] of methodNames()) {
    const group = (api[domain] ??= {});
    group[name] = (input?: unknown) => invoke(channelOf(domain, name), input);
  }
  return api as unknown as Api;
}
