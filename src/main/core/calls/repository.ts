import type { Database } from 'better-sqlite3';
import type {
  Call,
  CallProgressFilter,
  CallSortField,
  CallTranscription,
  CallType,
  Id,
  MediaInfo,
} from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { newId, nowIso } from '../db/ids';
import type { Query } from '../db/sql';
import { all, get, run, sql } from '../db/sql';
import type { ImportResult } from '../media';
import { submittedReviewerCount } from '../coaching/scorecards/repository';
import { insertMediaRow } from '../media/repository';
import { transcriptionStateOf } from '../transcription/job-repository';

interface CallRow {
  id: string;
  title: string;
  source_name: string;
  rep_id: string | null;
  customer: string;
  call_type: CallType;
  stage: string;
  call_date: string | null;
  notes: string;
  last_position_sec: number;
  media_missing: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  tags: string | null;
  transcription: CallTranscription;
  reviewed_by: number;
  is_sample: number;
  sha256: string;
  ext: string;
  size_bytes: number;
  duration_sec: number;
  channels: number;
  sample_rate: number;
  codec: string;
  has_video: number;
  width: number | null;
  height: number | null;
}

export const mediaFileName = (sha256: string, ext: string) => `${sha256}.${ext}`;

const toMedia = (r: CallRow): MediaInfo => ({
  sha256: r.sha256,
  fileName: mediaFileName(r.sha256, r.ext),
  sizeBytes: r.size_bytes,
  durationSec: r.duration_sec,
  channels: r.channels,
  sampleRate: r.sample_rate,
  codec: r.codec,
  hasVideo: r.has_video === 1,
  width: r.width,
  height: r.height,
});

const toCall = (r: CallRow): Call => ({
  id: r.id,
  title: r.title,
  sourceName: r.source_name,
  repId: r.rep_id,
  customer: r.customer,
  callType: r.call_type,
  stage: r.stage,
  callDate: r.call_date,
  // Tags ride in one column (unit separator) so a 10,000-call list is one query.
  tags: r.tags ? r.tags.split('\u001f').sort((a, b) => a.localeCompare(b)) : [],
  notes: r.notes,
  status: r.media_missing ? 'missing' : 'ready',
  transcription: r.transcription,
  isSample: r.is_sample === 1,
  reviewedBy: r.reviewed_by,
  lastPositionSec: r.last_position_sec,
  media: toMedia(r),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  deletedAt: r.deleted_at,
});

const TRANSCRIPTION = transcriptionStateOf(sql`c.media_sha256`);
const REVIEWED_BY = submittedReviewerCount(sql`c.id`);

const SELECT_CALLS = sql`
  SELECT c.id, c.title, c.source_name, c.rep_id, c.customer, c.call_type, c.stage, c.call_date, c.notes,
         c.last_position_sec, c.media_missing, c.created_at, c.updated_at, c.deleted_at, c.is_sample,
         (SELECT group_concat(tag, char(31)) FROM call_tags t WHERE t.call_id = c.id) AS tags,
         ${TRANSCRIPTION} AS transcription, ${REVIEWED_BY} AS reviewed_by,
         m.sha256, m.ext, m.size_bytes, m.duration_sec, m.channels, m.sample_rate, m.codec, m.has_video,
         m.width, m.height
  FROM calls c JOIN media m ON m.sha256 = c.media_sha256`;

const SORT_COLUMNS: Record<CallSortField, Query> = {
  callDate: sql`coalesce(c.call_date, substr(c.created_at, 1, 10))`,
  title: sql`c.title COLLATE NOCASE`,
  customer: sql`c.customer COLLATE NOCASE`,
  duration: sql`m.duration_sec`,
  createdAt: sql`c.created_at`,
};

const PROGRESS_FILTERS: Record<CallProgressFilter, Query> = {
  // A failed transcription is still "not transcribed": the list is what Transcribe all would pick up.
  untranscribed: sql`${TRANSCRIPTION} IN ('none', 'failed')`,
  transcribing: sql`${TRANSCRIPTION} = 'transcribing'`,
  transcribed: sql`${TRANSCRIPTION} = 'transcribed'`,
  reviewed: sql`${REVIEWED_BY} > 0`,
};

/**
 * Recordings of library calls (not in the trash, file present) with no
 * transcript and nothing queued: what "Transcribe all" queues, oldest call first.
 */
export function untranscribedMedia(db: Database): string[] {
  return all<{ sha256: string }>(
    db,
    sql`SELECT c.media_sha256 AS sha256 FROM calls c
        WHERE c.deleted_at IS NULL AND c.media_missing = 0 AND ${TRANSCRIPTION} IN ('none', 'failed')
        GROUP BY c.media_sha256 ORDER BY min(c.created_at), c.media_sha256`,
  ).map((r) => r.sha256);
}

export interface CallFilter {
  search?: string;
  repId?: Id;
  callType?: CallType;
  tag?: string;
  dateFrom?: string;
  dateTo?: string;
  progress?: CallProgressFilter;
  trackerId?: Id;
  sort: CallSortField;
  direction: 'asc' | 'desc';
  trash: boolean;
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function listCalls(db: Database, filter: CallFilter): Call[] {
  const where: Query[] = [filter.trash ? sql`c.deleted_at IS NOT NULL` : sql`c.deleted_at IS NULL`];
  if (filter.repId) where.push(sql`c.rep_id = ${filter.repId}`);
  if (filter.callType) where.push(sql`c.call_type = ${filter.callType}`);
  if (filter.tag) where.push(sql`EXISTS (SELECT 1 FROM call_tags t WHERE t.call_id = c.id AND t.tag = ${filter.tag})`);
  if (filter.dateFrom) where.push(sql`coalesce(c.call_date, substr(c.created_at, 1, 10)) >= ${filter.dateFrom}`);
  if (filter.dateTo) where.push(sql`coalesce(c.call_date, substr(c.created_at, 1, 10)) <= ${filter.dateTo}`);
  if (filter.progress) where.push(PROGRESS_FILTERS[filter.progress]);
  if (filter.trackerId) {
    where.push(
      sql`EXISTS (SELECT 1 FROM tracker_hits h WHERE h.media_sha256 = c.media_sha256 AND h.tracker_id = ${filter.trackerId})`,
    );
  }
  const search = filter.search?.trim();
  if (search) {
    // Every word must appear somewhere in the call's title or metadata.
    for (const word of search.split(/\s+/)) {
      const p = likePattern(word);
      where.push(sql`(c.title LIKE ${p} ESCAPE '\\' OR c.customer LIKE ${p} ESCAPE '\\' OR c.stage LIKE ${p} ESCAPE '\\'
        OR c.notes LIKE ${p} ESCAPE '\\' OR c.source_name LIKE ${p} ESCAPE '\\'
        OR EXISTS (SELECT 1 FROM people p WHERE p.id = c.rep_id AND p.name LIKE ${p} ESCAPE '\\')
        OR EXISTS (SELECT 1 FROM call_tags t WHERE t.call_id = c.id AND t.tag LIKE ${p} ESCAPE '\\'))`);
    }
  }
  const joined = where.reduce((acc, q, i) => (i === 0 ? q : sql`${acc} AND ${q}`));
  const order = filter.direction === 'asc' ? sql`ASC` : sql`DESC`;
  return all<CallRow>(
    db,
    sql`${SELECT_CALLS} WHERE ${joined} ORDER BY ${SORT_COLUMNS[filter.sort]} ${order}, c.id ${order}`,
  ).map(toCall);
}

export function getCall(db: Database, id: Id, opts: { includeTrash?: boolean } = {}): Call {
  const row = get<CallRow>(db, sql`${SELECT_CALLS} WHERE c.id = ${id}`);
  if (!row || (row.deleted_at && !opts.includeTrash))
    throw new AppError('not_found', 'That call is not in the library.');
  return toCall(row);
}

export function findCallByMedia(db: Database, sha256: string): Call | null {
  const row = get<CallRow>(db, sql`${SELECT_CALLS} WHERE c.media_sha256 = ${sha256}`);
  return row ? toCall(row) : null;
}

const titleFromFileName = (name: string) => {
  const base = name
    .replace(/\.[^.]+$/, '')
    .replace(/[_]+/g, ' ')
    .trim();
  return (base || name).slice(0, 200);
};

/** Records a freshly imported recording and its call in one transaction. */
export function insertImportedCall(
  db: Database,
  imported: ImportResult,
  sourceName: string,
  defaults: { repId: Id | null },
): Call {
  const id = newId();
  const now = nowIso();
  db.transaction(() => {
    insertMediaRow(db, imported, now);
    run(
      db,
      sql`INSERT INTO calls (id, media_sha256, title, source_name, rep_id, created_at, updated_at)
          VALUES (${id}, ${imported.sha256}, ${titleFromFileName(sourceName)}, ${sourceName}, ${defaults.repId}, ${now}, ${now})`,
    );
  })();
  return getCall(db, id);
}

export interface CallPatch {
  id: Id;
  title?: string;
  repId?: Id | null;
  customer?: string;
  callType?: CallType;
  stage?: string;
  callDate?: string | null;
  tags?: string[];
  notes?: string;
}

export function updateCall(db: Database, patch: CallPatch): Call {
  db.transaction(() => {
    const c = getCall(db, patch.id);
    if (patch.repId) {
      const rep = get<{ id: string }>(db, sql`SELECT id FROM people WHERE id = ${patch.repId} AND deleted_at IS NULL`);
      if (!rep) throw new AppError('not_found', 'That rep is no longer in People.');
    }
    run(
      db,
      sql`UPDATE calls SET
            title = ${patch.title ?? c.title},
            rep_id = ${patch.repId === undefined ? c.repId : patch.repId},
            customer = ${patch.customer ?? c.customer},
            call_type = ${patch.callType ?? c.callType},
            stage = ${patch.stage ?? c.stage},
            call_date = ${patch.callDate === undefined ? c.callDate : patch.callDate},
            notes = ${patch.notes ?? c.notes},
            updated_at = ${nowIso()}
          WHERE id = ${patch.id}`,
    );
    if (patch.tags) {
      run(db, sql`DELETE FROM call_tags WHERE call_id = ${patch.id}`);
      for (const tag of new Set(patch.tags.map((t) => t.trim()))) {
        run(db, sql`INSERT OR IGNORE INTO call_tags (call_id, tag) VALUES (${patch.id}, ${tag})`);
      }
    }
  })();
  return getCall(db, patch.id);
}

export function setPosition(db: Database, id: Id, positionSec: number): void {
  // No updated_at bump: where playback stopped is not an edit of the call.
  run(db, sql`UPDATE calls SET last_position_sec = ${positionSec} WHERE id = ${id}`);
}

export function moveToTrash(db: Database, ids: Id[]): void {
  const now = nowIso();
  db.transaction(() => {
    for (const id of ids) {
      getCall(db, id);
      run(db, sql`UPDATE calls SET deleted_at = ${now}, updated_at = ${now} WHERE id = ${id}`);
    }
  })();
}

export function restoreFromTrash(db: Database, ids: Id[]): void {
  const now = nowIso();
  db.transaction(() => {
    for (const id of ids) {
      getCall(db, id, { includeTrash: true });
      run(db, sql`UPDATE calls SET deleted_at = NULL, updated_at = ${now} WHERE id = ${id}`);
    }
  })();
}

/**
 * Deletes the chosen calls for good (their annotations, scorecards and
 * transcripts' links cascade) and returns the media files nothing uses any
 * more, for the caller to remove from disk after the commit.
 */
function deleteCallsForGood(db: Database, which: Query): { deleted: number; orphanFiles: string[] } {
  return db.transaction(() => {
    const { changes } = run(db, sql`DELETE FROM calls WHERE ${which}`);
    const orphans = all<{ sha256: string; ext: string }>(
      db,
      // Drill attempts and drill clips keep their recordings too (issue 6).
      sql`SELECT sha256, ext FROM media m WHERE NOT EXISTS (SELECT 1 FROM calls c WHERE c.media_sha256 = m.sha256)
          AND NOT EXISTS (SELECT 1 FROM attempts a WHERE a.media_sha256 = m.sha256)
          AND NOT EXISTS (SELECT 1 FROM drills d WHERE m.sha256 IN (d.prompt_media_sha256, d.model_media_sha256))`,
    );
    for (const o of orphans) run(db, sql`DELETE FROM media WHERE sha256 = ${o.sha256}`);
    return {
      deleted: changes,
      orphanFiles: orphans.flatMap((o) => [mediaFileName(o.sha256, o.ext), `${o.sha256}.peaks`]),
    };
  })();
}

/** Empties the trash: trashed calls deleted for good, files to remove returned. */
export const purgeTrash = (db: Database) => deleteCallsForGood(db, sql`deleted_at IS NOT NULL`);

/** Removes the sample call (in the library or the trash) for good. */
export const deleteSampleCalls = (db: Database) => deleteCallsForGood(db, sql`is_sample = 1`);

/** The sample call if it was opened before (a trashed one too), newest first. */
export function findSampleCall(db: Database): Call | null {
  const row = get<CallRow>(db, sql`${SELECT_CALLS} WHERE c.is_sample = 1 ORDER BY c.deleted_at IS NOT NULL, c.id DESC`);
  return row ? toCall(row) : null;
}

/** Marks a freshly imported call as the sample and fills in what its script says. */
export function markSampleCall(
  db: Database,
  id: Id,
  facts: { title: string; customer: string; callType: CallType; stage: string; callDate: string; repId: Id },
): Call {
  run(
    db,
    sql`UPDATE calls SET is_sample = 1, title = ${facts.title}, customer = ${facts.customer},
          call_type = ${facts.callType}, stage = ${facts.stage}, call_date = ${facts.callDate},
          rep_id = ${facts.repId}, updated_at = ${nowIso()}
        WHERE id = ${id}`,
  );
  return getCall(db, id);
}

export function setMediaMissing(db: Database, sha256: string, missing: boolean): void {
  run(db, sql`UPDATE calls SET media_missing = ${missing} WHERE media_sha256 = ${sha256}`);
}

export function allMedia(db: Database): Array<{ sha256: string; ext: string }> {
  return all(db, sql`SELECT sha256, ext FROM media`);
}

export function listTags(db: Database): string[] {
  return all<{ tag: string }>(
    db,
    sql`SELECT DISTINCT t.tag FROM call_tags t JOIN calls c ON c.id = t.call_id WHERE c.deleted_at IS NULL ORDER BY t.tag COLLATE NOCASE, t.tag`,
  ).map((r) => r.tag);
}
