/**
 * The policy: who may see and change what, in one place. The dispatcher
 * applies the rule table and the actor; repositories apply the blind rule
 * (`scorecardVisibleTo`) and the ownership checks.
 */
export { actorOf, readActor, requestContextFor, NO_ACTOR_MESSAGE } from './actor';
export {
  canSetGoal,
  commentPermissions,
  requireAuthor,
  requireCanManageBoards,
  requireCanOpenPlan,
  requireCanRemoveAttempt,
  requireCanRemoveComment,
  requireCanSetGoal,
  requireCanTick,
  requireReviewer,
  requireSessionRunHere,
} from './ownership';
export type { Rule, RuleTable } from './rules';
export { needsActor, ruleOf, RULES } from './rules';
export { canSeeScorecard, hasSubmittedOn, reviewerKindOf, scorecardVisibleTo, sessionScoreVisibleTo } from './scoring';
