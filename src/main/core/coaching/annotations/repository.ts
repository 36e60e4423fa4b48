import type { Database } from 'better-sqlite3';
import type { Annotation, AnnotationReply, Id } from '../../../../shared/domain';
import { AppError } from '../../../../shared/result';
import { newId, nowIso } from '../../db/ids';
import { all, get, run, sql } from '../../db/sql';
import { requireLiveCall, requireLivePerson, requireWithinCall } from '../guards';
import { requireLiveTag } from './tags';

interface AnnotationRow {
  id: Id;
  call_id: Id;
  author_id: Id;
  author_name: string;
  start_sec: number;
  end_sec: number | null;
  body: string;
  tag_id: Id | null;
  situation: string;
  behavior: string;
  impact: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

interface ReplyRow {
  id: Id;
  annotation_id: Id;
  author_id: Id;
  author_name: string;
  body: string;
  created_at: string;
  updated_at: string;
}

/** What nobody in particular may do; handlers fill in the acting person's permissions (`withPermissions`). */
const NOBODY = { edit: false, remove: false } as const;

const toReply = (r: ReplyRow): AnnotationReply => ({
  id: r.id,
  annotationId: r.annotation_id,
  authorId: r.author_id,
  authorName: r.author_name,
  body: r.body,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  can: NOBODY,
});

const toAnnotation = (r: AnnotationRow, replies: AnnotationReply[]): Annotation => ({
  id: r.id,
  callId: r.call_id,
  authorId: r.author_id,
  authorName: r.author_name,
  startSec: r.start_sec,
  endSec: r.end_sec,
  body: r.body,
  tagId: r.tag_id,
  situation: r.situation,
  behavior: r.behavior,
  impact: r.impact,
  replies,
  can: NOBODY,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  deletedAt: r.deleted_at,
});

const columns = sql`a.id, a.call_id, a.author_id, p.name AS author_name, a.start_sec, a.end_sec, a.body, a.tag_id,
  a.situation, a.behavior, a.impact, a.created_at, a.updated_at, a.deleted_at`;
const replyColumns = sql`r.id, r.annotation_id, r.author_id, p.name AS author_name, r.body, r.created_at, r.updated_at`;

export function listAnnotations(db: Database, callId: Id): Annotation[] {
  const rows = all<AnnotationRow>(
    db,
    sql`SELECT ${columns} FROM annotations a JOIN people p ON p.id = a.author_id
        WHERE a.call_id = ${callId} AND a.deleted_at IS NULL
        ORDER BY a.start_sec, a.created_at, a.id`,
  );
  const replies = new Map<Id, AnnotationReply[]>();
  for (const r of all<ReplyRow>(
    db,
    sql`SELECT ${replyColumns} FROM annotation_replies r
        JOIN annotations a ON a.id = r.annotation_id JOIN people p ON p.id = r.author_id
        WHERE a.call_id = ${callId} AND a.deleted_at IS NULL AND r.deleted_at IS NULL
        ORDER BY r.created_at, r.id`,
  )) {
    const list = replies.get(r.annotation_id) ?? [];
    list.push(toReply(r));
    replies.set(r.annotation_id, list);
  }
  return rows.map((r) => toAnnotation(r, replies.get(r.id) ?? []));
}

export function getAnnotation(db: Database, id: Id, opts: { includeDeleted?: boolean } = {}): Annotation {
  const row = get<AnnotationRow>(
    db,
    sql`SELECT ${columns} FROM annotations a JOIN people p ON p.id = a.author_id WHERE a.id = ${id}`,
  );
  if (!row || (row.deleted_at && !opts.includeDeleted))
    throw new AppError('not_found', 'That annotation no longer exists.');
  const replies = all<ReplyRow>(
    db,
    sql`SELECT ${replyColumns} FROM annotation_replies r JOIN people p ON p.id = r.author_id
        WHERE r.annotation_id = ${id} AND r.deleted_at IS NULL ORDER BY r.created_at, r.id`,
  ).map(toReply);
  return toAnnotation(row, replies);
}

export interface NewAnnotation {
  callId: Id;
  authorId: Id;
  startSec: number;
  endSec?: number | null | undefined;
  body: string;
  tagId?: Id | null | undefined;
  situation: string;
  behavior: string;
  impact: string;
}

export function createAnnotation(db: Database, input: NewAnnotation): Annotation {
  const call = requireLiveCall(db, input.callId);
  requireLivePerson(db, input.authorId, 'author');
  const endSec = input.endSec ?? null;
  requireWithinCall(call, input.startSec, endSec);
  if (input.tagId) requireLiveTag(db, input.tagId);
  const id = newId();
  const now = nowIso();
  run(
    db,
    sql`INSERT INTO annotations (id, call_id, author_id, start_sec, end_sec, body, tag_id, situation, behavior, impact,
          created_at, updated_at)
        VALUES (${id}, ${input.callId}, ${input.authorId}, ${input.startSec}, ${endSec}, ${input.body},
          ${input.tagId ?? null}, ${input.situation}, ${input.behavior}, ${input.impact}, ${now}, ${now})`,
  );
  return getAnnotation(db, id);
}

export interface AnnotationPatch {
  id: Id;
  startSec?: number | undefined;
  endSec?: number | null | undefined;
  body?: string | undefined;
  tagId?: Id | null | undefined;
  situation?: string | undefined;
  behavior?: string | undefined;
  impact?: string | undefined;
}

/**
 * Called on every (debounced) keystroke, so a text-only edit is one UPDATE by
 * primary key; the call's duration is only looked up when the times move.
 */
export function updateAnnotation(db: Database, patch: AnnotationPatch): Annotation {
  const current = get<{ call_id: Id; start_sec: number; end_sec: number | null; tag_id: Id | null }>(
    db,
    sql`SELECT call_id, start_sec, end_sec, tag_id FROM annotations WHERE id = ${patch.id} AND deleted_at IS NULL`,
  );
  if (!current) throw new AppError('not_found', 'That annotation no longer exists.');
  const startSec = patch.startSec ?? current.start_sec;
  const endSec = patch.endSec === undefined ? current.end_sec : patch.endSec;
  if (patch.startSec !== undefined || patch.endSec !== undefined) {
    requireWithinCall(requireLiveCall(db, current.call_id), startSec, endSec);
  }
  if (patch.tagId && patch.tagId !== current.tag_id) requireLiveTag(db, patch.tagId);
  run(
    db,
    sql`UPDATE annotations SET
          start_sec = ${startSec}, end_sec = ${endSec},
          body = coalesce(${patch.body}, body),
          tag_id = ${patch.tagId === undefined ? current.tag_id : patch.tagId},
          situation = coalesce(${patch.situation}, situation),
          behavior = coalesce(${patch.behavior}, behavior),
          impact = coalesce(${patch.impact}, impact),
          updated_at = ${nowIso()}
        WHERE id = ${patch.id}`,
  );
  return getAnnotation(db, patch.id);
}

export function removeAnnotation(db: Database, id: Id): Annotation {
  getAnnotation(db, id);
  run(db, sql`UPDATE annotations SET deleted_at = ${nowIso()}, updated_at = ${nowIso()} WHERE id = ${id}`);
  return getAnnotation(db, id, { includeDeleted: true });
}

export function restoreAnnotation(db: Database, id: Id): Annotation {
  const annotation = getAnnotation(db, id, { includeDeleted: true });
  requireLiveCall(db, annotation.callId);
  run(db, sql`UPDATE annotations SET deleted_at = NULL, updated_at = ${nowIso()} WHERE id = ${id}`);
  return getAnnotation(db, id);
}

export function getReply(db: Database, id: Id): AnnotationReply & { callId: Id } {
  const row = get<ReplyRow & { call_id: Id }>(
    db,
    sql`SELECT ${replyColumns}, a.call_id FROM annotation_replies r
        JOIN annotations a ON a.id = r.annotation_id JOIN people p ON p.id = r.author_id
        WHERE r.id = ${id} AND r.deleted_at IS NULL AND a.deleted_at IS NULL`,
  );
  if (!row) throw new AppError('not_found', 'That reply no longer exists.');
  return { ...toReply(row), callId: row.call_id };
}

export function addReply(
  db: Database,
  input: { annotationId: Id; authorId: Id; body: string },
): AnnotationReply & { callId: Id } {
  getAnnotation(db, input.annotationId);
  requireLivePerson(db, input.authorId, 'author');
  const id = newId();
  const now = nowIso();
  run(
    db,
    sql`INSERT INTO annotation_replies (id, annotation_id, author_id, body, created_at, updated_at)
        VALUES (${id}, ${input.annotationId}, ${input.authorId}, ${input.body}, ${now}, ${now})`,
  );
  return getReply(db, id);
}

export function updateReply(db: Database, input: { id: Id; body: string }): AnnotationReply & { callId: Id } {
  getReply(db, input.id);
  run(db, sql`UPDATE annotation_replies SET body = ${input.body}, updated_at = ${nowIso()} WHERE id = ${input.id}`);
  return getReply(db, input.id);
}

export function removeReply(db: Database, id: Id): AnnotationReply & { callId: Id } {
  const reply = getReply(db, id);
  run(db, sql`UPDATE annotation_replies SET deleted_at = ${nowIso()}, updated_at = ${nowIso()} WHERE id = ${id}`);
  return reply;
}

export interface AnnotationSearchRow {
  annotation_id: Id;
  call_id: Id;
  call_title: string;
  start_sec: number;
  author_name: string;
  /** One snippet per searchable field: body, situation, behavior, impact. */
  body_snippet: string;
  situation_snippet: string;
  behavior_snippet: string;
  impact_snippet: string;
}

/**
 * Annotations (their words and Situation / Behavior / Impact) matching an FTS5
 * query, on calls in the library; best match first. Open and close are the
 * markers the snippets put around matched words.
 */
export function searchAnnotations(
  db: Database,
  ftsQuery: string,
  marks: { open: string; close: string },
  limit: number,
): AnnotationSearchRow[] {
  const snip = (column: number) => sql`snippet(annotations_fts, ${column}, ${marks.open}, ${marks.close}, '…', 16)`;
  return all<AnnotationSearchRow>(
    db,
    sql`SELECT a.id AS annotation_id, a.call_id, c.title AS call_title, a.start_sec, p.name AS author_name,
          ${snip(1)} AS body_snippet, ${snip(2)} AS situation_snippet, ${snip(3)} AS behavior_snippet,
          ${snip(4)} AS impact_snippet
        FROM annotations_fts f
        JOIN annotations a ON a.id = f.annotation_id AND a.deleted_at IS NULL
        JOIN calls c ON c.id = a.call_id AND c.deleted_at IS NULL
        JOIN people p ON p.id = a.author_id
        WHERE annotations_fts MATCH ${ftsQuery}
        ORDER BY bm25(annotations_fts), c.created_at DESC, a.start_sec, a.id
        LIMIT ${limit}`,
  );
}
