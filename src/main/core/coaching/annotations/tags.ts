import type { Database } from 'better-sqlite3';
import type { AnnotationTag, Id } from '../../../../shared/domain';
import { AppError } from '../../../../shared/result';
import { newId, nowIso } from '../../db/ids';
import { all, get, run, sql } from '../../db/sql';

interface TagRow {
  id: Id;
  name: string;
  color: string;
  position: number;
}

const toTag = (r: TagRow): AnnotationTag => ({ id: r.id, name: r.name, color: r.color, position: r.position });

/** A neutral colour for tags made without one. */
const DEFAULT_TAG_COLOR = '#828282';

export function listTags(db: Database): AnnotationTag[] {
  return all<TagRow>(
    db,
    sql`SELECT id, name, color, position FROM annotation_tags WHERE deleted_at IS NULL ORDER BY position, name, id`,
  ).map(toTag);
}

export function requireLiveTag(db: Database, id: Id): AnnotationTag {
  const row = get<TagRow & { deleted_at: string | null }>(
    db,
    sql`SELECT id, name, color, position, deleted_at FROM annotation_tags WHERE id = ${id}`,
  );
  if (!row) throw new AppError('not_found', 'That tag no longer exists.');
  if (row.deleted_at) throw new AppError('invalid_input', `The tag “${row.name}” has been removed; pick another.`);
  return toTag(row);
}

function refuseDuplicate(db: Database, name: string, exceptId: Id | null): void {
  const clash = get<{ id: Id }>(
    db,
    sql`SELECT id FROM annotation_tags WHERE name = ${name} AND deleted_at IS NULL AND id IS NOT ${exceptId}`,
  );
  if (clash) throw new AppError('conflict', `There is already a tag called “${name}”.`);
}

export function createTag(db: Database, input: { name: string; color?: string | undefined }): AnnotationTag {
  refuseDuplicate(db, input.name, null);
  const id = newId();
  const now = nowIso();
  const next = get<{ n: number }>(db, sql`SELECT coalesce(max(position) + 1, 0) AS n FROM annotation_tags`)?.n ?? 0;
  run(
    db,
    sql`INSERT INTO annotation_tags (id, name, color, position, created_at, updated_at)
        VALUES (${id}, ${input.name}, ${input.color ?? DEFAULT_TAG_COLOR}, ${next}, ${now}, ${now})`,
  );
  return requireLiveTag(db, id);
}

export function updateTag(
  db: Database,
  input: { id: Id; name?: string | undefined; color?: string | undefined; position?: number | undefined },
): AnnotationTag {
  requireLiveTag(db, input.id);
  if (input.name !== undefined) refuseDuplicate(db, input.name, input.id);
  run(
    db,
    sql`UPDATE annotation_tags SET name = coalesce(${input.name}, name), color = coalesce(${input.color}, color),
          position = coalesce(${input.position}, position), updated_at = ${nowIso()}
        WHERE id = ${input.id}`,
  );
  return requireLiveTag(db, input.id);
}

export function removeTag(db: Database, id: Id): void {
  requireLiveTag(db, id);
  run(db, sql`UPDATE annotation_tags SET deleted_at = ${nowIso()}, updated_at = ${nowIso()} WHERE id = ${id}`);
}
