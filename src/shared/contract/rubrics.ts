import { z } from 'zod';
import type { Rubric, RubricSummary, RubricVersion } from '../domain';
import { DrillSkill, Id, RUBRIC_MAX_CRITERIA, RUBRIC_MIN_CRITERIA } from '../domain';
import { method, NoInput } from './define';

const RubricName = z.string().trim().min(1, 'A rubric needs a name').max(120, 'Keep the name under 120 characters');
const Description = z.string().trim().max(2_000, 'Keep the description under 2,000 characters');
const Anchor = z
  .string()
  .trim()
  .min(1, 'Write a behavioral anchor for every level, 1 to 5')
  .max(1_000, 'Keep each anchor under 1,000 characters');

export const CriterionInput = z
  .object({
    /** The criterion this one continues from an earlier version; omit for a new criterion. */
    key: Id.optional(),
    name: z.string().trim().min(1, 'Each criterion needs a name').max(120, 'Keep criterion names under 120 characters'),
    description: Description.default(''),
    weight: z.number().finite().positive('A weight must be more than 0').max(1_000, 'Keep weights at 1,000 or less'),
    anchors: z.array(Anchor).length(5, 'Write a behavioral anchor for every level, 1 to 5'),
    /** The drill skill it trains (shared across rubrics); the practice plan finds drills by it. */
    skill: DrillSkill.nullish(),
  })
  .strict();
export type CriterionInput = z.output<typeof CriterionInput>;

export const CriteriaInput = z
  .array(CriterionInput)
  .min(RUBRIC_MIN_CRITERIA, `A rubric needs at least ${RUBRIC_MIN_CRITERIA} criteria`)
  .max(RUBRIC_MAX_CRITERIA, `A rubric can have at most ${RUBRIC_MAX_CRITERIA} criteria`)
  .refine(
    (cs) => new Set(cs.map((c) => c.name.toLowerCase())).size === cs.length,
    'Two criteria have the same name; give each its own',
  )
  .refine(
    (cs) => new Set(cs.filter((c) => c.key).map((c) => c.key)).size === cs.filter((c) => c.key).length,
    'Two criteria continue the same earlier criterion',
  );

/** A whole rubric as written: also the shape of the templates in resources/rubrics. */
export const RubricInput = z
  .object({ name: RubricName, description: Description.default(''), criteria: CriteriaInput })
  .strict();

export const rubricsContract = {
  /** Live rubrics for pickers and the rubric library, by name. */
  list: method<RubricSummary[]>()(NoInput),
  get: method<Rubric>()(z.object({ id: Id }).strict()),
  /** Any version, including one in the trash: old scorecards render against theirs. */
  getVersion: method<RubricVersion>()(z.object({ versionId: Id }).strict()),
  create: method<Rubric>()(RubricInput),
  /**
   * Name and description change the rubric itself. New criteria replace the
   * latest version's: in place while no scorecard uses it, otherwise as a new
   * version (scorecards keep the one they were scored on).
   */
  update: method<Rubric>()(
    z
      .object({
        id: Id,
        name: RubricName.optional(),
        description: Description.optional(),
        criteria: CriteriaInput.optional(),
      })
      .strict(),
  ),
  /** To the trash: gone from pickers; scorecards that use it keep working. */
  remove: method<void>()(z.object({ id: Id }).strict()),
  restore: method<Rubric>()(z.object({ id: Id }).strict()),
  /** Refused while any scorecard uses the version, and for a rubric's only version. */
  removeVersion: method<Rubric>()(z.object({ versionId: Id }).strict()),
};
