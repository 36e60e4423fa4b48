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

/** Action items on a scorecard are followed up by their owner or the scorecard's reviewer. */
export function requireCanFollowUp(
  actor: Pick<Person, 'id'>,
  item: { owner_id: Id | null; reviewer_id: Id | null },
): void {
  if (actor.id === item.owner_id || actor.id === item.reviewer_id) return;
  throw new AppError('forbidden', 'Only the action item’s owner or the reviewer who wrote it can change it.');
}

/** Annotations and replies are edited and removed by their author. */
export function requireAuthor(actor: Pick<Person, 'id'>, authorId: Id, what = 'comment'): void {
  if (authorId !== actor.id) throw new AppError('forbidden', `Only the author of this ${what} can change it.`);
}
