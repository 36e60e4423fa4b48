import { z } from 'zod';

/** One method of the contract: its zod input schema, and (as a phantom) its result type. */
export interface MethodSpec<I extends z.ZodType, O> {
  input: I;
  output?: O;
}

/** `method<Result>()(inputSchema)` — the result type is given, the input type inferred. */
export const method =
  <O>() =>
  <I extends z.ZodType>(input: I): MethodSpec<I, O> => ({ input });

/** For methods that take nothing. */
export const NoInput = z.object({}).strict().optional();
