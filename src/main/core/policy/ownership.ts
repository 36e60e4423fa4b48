import type { Id, Person } from '../../../shared/domain';
import { AppError } from '../../../shared/result';

/**
 * Ownership: attempts, self-reviews and goals belong to their person; a
 * scorecard belongs to its reviewer. These decide who may change what.
 */

const isCoach = (p: Pick<Person, 'role'>) => p.role === 'coach' || p.role === 'admin';

/** Only the reviewer edits, submits, reopens or removes their scorecard (and its action items). */
export function requireReviewer(actor: Pick<Person, 'id'>, card: { reviewer_id: Id; reviewer_name?: string }): void {
  if (card.reviewer_id !== actor.id) {
    throw new AppError(
      'forbidden',
      `This scorecard is ${card.reviewer_name ? `${card.reviewer_name}’s` : 'someone else’s'}; only its reviewer can change it.`,
    );
  }
}

/**
 * An attempt is removed (or restored) by its owner, or by a coach or admin
 * tidying the team's drills; nobody else.
 */
export function requireCanRemoveAttempt(actor: Pick<Person, 'id' | 'role'>, ownerId: Id | null): void {
  if (ownerId === actor.id || isCoach(actor)) return;
  throw new AppError('forbidden', 'Only the person who recorded this attempt (or a coach) can remove it.');
}

/**
 * What `actor` may do with a comment by `authorId` — the same decisions as
 * `requireAuthor` and `requireCanRemoveComment`, answered ahead so a page
 * shows only the controls that will work. Nobody acting may do nothing.
 */
export function commentPermissions(
  actor: Pick<Person, 'id' | 'role'> | null,
  authorId: Id,
): { edit: boolean; remove: boolean } {
  if (!actor) return { edit: false, remove: false };
  return { edit: authorId === actor.id, remove: authorId === actor.id || isCoach(actor) };
}

/**
 * A practice plan is its rep's own work in progress: they and a coach or
 * admin (who plans practice with them) open it; another rep does not.
 */
export function requireCanOpenPlan(actor: Pick<Person, 'id' | 'role'>, personId: Id): void {
  if (actor.id === personId || isCoach(actor)) return;
  throw new AppError('forbidden', 'A practice plan is its rep’s own: only they and a coach can open it.');
}

/** Annotations and replies are edited by their author only: words are never put in someone's mouth. */
export function requireAuthor(actor: Pick<Person, 'id'>, authorId: Id, what = 'comment'): void {
  if (authorId !== actor.id) throw new AppError('forbidden', `Only the author of this ${what} can change it.`);
}

/**
 * An annotation or reply is removed (or restored) by its author, or by a
 * coach or admin tidying the team's calls (an off-topic or hurtful comment
 * should not wait for its author); the trash keeps it restorable.
 */
export function requireCanRemoveComment(actor: Pick<Person, 'id' | 'role'>, authorId: Id, what = 'comment'): void {
  if (authorId === actor.id || isCoach(actor)) return;
  throw new AppError('forbidden', `Only the author of this ${what} (or a coach) can remove it.`);
}

/**
 * An action item on a scorecard is ticked off by the person it is about
 * (the scorecard's reviewee: the call's rep or the attempt's owner), its
 * owner, or the reviewer who wrote it. One captured in a review session
 * (no scorecard) by its owner, or a coach, facilitator or admin.
 */
export function requireCanTick(
  actor: Pick<Person, 'id' | 'role'>,
  item: { owner_id: Id | null; reviewer_id: Id | null; reviewee_id: Id | null; in_session: boolean },
): void {
  if (actor.id === item.owner_id || actor.id === item.reviewer_id || actor.id === item.reviewee_id) return;
  if (item.in_session && actor.role !== 'rep') return;
  throw new AppError(
    'forbidden',
    item.in_session
      ? 'Only the action item’s owner (or a coach or facilitator) can tick it off.'
      : 'Only the person reviewed, the action item’s owner or the reviewer who wrote it can tick it off.',
  );
}

/**
 * The leaderboards and the team goal are the team's choice, made by a coach
 * or admin: switching rankings on (or off) and setting the shared target.
 */
export function requireCanManageBoards(actor: Pick<Person, 'role'>, what: string): void {
  if (isCoach(actor)) return;
  throw new AppError('forbidden', `Only a coach or admin can ${what}.`);
}

/**
 * A rep sets their own goals; a coach or admin anyone's, and the team's (`personId` null) — also for a goal that
 * arrives from a teammate's device.
 */
export const canSetGoal = (actor: Pick<Person, 'id' | 'role'>, personId: Id | null): boolean =>
  actor.id === personId || isCoach(actor);

export function requireCanSetGoal(actor: Pick<Person, 'id' | 'role'>, person: { id: Id; name: string }): void {
  if (canSetGoal(actor, person.id)) return;
  throw new AppError('forbidden', `Only ${person.name} or a coach can set ${person.name}’s goals.`);
}

/** A review session that arrived from a teammate's device is changed there, by whoever ran it, never here. */
export function requireSessionRunHere(sender: { name: string } | null): void {
  if (!sender) return;
  throw new AppError(
    'forbidden',
    `This session was run on ${sender.name}’s device and arrived through the team folder: it can only be changed there.`,
  );
}
