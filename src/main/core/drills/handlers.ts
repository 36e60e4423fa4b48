import type { Handlers } from '../../../shared/contract';
import type { DrillSummary } from '../../../shared/domain';
import type { CoreContext } from '../context';
import * as attempts from './attempts';
import { practicePlan } from './plan';
import * as drills from './repository';
import type { DrillsService } from './service';

export const drillsHandlers = (ctx: CoreContext, service: DrillsService): Handlers['drills'] => {
  const { db, emit } = ctx;
  const changed = (ids: string[]) => emit('drills.changed', { ids });

  const summaries = (filter: drills.DrillFilter): DrillSummary[] => {
    const practice = attempts.practiceSummary(db);
    return drills.listDrills(db, filter).map((d) => ({
      ...d,
      ...(practice.get(d.id) ?? { attemptCount: 0, bestScore: null, lastAttemptAt: null }),
    }));
  };

  return {
    list: (input) =>
      summaries({ search: input?.search, tag: input?.tag, skill: input?.skill, trash: input?.trash ?? false }),
    get: ({ id }) => drills.getDrill(db, id, { includeTrash: true }),
    create: (input) => {
      const drill = drills.createDrill(db, input);
      changed([drill.id]);
      return drill;
    },
    update: (input) => {
      const drill = drills.updateDrill(db, input);
      changed([drill.id]);
      return drill;
    },
    remove: ({ id }) => {
      drills.removeDrill(db, id);
      changed([id]);
    },
    restore: ({ id }) => {
      const drill = drills.restoreDrill(db, id);
      changed([id]);
      return drill;
    },
    tags: () => drills.listDrillTags(db),
    fromCall: (input) => {
      const drill = service.drillFromCall(input);
      changed([drill.id]);
      return drill;
    },

    recordAttempt: ({ drillId, bytes, mimeType }) => service.saveAttemptBytes(drillId, bytes, mimeType),
    attempt: ({ id }) => attempts.getAttempt(db, id, { includeTrash: true }),
    history: ({ drillId, personId }) => attempts.drillHistory(db, drillId, personId),
    removeAttempt: ({ id }) => {
      const attempt = attempts.removeAttempt(db, id);
      emit('attempts.changed', { drillId: attempt.drillId, ids: [id] });
    },
    restoreAttempt: ({ id }) => {
      const attempt = attempts.restoreAttempt(db, id);
      emit('attempts.changed', { drillId: attempt.drillId, ids: [id] });
      return attempt;
    },
    scoreAttempt: (input) => {
      const { scorecard, created } = attempts.startAttemptScorecard(db, input);
      if (created) emit('scorecards.changed', { callId: null, scorecardIds: [scorecard.id] });
      return scorecard;
    },
    attemptScorecards: ({ attemptId }) => {
      attempts.getAttempt(db, attemptId, { includeTrash: true });
      return attempts.attemptScorecards(db, attemptId);
    },
    plan: ({ personId }) => practicePlan(db, personId, summaries({ trash: false })),
  };
};
