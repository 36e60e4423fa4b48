import type { Handlers } from '../../../shared/contract';
import type { DrillSummary, Id } from '../../../shared/domain';
import { actorOf } from '../policy/actor';
import type { CoreContext } from '../context';
import * as attempts from './attempts';
import { practicePlan } from './plan';
import { requireCanOpenPlan } from '../policy/ownership';
import * as drills from './repository';
import type { DrillsService } from './service';

export const drillsHandlers = (ctx: CoreContext, service: DrillsService): Handlers['drills'] => {
  const { db, emit } = ctx;
  const changed = (ids: string[]) => emit('drills.changed', { ids });

  // Practice counts and bests are the acting person's own.
  const summaries = (filter: drills.DrillFilter, personId: Id | null): DrillSummary[] => {
    const practice = attempts.practiceSummary(db, personId);
    return drills.listDrills(db, filter).map((d) => ({
      ...d,
      ...(practice.get(d.id) ?? { attemptCount: 0, bestScore: null, lastAttemptAt: null }),
    }));
  };

  return {
    list: (input, ctx) =>
      summaries(
        { search: input?.search, tag: input?.tag, skill: input?.skill, trash: input?.trash ?? false },
        ctx.actor?.id ?? null,
      ),
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
    attempt: ({ id }, ctx) => attempts.getAttempt(db, id, actorOf(ctx).id, { includeTrash: true }),
    // Without a person, the history is the actor's own: a best is personal. Before anyone is "me"
    // there is nobody's history to show (a drill can still be read and run).
    history: ({ drillId, personId }, ctx) =>
      ctx.actor
        ? attempts.drillHistory(db, drillId, personId ?? ctx.actor.id, ctx.actor.id)
        : attempts.emptyHistory(db, drillId),
    removeAttempt: ({ id }, ctx) => {
      const attempt = attempts.removeAttempt(db, id, actorOf(ctx));
      emit('attempts.changed', { drillId: attempt.drillId, ids: [id] });
    },
    restoreAttempt: ({ id }, ctx) => {
      const attempt = attempts.restoreAttempt(db, id, actorOf(ctx));
      emit('attempts.changed', { drillId: attempt.drillId, ids: [id] });
      return attempt;
    },
    // Opening writes nothing: a blank card until its first score (see coaching/scorecards/pending.ts).
    scoreAttempt: ({ attemptId }, ctx) =>
      attempts.startAttemptScorecard(db, { attemptId, reviewerId: actorOf(ctx).id }),
    attemptScorecards: ({ attemptId }, ctx) => {
      attempts.getAttempt(db, attemptId, null, { includeTrash: true });
      return attempts.attemptScorecards(db, attemptId, actorOf(ctx).id);
    },
    // A coach may open a rep's plan; the scores in it are the ones the viewer may see.
    plan: ({ personId }, ctx) => {
      const actor = actorOf(ctx);
      requireCanOpenPlan(actor, personId);
      return practicePlan(db, personId, actor.id, summaries({ trash: false }, personId));
    },
  };
};
