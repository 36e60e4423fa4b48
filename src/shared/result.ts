/**
 * Every backend call answers with a Result rather than throwing across the
 * process boundary: a user sees `message`, code branches on `code`.
 */
export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'unauthorized'
  /** An acting or scoring method was called while no one is "me" in this library. */
  | 'no_actor'
  /** The acting person may not do this (the policy's ownership rules). */
  | 'forbidden'
  | 'forbidden_sender'
  | 'db_too_new'
  | 'unsupported'
  | 'cancelled'
  | 'internal';

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

/** Thrown inside the core; turned into a failed Result at the boundary. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
