import type { Id } from '../../../shared/domain';
import type { Query } from '../db/sql';
import { sql } from '../db/sql';

/**
 * Insights' "team" filter: true when no team is chosen, or when the person in
 * `personColumn` (a call's rep, an attempt's owner, a reviewer) is in it.
 * Membership is read now, not when the call was made: moving a rep moves
 * their history with them.
 */
export const inTeam = (personColumn: Query, teamId: Id | null | undefined): Query =>
  sql`(${teamId ?? null} IS NULL OR ${personColumn} IN (SELECT id FROM people WHERE team_id = ${teamId ?? null}))`;
