import type { Handlers } from '../../../shared/contract';
import type { Kudos } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import type { CoreContext } from '../context';
import { actorOf } from '../policy/actor';
import { boards, removeTeamGoal, setTeamGoal } from './boards';
import { giveKudosAs } from './give';
import { recognitionInsights } from './insights';
import { getKudos, removeKudos } from './kudos';
import { markRead, notificationsFor, personRecognition, wall } from './wall';

const today = () => new Date().toISOString().slice(0, 10);

export const recognitionHandlers = ({ db, emit }: CoreContext): Handlers['recognition'] => {
  const announce = (k: Kudos) => {
    emit('kudos.changed', {
      ids: [k.id],
      recipientIds: [k.recipientId],
      callIds: k.callId ? [k.callId] : [],
      sessionIds: k.sessionId ? [k.sessionId] : [],
    });
    emit('notifications.changed', { personIds: [k.recipientId] });
    return k;
  };
  return {
    give: (input, ctx) => announce(giveKudosAs(db, actorOf(ctx), input)),
    remove: ({ id }, ctx) => {
      const actor = actorOf(ctx);
      if (getKudos(db, id).giverId !== actor.id) {
        throw new AppError('forbidden', 'Only the person who gave these kudos can take them back.');
      }
      announce(removeKudos(db, id));
    },
    wall: (filter) => wall(db, filter),
    forPerson: ({ personId }) => personRecognition(db, personId),
    notifications: (_input, ctx) => notificationsFor(db, actorOf(ctx).id),
    markRead: ({ ids }, ctx) => {
      const me = actorOf(ctx).id;
      markRead(db, me, ids);
      emit('notifications.changed', { personIds: [me] });
      return notificationsFor(db, me);
    },
    boards: (period, ctx) => boards(db, actorOf(ctx), period ?? {}, today()),
    setTeamGoal: (input, ctx) => {
      const goal = setTeamGoal(db, actorOf(ctx), input, today());
      emit('goals.changed', { ids: [goal.id], personIds: [null] });
      return goal;
    },
    removeTeamGoal: ({ id }, ctx) => {
      removeTeamGoal(db, actorOf(ctx), id);
      emit('goals.changed', { ids: [id], personIds: [null] });
    },
    insights: (period, ctx) => recognitionInsights(db, actorOf(ctx), period),
  };
};
