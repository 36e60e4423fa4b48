import { z } from 'zod';
import type { Attempt, Drill, DrillHistory, DrillSummary, PracticePlan, Scorecard } from '../domain';
import {
  ATTEMPT_MAX_BYTES,
  BuyerMood,
  DRILL_TIME_LIMIT_MAX_SEC,
  DRILL_TIME_LIMIT_MIN_SEC,
  DrillSkill,
  Id,
  MediaSha256,
} from '../domain';
import { method, NoInput } from './define';

const Tag = z.string().trim().min(1).max(40, 'Keep tags under 40 characters');
const Title = z.string().trim().min(1, 'A drill needs a title').max(200, 'Keep the title under 200 characters');
const PromptText = z.string().trim().max(5_000, 'Keep the prompt under 5,000 characters');
const Notes = z.string().max(20_000, 'Keep the notes under 20,000 characters');
const Seconds = z.number().finite().min(0, 'A time in a recording cannot be negative');
const TimeLimit = z
  .number()
  .int('The time limit is a whole number of seconds')
  .min(DRILL_TIME_LIMIT_MIN_SEC, `Give the rep at least ${DRILL_TIME_LIMIT_MIN_SEC} seconds`)
  .max(DRILL_TIME_LIMIT_MAX_SEC, `Keep the time limit at ${DRILL_TIME_LIMIT_MAX_SEC / 60} minutes or less`);

export const PersonaInput = z
  .object({
    role: z.string().trim().max(120, 'Keep the buyer role under 120 characters'),
    company: z.string().trim().max(120, 'Keep the company under 120 characters'),
    mood: BuyerMood,
  })
  .strict();

/** A span of a recording already in the library (a call's media). */
export const ClipInput = z
  .object({ mediaSha256: MediaSha256, startSec: Seconds, endSec: Seconds, callId: Id.nullish() })
  .strict()
  .refine((c) => c.endSec > c.startSec, 'A clip must end after it starts');

/** A whole drill as written: also the shape of the starter pack in resources/drills (plus its seed fields). */
export const DrillInput = z
  .object({
    title: Title,
    skill: DrillSkill,
    persona: PersonaInput,
    promptText: PromptText,
    promptClip: ClipInput.nullish(),
    timeLimitSec: TimeLimit.default(60),
    rubricId: Id.nullish(),
    notes: Notes.default(''),
    modelAnswer: ClipInput.nullish(),
    tags: z.array(Tag).max(30).default([]),
  })
  .strict()
  .refine((d) => d.promptText.length > 0 || d.promptClip, 'Write what the buyer says, or use a clip from a call');
export type DrillInput = z.output<typeof DrillInput>;

export const drillsContract = {
  list: method<DrillSummary[]>()(
    z
      .object({
        /** Every word must appear in the title, prompt, persona, notes or tags. */
        search: z.string().max(200).optional(),
        tag: Tag.optional(),
        skill: DrillSkill.optional(),
        /** The trash instead of the live drills. */
        trash: z.boolean().default(false),
      })
      .strict()
      .optional(),
  ),
  get: method<Drill>()(z.object({ id: Id }).strict()),
  create: method<Drill>()(DrillInput),
  /** Saved as edited; any field may be left out. */
  update: method<Drill>()(
    z
      .object({
        id: Id,
        title: Title.optional(),
        skill: DrillSkill.optional(),
        persona: PersonaInput.optional(),
        promptText: PromptText.optional(),
        promptClip: ClipInput.nullable().optional(),
        timeLimitSec: TimeLimit.optional(),
        rubricId: Id.nullable().optional(),
        notes: Notes.optional(),
        modelAnswer: ClipInput.nullable().optional(),
        tags: z.array(Tag).max(30).optional(),
      })
      .strict(),
  ),
  /** To the trash (attempts are kept); restore brings it back. */
  remove: method<void>()(z.object({ id: Id }).strict()),
  restore: method<Drill>()(z.object({ id: Id }).strict()),
  tags: method<string[]>()(NoInput),
  /**
   * A drill from a range of a call (a buyer's objection): the clip becomes the
   * prompt audio and the transcript segments overlapping it the prompt text.
   */
  fromCall: method<Drill>()(
    z
      .object({
        callId: Id,
        startSec: Seconds,
        endSec: Seconds,
        title: Title.optional(),
        skill: DrillSkill.optional(),
      })
      .strict()
      .refine((r) => r.endSec > r.startSec, 'A range must end after it starts'),
  ),

  /**
   * Saves a recorded answer (the bytes MediaRecorder produced) as an attempt
   * by "me": into the media folder, decoded, peaks, transcription queued.
   * Electron only — structured clone carries the bytes over IPC; browser mode
   * streams the same bytes to `/upload?for=attempt` instead (`api.saveAttempt`).
   */
  recordAttempt: method<Attempt>()(
    z
      .object({
        drillId: Id,
        bytes: z
          .instanceof(Uint8Array, { message: 'Expected the recorded audio' })
          .refine((b) => b.byteLength > 0, 'The recording is empty')
          .refine((b) => b.byteLength <= ATTEMPT_MAX_BYTES, 'The recording is too large to keep'),
        /** What MediaRecorder said it produced, e.g. "audio/webm;codecs=opus" (only the extension is taken from it). */
        mimeType: z.string().max(100).optional(),
      })
      .strict(),
  ),
  attempt: method<Attempt>()(z.object({ id: Id }).strict()),
  /** Attempt history of one drill, oldest first, with personal best and improvement. */
  history: method<DrillHistory>()(z.object({ drillId: Id, personId: Id.optional() }).strict()),
  removeAttempt: method<void>()(z.object({ id: Id }).strict()),
  restoreAttempt: method<Attempt>()(z.object({ id: Id }).strict()),
  /**
   * Opens the acting person's scorecard for an attempt against the drill's
   * rubric, making it if needed; score and submit it with
   * `scorecards.setScore` / `submit`. The kind is derived: self for the
   * attempt's owner, coach for coaches and admins, peer otherwise.
   */
  scoreAttempt: method<Scorecard>()(z.object({ attemptId: Id }).strict()),
  /** The attempt's scorecards (every reviewer's), for the attempt view. */
  attemptScorecards: method<Scorecard[]>()(z.object({ attemptId: Id }).strict()),
  /** Drills for the criteria where the rep's recent scores (calls and attempts) are lowest. */
  plan: method<PracticePlan>()(z.object({ personId: Id }).strict()),
};
