import { z } from 'zod';
import type { ActionItem, CallScorecards, RepPage, Scorecard } from '../domain';
import { Id, IsoDate, SCORE_MAX, SCORE_MIN } from '../domain';
import { method } from './define';

const scaleMessage = `Scores run from ${SCORE_MIN} to ${SCORE_MAX}`;
export const Score = z
  .number()
  .int(`Scores are whole numbers from ${SCORE_MIN} to ${SCORE_MAX}`)
  .min(SCORE_MIN, scaleMessage)
  .max(SCORE_MAX, scaleMessage);
const Comment = z.string().max(20_000, 'Keep a comment under 20,000 characters');
const EvidenceInput = z.union([
  z.object({ annotationId: Id }).strict(),
  z.object({ atSec: z.number().finite().min(0, 'A time in the call cannot be negative') }).strict(),
]);
const ActionText = z
  .string()
  .trim()
  .min(1, 'An action item needs some text')
  .max(2_000, 'Keep an action item under 2,000 characters');

export const scorecardsContract = {
  /**
   * Blind by design: other reviewers' scores are in `groups[].reveal` only
   * once the acting person has submitted their own scorecard for that rubric
   * version; before that, only who is scoring and who has submitted.
   */
  forCall: method<CallScorecards>()(z.object({ callId: Id }).strict()),
  /** The actor's own scorecard, or another's once the actor has submitted on the same call and version. */
  get: method<Scorecard>()(z.object({ id: Id }).strict()),
  /**
   * Opens the acting person's scorecard for the call, making it if needed.
   * With `rubricId`, the version already being scored on this call is used
   * (so reviewers compare like with like), else the latest. The reviewer
   * kind is derived: self for the call's rep, coach for coaches and admins,
   * peer otherwise.
   */
  start: method<Scorecard>()(
    z
      .object({
        callId: Id,
        rubricId: Id.optional(),
        rubricVersionId: Id.optional(),
      })
      .strict()
      .refine(
        (s) => (s.rubricId === undefined) !== (s.rubricVersionId === undefined),
        'Choose a rubric to score against',
      ),
  ),
  /** Autosave of one criterion: any of score (null clears it), comment, evidence (replaces the list). */
  setScore: method<Scorecard>()(
    z
      .object({
        id: Id,
        criterionId: Id,
        score: Score.nullable().optional(),
        comment: Comment.optional(),
        evidence: z.array(EvidenceInput).max(50, 'Link at most 50 moments per criterion').optional(),
      })
      .strict(),
  ),
  update: method<Scorecard>()(z.object({ id: Id, strengths: Comment.optional() }).strict()),
  /** Locks the scorecard; needs at least one criterion scored. */
  submit: method<Scorecard>()(z.object({ id: Id }).strict()),
  /** Unlocks a submitted scorecard for editing (explicit, never implied by an edit). */
  reopen: method<Scorecard>()(z.object({ id: Id }).strict()),
  remove: method<void>()(z.object({ id: Id }).strict()),
  restore: method<Scorecard>()(z.object({ id: Id }).strict()),

  addActionItem: method<ActionItem>()(
    z.object({ scorecardId: Id, text: ActionText, ownerId: Id.nullish(), dueDate: IsoDate.nullish() }).strict(),
  ),
  updateActionItem: method<ActionItem>()(
    z
      .object({
        id: Id,
        text: ActionText.optional(),
        ownerId: Id.nullable().optional(),
        dueDate: IsoDate.nullable().optional(),
      })
      .strict(),
  ),
  /** Allowed on a submitted scorecard too: following up is what the lock is for. */
  setActionItemDone: method<ActionItem>()(z.object({ id: Id, done: z.boolean() }).strict()),
  removeActionItem: method<void>()(z.object({ id: Id }).strict()),

  /**
   * After the reveal: the agreed score for a criterion on this call and the
   * note on how its anchor should be read. Only a reviewer who has submitted
   * (and so has seen the reveal) may record it.
   */
  calibrate: method<CallScorecards>()(
    z
      .object({
        callId: Id,
        criterionId: Id,
        agreedScore: Score.nullable().optional(),
        note: Comment.optional(),
      })
      .strict(),
  ),

  /** The rep page: calls, scorecards about them, open action items, score per criterion over time. */
  forRep: method<RepPage>()(z.object({ personId: Id }).strict()),
};
