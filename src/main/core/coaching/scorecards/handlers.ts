import type { Handlers } from '../../../../shared/contract';
import type { Id, Scorecard } from '../../../../shared/domain';
import type { CoreContext } from '../../context';
import * as actionItems from './action-items';
import { calibrate, getScorecardFor, scorecardsForCall } from './calibration';
import { repPage } from './rep-page';
import * as scorecards from './repository';

export const scorecardsHandlers = ({ db, emit }: CoreContext): Handlers['scorecards'] => {
  const changed = (callId: Id | null, ids: Id[]) => emit('scorecards.changed', { callId, scorecardIds: ids });
  const announce = (s: Scorecard) => {
    changed(s.callId, [s.id]);
    return s;
  };
  return {
    forCall: ({ callId, viewerId }) => scorecardsForCall(db, callId, viewerId),
    get: ({ id, viewerId }) => getScorecardFor(db, id, viewerId),
    start: (input) => {
      const { scorecard, created } = scorecards.startScorecard(db, input);
      if (created) changed(scorecard.callId, [scorecard.id]);
      return scorecard;
    },
    setScore: (input) => announce(scorecards.setScore(db, input)),
    update: (input) => announce(scorecards.updateScorecard(db, input)),
    submit: ({ id }) => announce(scorecards.submitScorecard(db, id)),
    reopen: ({ id }) => announce(scorecards.reopenScorecard(db, id)),
    remove: ({ id }) => {
      const header = scorecards.removeScorecard(db, id);
      changed(header.call_id, [id]);
    },
    restore: ({ id }) => announce(scorecards.restoreScorecard(db, id)),

    addActionItem: (input) => {
      const item = actionItems.addActionItem(db, input);
      emit('actionItems.changed', { ids: [item.id] });
      return item;
    },
    updateActionItem: (input) => {
      const item = actionItems.updateActionItem(db, input);
      emit('actionItems.changed', { ids: [item.id] });
      return item;
    },
    setActionItemDone: (input) => {
      const item = actionItems.setActionItemDone(db, input);
      emit('actionItems.changed', { ids: [item.id] });
      return item;
    },
    removeActionItem: ({ id }) => {
      actionItems.removeActionItem(db, id);
      emit('actionItems.changed', { ids: [id] });
    },

    calibrate: (input) => {
      const result = calibrate(db, input);
      changed(input.callId, []);
      return result;
    },
    forRep: ({ personId }) => repPage(db, personId),
  };
};
