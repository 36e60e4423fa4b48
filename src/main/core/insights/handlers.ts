import type { Handlers } from '../../../shared/contract';
import type { CoreContext } from '../context';
import { actorOf } from '../policy';
import { coachingActivity } from './coaching';
import { repInsights } from './rep';
import { backlog, callInsights, trackerTrends } from './service';
import { skillEvidence, skillHeatmap, skillProgress } from './skills';
import { createTracker, removeTracker, updateTracker } from './trackers';
import * as trackers from './trackers';

/** `kick` starts the background refresh of figures after a tracker changed. */
export const insightsHandlers = ({ db }: CoreContext): Handlers['insights'] => ({
  forCall: ({ callId }) => callInsights(db, callId),
  forRep: ({ personId }) => repInsights(db, personId),
  trackerTrends: (filter) => trackerTrends(db, filter),
  backlog: () => backlog(db),
  skillHeatmap: (filter, ctx) => skillHeatmap(db, actorOf(ctx).id, filter),
  skillProgress: ({ repId, ...period }, ctx) => skillProgress(db, actorOf(ctx).id, repId, period),
  skillEvidence: ({ repId, criterionKey, ...filter }, ctx) =>
    skillEvidence(db, actorOf(ctx).id, repId, criterionKey, filter),
  coachingActivity: (period, ctx) =>
    coachingActivity(db, actorOf(ctx).id, { ...period, today: new Date().toISOString().slice(0, 10) }),
});

export const trackersHandlers = ({ db, emit }: CoreContext, kick: () => void): Handlers['trackers'] => ({
  list: () => trackers.listTrackers(db),
  create: (input) => {
    const tracker = createTracker(db, input);
    emit('trackers.changed', { ids: [tracker.id] });
    kick();
    return tracker;
  },
  update: ({ id, ...input }) => {
    const tracker = updateTracker(db, id, input);
    emit('trackers.changed', { ids: [id] });
    kick();
    return tracker;
  },
  remove: ({ id }) => {
    removeTracker(db, id);
    emit('trackers.changed', { ids: [id] });
  },
});
