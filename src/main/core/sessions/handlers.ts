import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Handlers } from '../../../shared/contract';
import type { Id, Kudos } from '../../../shared/domain';
import type { EventMap } from '../../../shared/events';
import { AppError } from '../../../shared/result';
import type { CoreContext } from '../context';
import { readPeaks } from '../media';
import * as agenda from './agenda';
import { addFeedback, addSessionActionItem, removeFeedback, setSessionScore } from './capture';
import { summaryHtml } from './export-html';
import * as kudos from '../recognition/kudos';
import * as live from './live';
import { getSession, itemRows, listSessions, requireItem, requireSession } from './repository';
import { rotateRoles } from './rotation';
import { personSessions, sessionSummary } from './summary';
import { peaksForPage } from '../media/repository';
import { sessionTemplates } from './templates';
import { requireOwnSession } from './team-folder';
import { get, sql } from '../db/sql';

export interface SessionsOptions {
  mediaDir: string;
  /**
   * The shell's way to show a presenter window (Electron: a second window on
   * the second display). Absent in browser mode, where the page opens a tab.
   */
  openPresenter?: ((sessionId: Id) => void) | undefined;
}

type Reason = EventMap['sessions.changed']['reason'];

export const sessionsHandlers = ({ db, emit }: CoreContext, options: SessionsOptions): Handlers['sessions'] => {
  /** Every change answers with the whole session and tells every window, so the presenter view follows. */
  const changed = (sessionId: Id, reason: Reason) => {
    emit('sessions.changed', { sessionId, reason });
    return getSession(db, sessionId);
  };
  /** A session that came from a teammate is changed on the device that ran it. */
  const own = (sessionId: Id) => requireOwnSession(db, sessionId);
  const ownItem = (itemId: Id) => own(requireItem(db, itemId).session_id);
  return {
    list: () => listSessions(db),
    templates: () => sessionTemplates(),
    get: ({ id }) => getSession(db, id),
    create: (input) => changed(agenda.createSession(db, input), 'details'),
    update: (input) => {
      own(input.id);
      agenda.updateSession(db, input);
      return changed(input.id, 'details');
    },
    setAttendance: (input) => {
      own(input.sessionId);
      agenda.setAttendance(db, input);
      return changed(input.sessionId, 'details');
    },
    remove: ({ id }) => {
      own(id);
      agenda.removeSession(db, id);
      emit('sessions.changed', { sessionId: id, reason: 'removed' });
    },
    restore: ({ id }) => {
      own(id);
      agenda.restoreSession(db, id);
      return changed(id, 'details');
    },

    addItem: (input) => {
      own(input.sessionId);
      agenda.addItem(db, input);
      return changed(input.sessionId, 'agenda');
    },
    updateItem: (input) => {
      ownItem(input.id);
      return changed(agenda.updateItem(db, input), 'agenda');
    },
    removeItem: ({ id }) => {
      ownItem(id);
      return changed(agenda.removeItem(db, id), 'agenda');
    },
    moveItem: ({ id, position }) => {
      ownItem(id);
      return changed(agenda.moveItem(db, id, position), 'agenda');
    },
    setDealNote: (input) => {
      ownItem(input.itemId);
      return changed(agenda.setDealNote(db, input), 'capture');
    },
    rotateRoles: ({ sessionId }) => {
      own(sessionId);
      rotateRoles(db, sessionId);
      return changed(sessionId, 'agenda');
    },

    start: ({ id }) => {
      own(id);
      live.startSession(db, id);
      return changed(id, 'status');
    },
    goTo: ({ sessionId, to }) => {
      own(sessionId);
      live.goTo(db, sessionId, to);
      return changed(sessionId, 'live');
    },
    setTimer: ({ sessionId, running }) => {
      own(sessionId);
      live.setTimer(db, sessionId, running);
      return changed(sessionId, 'live');
    },
    setPlayback: (input) => {
      own(input.sessionId);
      live.setPlayback(db, input);
      return changed(input.sessionId, 'live');
    },
    finish: ({ id }) => {
      own(id);
      live.finishSession(db, id);
      return changed(id, 'status');
    },

    addFeedback: (input) => {
      own(input.sessionId);
      const feedback = addFeedback(db, input);
      changed(input.sessionId, 'capture');
      return feedback;
    },
    removeFeedback: ({ id }) => {
      const of = get<{ session_id: Id }>(db, sql`SELECT session_id FROM session_feedback WHERE id = ${id}`);
      if (of) own(of.session_id);
      const feedback = removeFeedback(db, id);
      changed(feedback.sessionId, 'capture');
    },
    addActionItem: (input) => {
      own(input.sessionId);
      const item = addSessionActionItem(db, input);
      emit('actionItems.changed', { ids: [item.id] });
      changed(input.sessionId, 'capture');
      return item;
    },
    setScore: (input) => {
      ownItem(input.itemId);
      return changed(setSessionScore(db, input), 'capture');
    },

    peaks: async ({ itemId, maxBuckets }) => {
      const { session_id } = requireItem(db, itemId);
      const item = itemRows(db, session_id).find((i) => i.id === itemId);
      if (!item?.sha256) throw new AppError('invalid_input', 'This item has no recording.');
      const file = join(options.mediaDir, `${item.sha256}.peaks`);
      if (!existsSync(file)) throw new AppError('not_found', 'The waveform for this recording is missing.');
      const window = await readPeaks(file, {
        maxBuckets,
        ...(item.kind === 'clip' && item.start_sec !== null && item.end_sec !== null
          ? { start: item.start_sec, end: item.end_sec }
          : {}),
      });
      return peaksForPage(window);
    },
    openPresenter: ({ sessionId }) => {
      requireSession(db, sessionId);
      if (!options.openPresenter) return { opened: false };
      options.openPresenter(sessionId);
      return { opened: true };
    },
    summary: ({ id }) => sessionSummary(db, id),
    exportHtml: ({ id }) => summaryHtml(sessionSummary(db, id)),
    forPerson: ({ personId }) => personSessions(db, personId),
  };
};

export const kudosHandlers = ({ db, emit }: CoreContext): Handlers['kudos'] => {
  const announce = (k: Kudos) => {
    emit('kudos.changed', {
      ids: [k.id],
      recipientIds: [k.recipientId],
      callIds: k.callId ? [k.callId] : [],
      sessionIds: k.sessionId ? [k.sessionId] : [],
    });
    if (k.sessionId) emit('sessions.changed', { sessionId: k.sessionId, reason: 'capture' });
    return k;
  };
  return {
    badges: () => kudos.listBadges(db),
    addBadge: (input) => {
      const badge = kudos.addBadge(db, input);
      emit('kudosBadges.changed', { ids: [badge.id] });
      return badge;
    },
    updateBadge: (input) => {
      const badge = kudos.updateBadge(db, input);
      emit('kudosBadges.changed', { ids: [badge.id] });
      return badge;
    },
    removeBadge: ({ id }) => {
      kudos.removeBadge(db, id);
      emit('kudosBadges.changed', { ids: [id] });
    },
    give: (input) => announce(kudos.giveKudos(db, input)),
    remove: ({ id }) => {
      announce(kudos.removeKudos(db, id));
    },
    list: (filter) => kudos.listKudos(db, filter),
  };
};
