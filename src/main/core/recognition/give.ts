import type { Database } from 'better-sqlite3';
import type { KudosOn } from '../../../shared/contract/recognition';
import type { Id, Kudos, Person } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { requireLiveCall } from '../coaching/guards';
import { get, sql } from '../db/sql';
import { canSeeScorecard } from '../policy/scoring';
import type { GiveKudosInput } from './kudos';
import { giveKudos } from './kudos';

/**
 * Kudos given by the acting person, from wherever they are: the thing it is
 * given from decides which moment (call, time) it points at, so a kudos on
 * an annotation plays from the annotation's start.
 */
export function giveKudosAs(
  db: Database,
  actor: Person,
  input: { recipientId: Id; badgeId?: Id | null | undefined; message: string; on?: KudosOn | null | undefined },
): Kudos {
  const base: GiveKudosInput = {
    giverId: actor.id,
    recipientId: input.recipientId,
    badgeId: input.badgeId ?? null,
    reason: input.message,
  };
  return giveKudos(db, { ...base, ...subjectOf(db, actor, input.on ?? null) });
}

function subjectOf(db: Database, actor: Person, on: KudosOn | null): Partial<GiveKudosInput> {
  if (!on) return {};
  switch (on.kind) {
    case 'call':
      return { callId: on.callId, atSec: on.atSec };
    case 'attempt':
      return { attemptId: on.attemptId, atSec: on.atSec };
    case 'annotation': {
      const a = get<{ call_id: Id; start_sec: number; deleted_at: string | null }>(
        db,
        sql`SELECT call_id, start_sec, deleted_at FROM annotations WHERE id = ${on.annotationId}`,
      );
      if (!a || a.deleted_at) throw new AppError('not_found', 'That comment no longer exists.');
      requireLiveCall(db, a.call_id);
      return { annotationId: on.annotationId, callId: a.call_id, atSec: a.start_sec };
    }
    case 'scorecard': {
      const s = get<{
        reviewer_id: Id;
        status: 'draft' | 'submitted';
        call_id: Id | null;
        attempt_id: Id | null;
        deleted_at: string | null;
      }>(
        db,
        sql`SELECT reviewer_id, status, call_id, attempt_id, deleted_at FROM scorecards WHERE id = ${on.scorecardId}`,
      );
      // A scorecard the giver may not see (someone's draft, or blind) is as good as absent.
      if (!s || s.deleted_at || !canSeeScorecard(db, actor.id, s)) {
        throw new AppError('not_found', 'That scorecard is not one you can see.');
      }
      if (s.call_id) requireLiveCall(db, s.call_id);
      return {
        scorecardId: on.scorecardId,
        callId: s.call_id,
        attemptId: s.attempt_id,
        atSec: s.call_id || s.attempt_id ? 0 : null,
      };
    }
    case 'sessionItem': {
      const item = get<{ session_id: Id; deleted_at: string | null }>(
        db,
        sql`SELECT session_id, deleted_at FROM session_items WHERE id = ${on.itemId}`,
      );
      if (!item || item.deleted_at) throw new AppError('not_found', 'That agenda item no longer exists.');
      return { sessionId: item.session_id, itemId: on.itemId };
    }
  }
}
