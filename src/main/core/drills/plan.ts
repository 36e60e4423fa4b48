import type { Database } from 'better-sqlite3';
import type { DrillSkill, DrillSummary, Id, PlanItem, PracticePlan } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { all, get, sql } from '../db/sql';
import { scorecardVisibleTo } from '../policy/scoring';

/** How many of the rep's most recent scores per criterion the plan averages. */
export const PLAN_WINDOW = 5;
/** How many weak criteria the plan shows, and drills per criterion. */
const PLAN_ITEMS = 3;
const DRILLS_PER_ITEM = 3;

/**
 * Which skills train a criterion, read from its name. Rubrics are editable,
 * so this is a reading of the words people use for criteria, not a fixed id
 * map; a criterion that matches nothing still gets the drills on its rubric.
 */
const SKILL_WORDS: Array<[DrillSkill, RegExp]> = [
  ['objection_handling', /objection|brush|push ?back|concern|handling/i],
  ['discovery_opener', /discover|question|qualif|research|relevan|recap|agenda/i],
  ['cold_call_opener', /opener|cold|tone|pace/i],
  ['pricing', /pric|negotiat|roi|budget/i],
  ['next_step_close', /next step|progress|close|commit|mutual|meeting/i],
  ['value_pitch', /value|outcome|storyline|tailor|feature/i],
];

export const skillsFor = (criterionName: string): DrillSkill[] =>
  SKILL_WORDS.filter(([, re]) => re.test(criterionName)).map(([skill]) => skill);

interface ScoreRow {
  rubric_id: Id;
  rubric_name: string;
  criterion_key: Id;
  criterion_name: string;
  criterion_skill: DrillSkill | null;
  score: number;
}

/**
 * The practice plan: for each (rubric, criterion) the rep has been scored on
 * — on their calls and on their drill attempts, submitted scorecards the
 * viewer may see (the blind rule) —
 * the mean of the PLAN_WINDOW most recent scores. The weakest come first
 * (lowest mean; ties: more evidence first, then name), each with the drills
 * that train the criterion's skill first (those on its own rubric before
 * those on others), then the other drills on its rubric, the ones practised
 * least first.
 */
export function practicePlan(db: Database, personId: Id, viewerId: Id, drills: readonly DrillSummary[]): PracticePlan {
  if (!get(db, sql`SELECT id FROM people WHERE id = ${personId}`)) {
    throw new AppError('not_found', 'That person is not in People.');
  }
  const rows = all<ScoreRow>(
    db,
    sql`SELECT v.rubric_id, r.name AS rubric_name, k.key AS criterion_key, k.name AS criterion_name, k.skill AS criterion_skill, sc.score
        FROM scorecards s
        JOIN scorecard_scores sc ON sc.scorecard_id = s.id AND sc.score IS NOT NULL
        JOIN rubric_criteria k ON k.id = sc.criterion_id
        JOIN rubric_versions v ON v.id = s.rubric_version_id
        JOIN rubrics r ON r.id = v.rubric_id AND r.deleted_at IS NULL
        LEFT JOIN calls c ON c.id = s.call_id
        LEFT JOIN attempts a ON a.id = s.attempt_id
        WHERE s.status = 'submitted' AND s.deleted_at IS NULL AND ${scorecardVisibleTo(viewerId)}
          AND ((c.rep_id = ${personId} AND c.deleted_at IS NULL)
            OR (a.person_id = ${personId} AND a.deleted_at IS NULL))
        ORDER BY s.submitted_at DESC, s.id DESC, v.version DESC, k.id`,
  );
  const groups = new Map<string, { row: ScoreRow; scores: number[] }>();
  for (const row of rows) {
    const key = `${row.rubric_id}/${row.criterion_key}`;
    // Rows come newest first, so the first row names the criterion as it is called now.
    const group = groups.get(key) ?? { row, scores: [] };
    if (group.scores.length < PLAN_WINDOW) group.scores.push(row.score);
    groups.set(key, group);
  }
  const weakest = [...groups.values()]
    .map(({ row, scores }) => ({
      row,
      average: Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100,
      sampleSize: scores.length,
    }))
    .sort(
      (a, b) =>
        a.average - b.average ||
        b.sampleSize - a.sampleSize ||
        a.row.criterion_name.localeCompare(b.row.criterion_name),
    )
    .slice(0, PLAN_ITEMS);

  const items: PlanItem[] = weakest.map(({ row, average, sampleSize }) => {
    // The criterion's skill key matches drills across rubrics ("Deal Progression" → the next-step-close
    // drills written for other rubrics); a criterion without one is read by its name.
    const skills = row.criterion_skill ? [row.criterion_skill] : skillsFor(row.criterion_name);
    const pool = drills.filter((d) => d.rubricId === row.rubric_id || skills.includes(d.skill));
    const ranked = [...pool].sort(
      (a, b) =>
        Number(skills.includes(b.skill)) - Number(skills.includes(a.skill)) ||
        Number(b.rubricId === row.rubric_id) - Number(a.rubricId === row.rubric_id) ||
        a.attemptCount - b.attemptCount ||
        a.title.localeCompare(b.title),
    );
    return {
      rubricId: row.rubric_id,
      rubricName: row.rubric_name,
      criterionKey: row.criterion_key,
      criterionName: row.criterion_name,
      recentAverage: average,
      sampleSize,
      drills: ranked.slice(0, DRILLS_PER_ITEM),
    };
  });
  return { personId, items, window: PLAN_WINDOW };
}
