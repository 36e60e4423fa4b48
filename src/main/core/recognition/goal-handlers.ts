import type { Handlers } from '../../../shared/contract';
import type { CoreContext } from '../context';
import { actorOf } from '../policy/actor';
import { createGoal, nextBestAction, personGoals, proposeGoal, removeGoal } from './goals';

const today = () => new Date().toISOString().slice(0, 10);

export const goalsHandlers = ({ db, emit }: CoreContext): Handlers['goals'] => ({
  forPerson: ({ personId }, ctx) => personGoals(db, actorOf(ctx).id, personId, today()),
  propose: ({ personId, metric, criterionKey }, ctx) =>
    proposeGoal(db, actorOf(ctx).id, personId, metric, criterionKey ?? null, today()),
  create: (input, ctx) => {
    const goal = createGoal(db, actorOf(ctx), input, today());
    emit('goals.changed', { ids: [goal.id], personIds: [goal.personId] });
    return goal;
  },
  remove: ({ id }, ctx) => {
    const { personId } = removeGoal(db, actorOf(ctx), id);
    emit('goals.changed', { ids: [id], personIds: [personId] });
  },
  nextBestAction: ({ personId }, ctx) => nextBestAction(db, actorOf(ctx).id, personId, today()),
});
