import type { Database } from 'better-sqlite3';
import type { CriterionInput } from '../../../../shared/contract/rubrics';
import type {
  DrillSkill,
  Anchors,
  Criterion,
  Id,
  Rubric,
  RubricSummary,
  RubricVersion,
  RubricVersionSummary,
} from '../../../../shared/domain';
import { AppError } from '../../../../shared/result';
import { newId, nowIso } from '../../db/ids';
import { all, get, run, sql } from '../../db/sql';

interface RubricRow {
  id: Id;
  name: string;
  description: string;
  seed_key: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

interface VersionRow {
  id: Id;
  rubric_id: Id;
  rubric_name: string;
  version: number;
  scorecard_count: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

interface CriterionRow {
  id: Id;
  key: Id;
  position: number;
  name: string;
  description: string;
  weight: number;
  anchor_1: string;
  anchor_2: string;
  anchor_3: string;
  anchor_4: string;
  anchor_5: string;
  skill: DrillSkill | null;
}

const toCriterion = (r: CriterionRow): Criterion => ({
  id: r.id,
  key: r.key,
  position: r.position,
  name: r.name,
  description: r.description,
  weight: r.weight,
  anchors: [r.anchor_1, r.anchor_2, r.anchor_3, r.anchor_4, r.anchor_5],
  skill: r.skill,
});

// Scorecards in the trash still count: restoring one must find its version intact.
const versionColumns = sql`v.id, v.rubric_id, r.name AS rubric_name, v.version, v.created_at, v.updated_at, v.deleted_at,
  (SELECT count(*) FROM scorecards s WHERE s.rubric_version_id = v.id) AS scorecard_count`;

export function listCriteria(db: Database, versionId: Id): Criterion[] {
  return all<CriterionRow>(
    db,
    sql`SELECT id, key, position, name, description, weight, anchor_1, anchor_2, anchor_3, anchor_4, anchor_5, skill
        FROM rubric_criteria WHERE rubric_version_id = ${versionId} ORDER BY position, id`,
  ).map(toCriterion);
}

export function getRubricVersion(db: Database, versionId: Id): RubricVersion {
  const row = get<VersionRow>(
    db,
    sql`SELECT ${versionColumns} FROM rubric_versions v JOIN rubrics r ON r.id = v.rubric_id WHERE v.id = ${versionId}`,
  );
  if (!row) throw new AppError('not_found', 'That rubric version no longer exists.');
  return {
    id: row.id,
    rubricId: row.rubric_id,
    rubricName: row.rubric_name,
    version: row.version,
    criteria: listCriteria(db, row.id),
    scorecardCount: row.scorecard_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  };
}

function liveVersions(db: Database, rubricId: Id): RubricVersionSummary[] {
  return all<VersionRow>(
    db,
    sql`SELECT ${versionColumns} FROM rubric_versions v JOIN rubrics r ON r.id = v.rubric_id
        WHERE v.rubric_id = ${rubricId} AND v.deleted_at IS NULL ORDER BY v.version DESC, v.id DESC`,
  ).map((v) => ({ id: v.id, version: v.version, scorecardCount: v.scorecard_count, createdAt: v.created_at }));
}

function rubricRow(db: Database, id: Id, includeDeleted = false): RubricRow {
  const row = get<RubricRow>(
    db,
    sql`SELECT id, name, description, seed_key, created_at, updated_at, deleted_at FROM rubrics WHERE id = ${id}`,
  );
  if (!row || (row.deleted_at && !includeDeleted)) throw new AppError('not_found', 'That rubric no longer exists.');
  return row;
}

export function getRubric(db: Database, id: Id, opts: { includeDeleted?: boolean } = {}): Rubric {
  const row = rubricRow(db, id, opts.includeDeleted);
  const versions = liveVersions(db, id);
  const newest = versions[0];
  if (!newest) throw new AppError('internal', `The rubric “${row.name}” has no versions left.`);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    seedKey: row.seed_key,
    latest: getRubricVersion(db, newest.id),
    versions,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  };
}

/** The version new scorecards use: the highest-numbered one not in the trash. */
export function latestVersionId(db: Database, rubricId: Id): Id {
  rubricRow(db, rubricId);
  const row = get<{ id: Id }>(
    db,
    sql`SELECT id FROM rubric_versions WHERE rubric_id = ${rubricId} AND deleted_at IS NULL ORDER BY version DESC, id DESC LIMIT 1`,
  );
  if (!row) throw new AppError('not_found', 'That rubric has no versions left.');
  return row.id;
}

export function listRubrics(db: Database): RubricSummary[] {
  return all<{
    id: Id;
    name: string;
    description: string;
    updated_at: string;
    version_id: Id;
    version: number;
    criteria_count: number;
  }>(
    db,
    sql`SELECT r.id, r.name, r.description, r.updated_at, v.id AS version_id, v.version,
          (SELECT count(*) FROM rubric_criteria c WHERE c.rubric_version_id = v.id) AS criteria_count
        FROM rubrics r
        JOIN rubric_versions v ON v.id = (
          SELECT id FROM rubric_versions WHERE rubric_id = r.id AND deleted_at IS NULL ORDER BY version DESC, id DESC LIMIT 1)
        WHERE r.deleted_at IS NULL
        ORDER BY r.name COLLATE NOCASE, r.id`,
  ).map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    latestVersionId: r.version_id,
    latestVersion: r.version,
    criteriaCount: r.criteria_count,
    updatedAt: r.updated_at,
  }));
}

/** A criterion may only continue one of its own rubric's criteria, so progress charts never cross rubrics. */
function refuseForeignKeys(db: Database, rubricId: Id, criteria: CriterionInput[]): void {
  const known = new Set(
    all<{ key: Id }>(
      db,
      sql`SELECT DISTINCT c.key FROM rubric_criteria c JOIN rubric_versions v ON v.id = c.rubric_version_id
          WHERE v.rubric_id = ${rubricId}`,
    ).map((r) => r.key),
  );
  const stranger = criteria.find((c) => c.key !== undefined && !known.has(c.key));
  if (stranger) throw new AppError('invalid_input', `“${stranger.name}” refers to a criterion of another rubric.`);
}

function insertCriterion(db: Database, versionId: Id, c: CriterionInput, position: number, now: string): void {
  const [a1, a2, a3, a4, a5] = c.anchors as Anchors;
  run(
    db,
    sql`INSERT INTO rubric_criteria (id, rubric_version_id, key, position, name, description, weight,
          anchor_1, anchor_2, anchor_3, anchor_4, anchor_5, skill, created_at, updated_at)
        VALUES (${newId()}, ${versionId}, ${c.key ?? newId()}, ${position}, ${c.name}, ${c.description}, ${c.weight},
          ${a1}, ${a2}, ${a3}, ${a4}, ${a5}, ${c.skill ?? null}, ${now}, ${now})`,
  );
}

function insertVersion(db: Database, rubricId: Id, criteria: CriterionInput[], now: string): Id {
  const next =
    get<{ n: number }>(
      db,
      sql`SELECT coalesce(max(version), 0) + 1 AS n FROM rubric_versions WHERE rubric_id = ${rubricId}`,
    )?.n ?? 1;
  const versionId = newId();
  run(
    db,
    sql`INSERT INTO rubric_versions (id, rubric_id, version, created_at, updated_at)
        VALUES (${versionId}, ${rubricId}, ${next}, ${now}, ${now})`,
  );
  criteria.forEach((c, i) => insertCriterion(db, versionId, c, i, now));
  return versionId;
}

/**
 * Rewrites an unused version's criteria, keeping the row (and id) of every
 * criterion whose key survives, so an open editor keeps its focus.
 */
function replaceCriteriaInPlace(db: Database, versionId: Id, criteria: CriterionInput[], now: string): void {
  const existing = new Set(listCriteria(db, versionId).map((c) => c.key));
  const kept = new Set(criteria.flatMap((c) => (c.key && existing.has(c.key) ? [c.key] : [])));
  // Park positions out of the way first: reordering would otherwise trip UNIQUE (version, position).
  run(db, sql`UPDATE rubric_criteria SET position = -position - 1 WHERE rubric_version_id = ${versionId}`);
  for (const key of existing) {
    if (!kept.has(key))
      run(db, sql`DELETE FROM rubric_criteria WHERE rubric_version_id = ${versionId} AND key = ${key}`);
  }
  criteria.forEach((c, position) => {
    if (c.key && kept.has(c.key)) {
      const [a1, a2, a3, a4, a5] = c.anchors as Anchors;
      run(
        db,
        sql`UPDATE rubric_criteria SET position = ${position}, name = ${c.name}, description = ${c.description},
              weight = ${c.weight}, anchor_1 = ${a1}, anchor_2 = ${a2}, anchor_3 = ${a3}, anchor_4 = ${a4},
              anchor_5 = ${a5}, skill = ${c.skill ?? null}, updated_at = ${now}
            WHERE rubric_version_id = ${versionId} AND key = ${c.key}`,
      );
    } else {
      insertCriterion(db, versionId, { ...c, key: undefined }, position, now);
    }
  });
  run(db, sql`UPDATE rubric_versions SET updated_at = ${now} WHERE id = ${versionId}`);
}

export interface RubricDraft {
  name: string;
  description: string;
  criteria: CriterionInput[];
}

export function createRubric(db: Database, input: RubricDraft, seedKey: string | null = null): Rubric {
  const id = newId();
  db.transaction(() => {
    const now = nowIso();
    run(
      db,
      sql`INSERT INTO rubrics (id, name, description, seed_key, created_at, updated_at)
          VALUES (${id}, ${input.name}, ${input.description}, ${seedKey}, ${now}, ${now})`,
    );
    // New criteria get fresh keys: a key passed in here would point at another rubric.
    insertVersion(
      db,
      id,
      input.criteria.map((c) => ({ ...c, key: undefined })),
      now,
    );
  })();
  return getRubric(db, id);
}

/**
 * Editing a rubric: its name and description change in place; new criteria
 * go into the latest version in place while no scorecard uses it, otherwise
 * into a new version, so every scorecard keeps the criteria it was scored on.
 */
export function updateRubric(
  db: Database,
  input: {
    id: Id;
    name?: string | undefined;
    description?: string | undefined;
    criteria?: CriterionInput[] | undefined;
  },
): { rubric: Rubric; newVersion: boolean } {
  let newVersion = false;
  db.transaction(() => {
    rubricRow(db, input.id);
    const now = nowIso();
    run(
      db,
      sql`UPDATE rubrics SET name = coalesce(${input.name}, name), description = coalesce(${input.description}, description),
            updated_at = ${now} WHERE id = ${input.id}`,
    );
    if (!input.criteria) return;
    refuseForeignKeys(db, input.id, input.criteria);
    const latest = getRubricVersion(db, latestVersionId(db, input.id));
    if (latest.scorecardCount > 0) {
      insertVersion(db, input.id, input.criteria, now);
      newVersion = true;
    } else {
      replaceCriteriaInPlace(db, latest.id, input.criteria, now);
    }
  })();
  return { rubric: getRubric(db, input.id), newVersion };
}

export function removeRubric(db: Database, id: Id): void {
  rubricRow(db, id);
  run(db, sql`UPDATE rubrics SET deleted_at = ${nowIso()}, updated_at = ${nowIso()} WHERE id = ${id}`);
}

export function restoreRubric(db: Database, id: Id): Rubric {
  rubricRow(db, id, true);
  run(db, sql`UPDATE rubrics SET deleted_at = NULL, updated_at = ${nowIso()} WHERE id = ${id}`);
  return getRubric(db, id);
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A version a scorecard was scored against is part of that scorecard's record, so it stays. */
export function removeRubricVersion(db: Database, versionId: Id): Rubric {
  const version = getRubricVersion(db, versionId);
  if (version.deletedAt) throw new AppError('not_found', 'That rubric version is already in the trash.');
  if (version.scorecardCount > 0) {
    throw new AppError(
      'conflict',
      `Version ${version.version} of “${version.rubricName}” is used by ${plural(version.scorecardCount, 'scorecard', 'scorecards')}, ` +
        'so it cannot be deleted. Edit the rubric instead: that makes a new version and those scorecards keep this one.',
    );
  }
  const live = liveVersions(db, version.rubricId);
  if (live.length <= 1) {
    throw new AppError(
      'conflict',
      `This is the only version of “${version.rubricName}”. Remove the rubric instead if it is no longer needed.`,
    );
  }
  run(db, sql`UPDATE rubric_versions SET deleted_at = ${nowIso()}, updated_at = ${nowIso()} WHERE id = ${versionId}`);
  return getRubric(db, version.rubricId);
}
