/**
 * Skill progression and the team heatmap: per rep and rubric criterion, from
 * submitted scorecards on calls (the call's rep) and drill attempts (the
 * attempt's owner). Every score passes the blind rule for the person asking
 * (`scorecardVisibleTo`), so a reviewer with a draft sees no one else's
 * scoring here either; self, peer and coach are kept apart on request.
 *
 * Criteria are grouped by their key, which a criterion keeps across rubric
 * versions, so an edited rubric does not split a rep's history.
 */
import type { Database } from 'better-sqlite3';
import type { Id, ReviewerKind, SkillCell, SkillEvidence, SkillHeatmap, SkillPoint } from '../../../shared/domain';
import type { Query } from '../db/sql';
import { all, sql } from '../db/sql';
import { scorecardVisibleTo } from '../policy';
import { inTeam } from './team-filter';

export interface SkillFilter {
  from: string;
  to: string;
  repId?: Id | null | undefined;
  teamId?: Id | null | undefined;
  reviewerKind?: ReviewerKind | null | undefined;
}

/** Scores the actor may see, with their subject (the rep reviewed) and the day they count on. */
function visibleScores(actorId: Id, f: SkillFilter): Query {
  return sql`
    SELECT coalesce(c.rep_id, a.person_id) AS rep_id, rc.key AS criterion_key, rc.name AS criterion_name,
           ss.score AS score, s.reviewer_kind AS reviewer_kind, s.id AS scorecard_id, s.reviewer_id AS reviewer_id,
           c.id AS call_id, a.id AS attempt_id,
           substr(s.submitted_at, 1, 10) AS day, s.submitted_at AS submitted_at
      FROM scorecards s
      JOIN scorecard_scores ss ON ss.scorecard_id = s.id AND ss.score IS NOT NULL
      JOIN rubric_criteria rc ON rc.id = ss.criterion_id
      LEFT JOIN calls c ON c.id = s.call_id AND c.deleted_at IS NULL
      LEFT JOIN attempts a ON a.id = s.attempt_id AND a.deleted_at IS NULL
     WHERE s.status = 'submitted' AND s.deleted_at IS NULL
       AND (c.id IS NOT NULL OR a.id IS NOT NULL)
       AND ${scorecardVisibleTo(actorId)}
       AND substr(s.submitted_at, 1, 10) BETWEEN ${f.from} AND ${f.to}
       AND (${f.reviewerKind ?? null} IS NULL OR s.reviewer_kind = ${f.reviewerKind ?? null})
       AND (${f.repId ?? null} IS NULL OR coalesce(c.rep_id, a.person_id) = ${f.repId ?? null})
       AND ${inTeam(sql`coalesce(c.rep_id, a.person_id)`, f.teamId)}`;
}

/** Reps × criteria over the period: mean score and how many scores stand behind it. */
export function skillHeatmap(db: Database, actorId: Id, f: SkillFilter): SkillHeatmap {
  // One pass over the visible scores; `criterion_name` comes from the row with the latest
  // submission in each group (SQLite's bare column beside max()), so a renamed criterion shows its new name.
  const cells = all<{
    rep_id: string;
    rep_name: string;
    criterion_key: string;
    criterion_name: string;
    latest: string;
    total: number;
    n: number;
  }>(
    db,
    sql`WITH v AS (${visibleScores(actorId, f)})
        SELECT v.rep_id, p.name AS rep_name, v.criterion_key, v.criterion_name, max(v.submitted_at) AS latest,
               sum(v.score) AS total, count(*) AS n
          FROM v JOIN people p ON p.id = v.rep_id
         GROUP BY v.rep_id, v.criterion_key
         ORDER BY lower(p.name), v.rep_id, v.criterion_key`,
  );
  const reps = new Map<string, { id: string; name: string }>();
  const criteria = new Map<string, { key: string; name: string; latest: string; total: number; count: number }>();
  for (const c of cells) {
    reps.set(c.rep_id, { id: c.rep_id, name: c.rep_name });
    const k = criteria.get(c.criterion_key) ?? {
      key: c.criterion_key,
      name: c.criterion_name,
      latest: '',
      total: 0,
      count: 0,
    };
    if (c.latest > k.latest) Object.assign(k, { name: c.criterion_name, latest: c.latest });
    k.total += c.total;
    k.count += c.n;
    criteria.set(c.criterion_key, k);
  }
  const out: SkillCell[] = cells.map((c) => ({
    repId: c.rep_id,
    criterionKey: c.criterion_key,
    mean: c.total / c.n,
    count: c.n,
  }));
  const byKey = [...criteria.values()]
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((c) => ({ key: c.key, name: c.name, mean: c.total / c.count, count: c.count }));
  // Weakest: lowest mean among cells with at least two scores (one score is an anecdote).
  const weakestByRep = [...reps.values()].map((rep) => {
    const mine = out
      .filter((c) => c.repId === rep.id && c.count >= 2)
      .sort((a, b) => a.mean - b.mean || a.criterionKey.localeCompare(b.criterionKey));
    return { repId: rep.id, criterionKeys: mine.slice(0, 2).map((c) => c.criterionKey) };
  });
  const teamWeakest = byKey
    .filter((c) => c.count >= 2)
    .sort((a, b) => a.mean - b.mean || a.key.localeCompare(b.key))
    .slice(0, 3)
    .map((c) => c.key);
  return { reps: [...reps.values()], criteria: byKey, cells: out, weakestByRep, teamWeakest };
}

/** One rep's scores on each criterion over time, by reviewer kind (self, peer, coach kept apart). */
export function skillProgress(db: Database, actorId: Id, repId: Id, f: SkillFilter): SkillPoint[] {
  return all<{ criterion_key: string; day: string; reviewer_kind: ReviewerKind; mean: number; n: number }>(
    db,
    sql`WITH v AS (${visibleScores(actorId, { ...f, repId })})
        SELECT v.criterion_key, v.day, v.reviewer_kind, avg(v.score) AS mean, count(*) AS n,
               v.criterion_key || ' ' || v.day || ' ' || v.reviewer_kind AS group_key
          FROM v GROUP BY v.criterion_key, v.day, v.reviewer_kind
         ORDER BY group_key`,
  ).map((r) => ({
    criterionKey: r.criterion_key,
    day: r.day,
    reviewerKind: r.reviewer_kind,
    mean: r.mean,
    count: r.n,
  }));
}

/**
 * The scores behind one heatmap cell, newest first: each with the call (or
 * drill attempt) it was given on, so every figure leads back to its moment.
 */
export function skillEvidence(
  db: Database,
  actorId: Id,
  repId: Id,
  criterionKey: string,
  f: SkillFilter,
): SkillEvidence[] {
  return all<{
    scorecard_id: string;
    score: number;
    reviewer_kind: ReviewerKind;
    reviewer_name: string | null;
    submitted_at: string;
    call_id: string | null;
    attempt_id: string | null;
    title: string;
    drill_id: string | null;
  }>(
    db,
    sql`WITH v AS (${visibleScores(actorId, { ...f, repId })})
        SELECT v.scorecard_id, v.score, v.reviewer_kind, p.name AS reviewer_name, v.submitted_at, v.call_id, v.attempt_id,
               coalesce(c.title, d.title, '') AS title, a.drill_id
          FROM v
          LEFT JOIN people p ON p.id = v.reviewer_id
          LEFT JOIN calls c ON c.id = v.call_id
          LEFT JOIN attempts a ON a.id = v.attempt_id
          LEFT JOIN drills d ON d.id = a.drill_id
         WHERE v.criterion_key = ${criterionKey}
         ORDER BY v.submitted_at DESC, v.scorecard_id DESC`,
  ).map((r) => ({
    scorecardId: r.scorecard_id,
    score: r.score,
    reviewerKind: r.reviewer_kind,
    reviewerName: r.reviewer_name ?? 'Someone removed',
    submittedAt: r.submitted_at,
    callId: r.call_id,
    attemptId: r.attempt_id,
    drillId: r.drill_id,
    title: r.title,
  }));
}
