import type { Database } from 'better-sqlite3';
import type { DrillInput } from '../../../shared/contract/drills';
import type { BuyerMood, Drill, DrillSkill, Id, MediaClip } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { mediaFileName } from '../calls/repository';
import { newId, nowIso } from '../db/ids';
import type { Query } from '../db/sql';
import { all, get, run, sql } from '../db/sql';

interface DrillRow {
  id: Id;
  title: string;
  skill: DrillSkill;
  persona_role: string;
  persona_company: string;
  persona_mood: BuyerMood;
  prompt_text: string;
  prompt_media_sha256: string | null;
  prompt_ext: string | null;
  prompt_start_sec: number | null;
  prompt_end_sec: number | null;
  prompt_call_id: Id | null;
  time_limit_sec: number;
  rubric_id: Id | null;
  rubric_name: string | null;
  notes: string;
  model_media_sha256: string | null;
  model_ext: string | null;
  model_start_sec: number | null;
  model_end_sec: number | null;
  model_call_id: Id | null;
  seed_key: string | null;
  tags: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

const SELECT_DRILLS = sql`
  SELECT d.id, d.title, d.skill, d.persona_role, d.persona_company, d.persona_mood, d.prompt_text,
         d.prompt_media_sha256, pm.ext AS prompt_ext, d.prompt_start_sec, d.prompt_end_sec, d.prompt_call_id,
         d.time_limit_sec, d.rubric_id, r.name AS rubric_name, d.notes,
         d.model_media_sha256, mm.ext AS model_ext, d.model_start_sec, d.model_end_sec, d.model_call_id,
         d.seed_key, d.created_at, d.updated_at, d.deleted_at,
         (SELECT group_concat(tag, char(31)) FROM drill_tags t WHERE t.drill_id = d.id) AS tags
  FROM drills d
  LEFT JOIN media pm ON pm.sha256 = d.prompt_media_sha256
  LEFT JOIN media mm ON mm.sha256 = d.model_media_sha256
  LEFT JOIN rubrics r ON r.id = d.rubric_id AND r.deleted_at IS NULL`;

function clip(
  sha: string | null,
  ext: string | null,
  start: number | null,
  end: number | null,
  callId: Id | null,
): MediaClip | null {
  if (sha === null || ext === null || start === null || end === null) return null;
  return { mediaSha256: sha, fileName: mediaFileName(sha, ext), startSec: start, endSec: end, callId };
}

const toDrill = (r: DrillRow): Drill => ({
  id: r.id,
  title: r.title,
  skill: r.skill,
  persona: { role: r.persona_role, company: r.persona_company, mood: r.persona_mood },
  promptText: r.prompt_text,
  promptClip: clip(r.prompt_media_sha256, r.prompt_ext, r.prompt_start_sec, r.prompt_end_sec, r.prompt_call_id),
  timeLimitSec: r.time_limit_sec,
  rubricId: r.rubric_name === null ? null : r.rubric_id,
  rubricName: r.rubric_name,
  notes: r.notes,
  modelAnswer: clip(r.model_media_sha256, r.model_ext, r.model_start_sec, r.model_end_sec, r.model_call_id),
  // Tags ride in one column (unit separator), as for calls.
  tags: r.tags ? r.tags.split('\u001f').sort((a, b) => a.localeCompare(b)) : [],
  seedKey: r.seed_key,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  deletedAt: r.deleted_at,
});

export function getDrill(db: Database, id: Id, opts: { includeTrash?: boolean } = {}): Drill {
  const row = get<DrillRow>(db, sql`${SELECT_DRILLS} WHERE d.id = ${id}`);
  if (!row || (row.deleted_at && !opts.includeTrash)) throw new AppError('not_found', 'That drill no longer exists.');
  return toDrill(row);
}

export interface DrillFilter {
  search?: string | undefined;
  tag?: string | undefined;
  skill?: DrillSkill | undefined;
  trash: boolean;
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function listDrills(db: Database, filter: DrillFilter): Drill[] {
  const where: Query[] = [filter.trash ? sql`d.deleted_at IS NOT NULL` : sql`d.deleted_at IS NULL`];
  if (filter.skill) where.push(sql`d.skill = ${filter.skill}`);
  if (filter.tag)
    where.push(sql`EXISTS (SELECT 1 FROM drill_tags t WHERE t.drill_id = d.id AND t.tag = ${filter.tag})`);
  for (const word of filter.search?.trim().split(/\s+/).filter(Boolean) ?? []) {
    const p = likePattern(word);
    where.push(sql`(d.title LIKE ${p} ESCAPE '\\' OR d.prompt_text LIKE ${p} ESCAPE '\\'
      OR d.persona_role LIKE ${p} ESCAPE '\\' OR d.persona_company LIKE ${p} ESCAPE '\\'
      OR d.notes LIKE ${p} ESCAPE '\\'
      OR EXISTS (SELECT 1 FROM drill_tags t WHERE t.drill_id = d.id AND t.tag LIKE ${p} ESCAPE '\\'))`);
  }
  const joined = where.reduce((acc, q, i) => (i === 0 ? q : sql`${acc} AND ${q}`));
  return all<DrillRow>(db, sql`${SELECT_DRILLS} WHERE ${joined} ORDER BY d.skill, d.title COLLATE NOCASE, d.id`).map(
    toDrill,
  );
}

export function listDrillTags(db: Database): string[] {
  return all<{ tag: string }>(
    db,
    sql`SELECT DISTINCT t.tag FROM drill_tags t JOIN drills d ON d.id = t.drill_id
        WHERE d.deleted_at IS NULL ORDER BY t.tag COLLATE NOCASE, t.tag`,
  ).map((r) => r.tag);
}

type ClipInput = { mediaSha256: string; startSec: number; endSec: number; callId?: Id | null | undefined };

/** A clip must be a span inside a recording the library has. */
function checkClip(db: Database, c: ClipInput | null | undefined, what: string): void {
  if (!c) return;
  const media = get<{ duration_sec: number }>(db, sql`SELECT duration_sec FROM media WHERE sha256 = ${c.mediaSha256}`);
  if (!media) throw new AppError('not_found', `The recording for the ${what} is not in the library.`);
  if (c.endSec <= c.startSec) throw new AppError('invalid_input', `The ${what} must end after it starts.`);
  if (c.endSec > media.duration_sec + 0.001) {
    throw new AppError('invalid_input', `The ${what} runs past the end of its recording.`);
  }
  if (c.callId && !get(db, sql`SELECT id FROM calls WHERE id = ${c.callId} AND media_sha256 = ${c.mediaSha256}`)) {
    throw new AppError('invalid_input', `The ${what} does not come from that call.`);
  }
}

function checkRubric(db: Database, rubricId: Id | null | undefined): void {
  if (!rubricId) return;
  if (!get(db, sql`SELECT id FROM rubrics WHERE id = ${rubricId} AND deleted_at IS NULL`)) {
    throw new AppError('not_found', 'That rubric is not in the library (it may be in the trash).');
  }
}

function writeTags(db: Database, id: Id, tags: readonly string[]): void {
  run(db, sql`DELETE FROM drill_tags WHERE drill_id = ${id}`);
  // COLLATE NOCASE on the key: "Pricing" and "pricing" are one tag.
  for (const tag of tags) run(db, sql`INSERT OR IGNORE INTO drill_tags (drill_id, tag) VALUES (${id}, ${tag})`);
}

export function createDrill(db: Database, input: DrillInput, seedKey: string | null = null): Drill {
  const id = newId();
  db.transaction(() => {
    checkRubric(db, input.rubricId);
    checkClip(db, input.promptClip, 'prompt clip');
    checkClip(db, input.modelAnswer, 'model answer');
    const now = nowIso();
    const p = input.promptClip ?? null;
    const m = input.modelAnswer ?? null;
    run(
      db,
      sql`INSERT INTO drills (id, title, skill, persona_role, persona_company, persona_mood, prompt_text,
            prompt_media_sha256, prompt_start_sec, prompt_end_sec, prompt_call_id, time_limit_sec, rubric_id, notes,
            model_media_sha256, model_start_sec, model_end_sec, model_call_id, seed_key, created_at, updated_at)
          VALUES (${id}, ${input.title}, ${input.skill}, ${input.persona.role}, ${input.persona.company},
            ${input.persona.mood}, ${input.promptText}, ${p?.mediaSha256}, ${p?.startSec}, ${p?.endSec}, ${p?.callId},
            ${input.timeLimitSec}, ${input.rubricId}, ${input.notes}, ${m?.mediaSha256}, ${m?.startSec}, ${m?.endSec},
            ${m?.callId}, ${seedKey}, ${now}, ${now})`,
    );
    writeTags(db, id, input.tags);
  })();
  return getDrill(db, id);
}

export interface DrillPatch {
  id: Id;
  title?: string | undefined;
  skill?: DrillSkill | undefined;
  persona?: { role: string; company: string; mood: BuyerMood } | undefined;
  promptText?: string | undefined;
  promptClip?: ClipInput | null | undefined;
  timeLimitSec?: number | undefined;
  rubricId?: Id | null | undefined;
  notes?: string | undefined;
  modelAnswer?: ClipInput | null | undefined;
  tags?: string[] | undefined;
}

export function updateDrill(db: Database, patch: DrillPatch): Drill {
  db.transaction(() => {
    const d = getDrill(db, patch.id);
    if (patch.rubricId !== undefined) checkRubric(db, patch.rubricId);
    if (patch.promptClip !== undefined) checkClip(db, patch.promptClip, 'prompt clip');
    if (patch.modelAnswer !== undefined) checkClip(db, patch.modelAnswer, 'model answer');
    const persona = patch.persona ?? d.persona;
    const p = patch.promptClip === undefined ? d.promptClip : patch.promptClip;
    const m = patch.modelAnswer === undefined ? d.modelAnswer : patch.modelAnswer;
    const promptText = patch.promptText ?? d.promptText;
    if (!promptText.trim() && !p) {
      throw new AppError('invalid_input', 'Write what the buyer says, or use a clip from a call.');
    }
    run(
      db,
      sql`UPDATE drills SET title = ${patch.title ?? d.title}, skill = ${patch.skill ?? d.skill},
            persona_role = ${persona.role}, persona_company = ${persona.company}, persona_mood = ${persona.mood},
            prompt_text = ${promptText},
            prompt_media_sha256 = ${p?.mediaSha256}, prompt_start_sec = ${p?.startSec}, prompt_end_sec = ${p?.endSec},
            prompt_call_id = ${p?.callId},
            time_limit_sec = ${patch.timeLimitSec ?? d.timeLimitSec},
            rubric_id = ${patch.rubricId === undefined ? d.rubricId : patch.rubricId},
            notes = ${patch.notes ?? d.notes},
            model_media_sha256 = ${m?.mediaSha256}, model_start_sec = ${m?.startSec}, model_end_sec = ${m?.endSec},
            model_call_id = ${m?.callId},
            updated_at = ${nowIso()}
          WHERE id = ${patch.id}`,
    );
    if (patch.tags) writeTags(db, patch.id, patch.tags);
  })();
  return getDrill(db, patch.id);
}

export function removeDrill(db: Database, id: Id): void {
  getDrill(db, id);
  const now = nowIso();
  run(db, sql`UPDATE drills SET deleted_at = ${now}, updated_at = ${now} WHERE id = ${id}`);
}

export function restoreDrill(db: Database, id: Id): Drill {
  getDrill(db, id, { includeTrash: true });
  run(db, sql`UPDATE drills SET deleted_at = NULL, updated_at = ${nowIso()} WHERE id = ${id}`);
  return getDrill(db, id);
}
