import type { Handlers } from '../../../../shared/contract';
import type { Id, Person, Scorecard } from '../../../../shared/domain';
import type { CoreContext } from '../../context';
import { actorOf } from '../../policy/actor';
import { requireCanTick, requireReviewer } from '../../policy/ownership';
import * as actionItems from './action-items';
import { calibrate, getScorecardFor, scorecardsForCall } from './calibration';
import { getHeader, revieweeOf } from './header';
import { repPage } from './rep-page';
import { pendingCard } from './pending';
import * as scorecards from './repository';

export const scorecardsHandlers = ({ db, emit }: CoreContext): Handlers['scorecards'] => {
  const changed = (callId: Id | null, ids: Id[]) => emit('scorecards.changed', { callId, scorecardIds: ids });
  const announce = (s: Scorecard) => {
    changed(s.callId, [s.id]);
    return s;
  };
  /** A scorecard is changed only by its reviewer (submitted ones only after their explicit reopen). */
  const own = (id: Id, actor: Person, opts: { includeDeleted?: boolean } = {}) =>
    requireReviewer(actor, pendingCard(db, id) ?? getHeader(db, id, opts));
  /** The first write to a blank card stores it: tell the pages a scorecard now exists. */
  const storing = <T>(id: Id, write: () => T): T => {
    const wasBlank = pendingCard(db, id) !== null;
    const result = write();
    if (wasBlank && !pendingCard(db, id)) {
      const header = getHeader(db, id);
      changed(header.call_id, [id]);
    }
    return result;
  };
  /** The scorecard an action item hangs on, if any: its reviewer writes the item. */
  const itemCard = (itemId: Id) => {
    const item = actionItems.getActionItem(db, itemId);
    return { item, header: item.scorecardId ? getHeader(db, item.scorecardId, { includeDeleted: true }) : null };
  };
  return {
    forCall: ({ callId }, ctx) => scorecardsForCall(db, callId, actorOf(ctx).id),
    get: ({ id }, ctx) => {
      const blank = pendingCard(db, id);
      if (blank) {
        requireReviewer(actorOf(ctx), blank);
        return scorecards.getOwnScorecard(db, id);
      }
      return getScorecardFor(db, id, actorOf(ctx).id);
    },
    // Opening writes nothing: a blank card until its first score (see pending.ts).
    start: (input, ctx) => scorecards.startScorecard(db, { ...input, reviewerId: actorOf(ctx).id }),
    setScore: (input, ctx) => {
      own(input.id, actorOf(ctx));
      return announce(scorecards.setScore(db, input));
    },
    update: (input, ctx) => {
      own(input.id, actorOf(ctx));
      return announce(scorecards.updateScorecard(db, input));
    },
    submit: ({ id }, ctx) => {
      own(id, actorOf(ctx));
      return announce(scorecards.submitScorecard(db, id));
    },
    reopen: ({ id }, ctx) => {
      own(id, actorOf(ctx));
      return announce(scorecards.reopenScorecard(db, id));
    },
    remove: ({ id }, ctx) => {
      own(id, actorOf(ctx));
      const header = scorecards.removeScorecard(db, id);
      changed(header.call_id, [id]);
    },
    restore: ({ id }, ctx) => {
      own(id, actorOf(ctx), { includeDeleted: true });
      return announce(scorecards.restoreScorecard(db, id));
    },

    addActionItem: (input, ctx) => {
      own(input.scorecardId, actorOf(ctx));
      const item = storing(input.scorecardId, () => actionItems.addActionItem(db, input));
      emit('actionItems.changed', { ids: [item.id] });
      return item;
    },
    updateActionItem: (input, ctx) => {
      const { header } = itemCard(input.id);
      if (header) requireReviewer(actorOf(ctx), header);
      const item = actionItems.updateActionItem(db, input);
      emit('actionItems.changed', { ids: [item.id] });
      return item;
    },
    // Ticking off is follow-up, not an edit of the review (allowed on a submitted card), by the person it
    // is about, its owner or its reviewer.
    setActionItemDone: (input, ctx) => {
      const { item, header } = itemCard(input.id);
      requireCanTick(actorOf(ctx), {
        owner_id: item.ownerId,
        reviewer_id: header?.reviewer_id ?? null,
        reviewee_id: header ? revieweeOf(db, header) : null,
        in_session: header === null,
      });
      const done = actionItems.setActionItemDone(db, input);
      emit('actionItems.changed', { ids: [done.id] });
      return done;
    },
    removeActionItem: ({ id }, ctx) => {
      const { header } = itemCard(id);
      if (header) requireReviewer(actorOf(ctx), header);
      actionItems.removeActionItem(db, id);
      emit('actionItems.changed', { ids: [id] });
    },

    calibrate: (input, ctx) => {
      const result = calibrate(db, { ...input, authorId: actorOf(ctx).id });
      changed(input.callId, []);
      return result;
    },
    // Any person's page, as the actor may see it (the blind rule).
    forRep: ({ personId }, ctx) => repPage(db, personId, actorOf(ctx).id),
  };
};
