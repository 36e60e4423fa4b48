import type { Result } from '../../../shared/result';

/** Unwraps a Result for store code: the value, or throws an Error carrying the user-facing message. */
export async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.value;
}
