import type { Core } from '../../src/main/core';

/**
 * Who acts in a test: the core reads the actor from the library's "me" for
 * every request (no method takes a viewer or reviewer id), so a test acts as
 * someone by marking them "me" — exactly what the People screen does.
 */
export async function actAs(core: Pick<Core, 'dispatch'>, personId: string | null): Promise<void> {
  const result = await core.dispatch('people.setMe', { id: personId });
  if (!result.ok) throw new Error(`could not act as ${personId}: ${result.error.message}`);
}

/** A dispatch that marks `personId` as "me" before each request. */
export function as(core: Pick<Core, 'dispatch'>, personId: string) {
  return async (channel: string, input?: unknown) => {
    await actAs(core, personId);
    return core.dispatch(channel, input);
  };
}
