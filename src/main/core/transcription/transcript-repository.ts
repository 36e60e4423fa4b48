/**
 * Transcripts, their segments, words and speakers. A transcript is written in
 * one transaction at the end of a run (a cancelled run leaves nothing), and a
 * new run replaces the old one in one transaction too. Speakers outlive a
 * re-transcription so names and person mappings a coach set are kept.
 */
import type { Database } from 'better-sqlite3';
import type { Id, Speaker, Transcript, TranscriptSegment, TranscriptWord } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { newId, nowIso } from '../db/ids';
import { all, get, run, sql } from '../db/sql';

export interface MediaRow {
  sha256: string;
  ext: string;
  duration_sec: number;
  channels: number;
}

export function getMedia(db: Database, sha256: string): MediaRow {
  const row = get<MediaRow>(db, sql`SELECT sha256, ext, duration_sec, channels FROM media WHERE sha256 = ${sha256}`);
  if (!row) throw new AppError('not_found', 'That recording is no longer in the library.');
  return row;
}

// ---------------------------------------------------------------------------
// Speakers

interface SpeakerRow {
  id: string;
  media_sha256: string;
  channel: number | null;
  label: string;
  person_id: string | null;
  person_name: string | null;
  is_customer: number;
}

const toSpeaker = (r: SpeakerRow): Speaker => ({
  id: r.id,
  mediaSha256: r.media_sha256,
  channel: r.channel,
  label: r.label,
  personId: r.person_id,
  personName: r.person_name,
  isCustomer: r.is_customer === 1,
  displayName: r.person_name ?? r.label,
});

const speakerColumns = sql`s.id, s.media_sha256, s.channel, s.label, s.person_id, s.is_customer,
  (SELECT name FROM people p WHERE p.id = s.person_id) AS person_name`;

export const listSpeakers = (db: Database, mediaSha256: string): Speaker[] =>
  all<SpeakerRow>(
    db,
    sql`SELECT ${speakerColumns} FROM speakers s WHERE s.media_sha256 = ${mediaSha256}
        ORDER BY s.channel IS NULL, s.channel, s.created_at, s.id`,
  ).map(toSpeaker);

export function getSpeaker(db: Database, id: Id): Speaker {
  const row = get<SpeakerRow>(db, sql`SELECT ${speakerColumns} FROM speakers s WHERE s.id = ${id}`);
  if (!row) throw new AppError('not_found', 'That speaker no longer exists.');
  return toSpeaker(row);
}

export function addSpeaker(db: Database, mediaSha256: string, label: string, channel: number | null = null): Speaker {
  getMedia(db, mediaSha256);
  const id = newId();
  const now = nowIso();
  run(
    db,
    sql`INSERT INTO speakers (id, media_sha256, channel, label, created_at, updated_at)
        VALUES (${id}, ${mediaSha256}, ${channel}, ${label}, ${now}, ${now})`,
  );
  return getSpeaker(db, id);
}

export function updateSpeaker(
  db: Database,
  input: { speakerId: Id; label?: string; personId?: Id | null; isCustomer?: boolean },
): Speaker {
  const current = getSpeaker(db, input.speakerId);
  if (input.personId) {
    const person = get(db, sql`SELECT id FROM people WHERE id = ${input.personId} AND deleted_at IS NULL`);
    if (!person) throw new AppError('not_found', 'That person no longer exists.');
  }
  run(
    db,
    sql`UPDATE speakers SET label = ${input.label ?? current.label},
        person_id = ${input.personId === undefined ? current.personId : input.personId},
        is_customer = ${input.isCustomer ?? current.isCustomer}, updated_at = ${nowIso()}
        WHERE id = ${input.speakerId}`,
  );
  return getSpeaker(db, input.speakerId);
}

const CHANNEL_LABELS = ['Left channel', 'Right channel'];

/**
 * The speakers a fresh transcript starts with: one per channel for stereo,
 * one for mono. Existing ones (renamed, mapped to a person) are reused.
 */
export function ensureSpeakers(db: Database, mediaSha256: string, channels: number): Speaker[] {
  const existing = listSpeakers(db, mediaSha256);
  if (channels >= 2) {
    for (let c = 0; c < 2; c++) {
      if (!existing.some((s) => s.channel === c))
        addSpeaker(db, mediaSha256, CHANNEL_LABELS[c] ?? `Channel ${c + 1}`, c);
    }
  } else if (existing.length === 0) {
    addSpeaker(db, mediaSha256, 'Speaker 1');
  }
  return listSpeakers(db, mediaSha256);
}

// ---------------------------------------------------------------------------
// Transcripts

export interface NewSegment {
  startSec: number;
  endSec: number;
  text: string;
  speakerId: Id | null;
  confidence: number | null;
  words: TranscriptWord[];
}

export interface NewTranscript {
  mediaSha256: string;
  modelId: string;
  language: string | null;
  verbatim: boolean;
  jobId: Id | null;
  segments: NewSegment[];
}

const clamp01 = (v: number | null | undefined): number | null =>
  v === null || v === undefined || !Number.isFinite(v) ? null : Math.min(1, Math.max(0, v));

/** True when most of `fresh` lies inside `kept`: a brush at the edges is not the same words. */
const coveredBy = (kept: { startSec: number; endSec: number }, fresh: { startSec: number; endSec: number }) => {
  const shared = Math.min(kept.endSec, fresh.endSec) - Math.max(kept.startSec, fresh.startSec);
  return shared > 0 && shared >= (fresh.endSec - fresh.startSec) / 2;
};

/**
 * Replaces the recording's transcript (segments, words) in one go. Call inside a transaction.
 *
 * Segments a coach corrected are kept by default (`keepEdited`): a correction is
 * worth more than whatever a new run hears there, so the new run's segments that
 * lie mostly inside a corrected one are dropped and the corrected one keeps its id,
 * text, words and speaker. Returns how many corrected segments were kept.
 */
export function replaceTranscript(db: Database, t: NewTranscript, opts: { keepEdited?: boolean } = {}): number {
  const now = nowIso();
  const existing = get<{ created_at: string }>(
    db,
    sql`SELECT created_at FROM transcripts WHERE media_sha256 = ${t.mediaSha256}`,
  );
  const kept =
    opts.keepEdited === false ? [] : (getTranscript(db, t.mediaSha256)?.segments.filter((s) => s.edited) ?? []);
  run(db, sql`DELETE FROM transcripts WHERE media_sha256 = ${t.mediaSha256}`);
  run(
    db,
    sql`INSERT INTO transcripts (media_sha256, model_id, language, verbatim, job_id, created_at, updated_at)
        VALUES (${t.mediaSha256}, ${t.modelId}, ${t.language}, ${t.verbatim}, ${t.jobId},
                ${existing?.created_at ?? now}, ${now})`,
  );
  const insertSegment = db.prepare(
    `INSERT INTO transcript_segments (id, media_sha256, ordinal, start_sec, end_sec, text, speaker_id, confidence, edited, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertWord = db.prepare(
    `INSERT INTO transcript_words (segment_id, ordinal, start_sec, end_sec, text, confidence) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const speakerIds = new Set(listSpeakers(db, t.mediaSha256).map((s) => s.id));
  const merged = [
    ...kept.map((k) => ({ ...k, keptId: k.id })),
    ...t.segments.filter((s) => !kept.some((k) => coveredBy(k, s))).map((s) => ({ ...s, keptId: null })),
  ].sort((a, b) => a.startSec - b.startSec || a.endSec - b.endSec);
  merged.forEach((s, i) => {
    const id = s.keptId ?? newId();
    const speakerId = s.speakerId && speakerIds.has(s.speakerId) ? s.speakerId : null;
    insertSegment.run(
      id,
      t.mediaSha256,
      i,
      s.startSec,
      s.endSec,
      s.text,
      speakerId,
      clamp01(s.confidence),
      s.keptId ? 1 : 0,
      now,
    );
    s.words.forEach((w, j) => insertWord.run(id, j, w.startSec, w.endSec, w.text, clamp01(w.confidence)));
  });
  return kept.length;
}

interface SegmentRow {
  id: string;
  ordinal: number;
  start_sec: number;
  end_sec: number;
  text: string;
  speaker_id: string | null;
  confidence: number | null;
  edited: number;
}
interface WordRow {
  segment_id: string;
  start_sec: number;
  end_sec: number;
  text: string;
  confidence: number | null;
}

const toWord = (w: WordRow): TranscriptWord => ({
  text: w.text,
  startSec: w.start_sec,
  endSec: w.end_sec,
  confidence: w.confidence,
});

const toSegment = (r: SegmentRow, words: TranscriptWord[]): TranscriptSegment => ({
  id: r.id,
  ordinal: r.ordinal,
  startSec: r.start_sec,
  endSec: r.end_sec,
  text: r.text,
  speakerId: r.speaker_id,
  confidence: r.confidence,
  edited: r.edited === 1,
  words,
});

export function getTranscript(db: Database, mediaSha256: string): Transcript | null {
  const head = get<{
    model_id: string;
    language: string | null;
    verbatim: number;
    created_at: string;
    updated_at: string;
    duration_sec: number;
  }>(
    db,
    sql`SELECT t.model_id, t.language, t.verbatim, t.created_at, t.updated_at, m.duration_sec
        FROM transcripts t JOIN media m ON m.sha256 = t.media_sha256 WHERE t.media_sha256 = ${mediaSha256}`,
  );
  if (!head) return null;
  const words = new Map<string, TranscriptWord[]>();
  for (const w of all<WordRow>(
    db,
    sql`SELECT w.segment_id, w.start_sec, w.end_sec, w.text, w.confidence
        FROM transcript_words w JOIN transcript_segments s ON s.id = w.segment_id
        WHERE s.media_sha256 = ${mediaSha256} ORDER BY s.ordinal, w.ordinal`,
  )) {
    let list = words.get(w.segment_id);
    if (!list) words.set(w.segment_id, (list = []));
    list.push(toWord(w));
  }
  const segments = all<SegmentRow>(
    db,
    sql`SELECT id, ordinal, start_sec, end_sec, text, speaker_id, confidence, edited
        FROM transcript_segments WHERE media_sha256 = ${mediaSha256} ORDER BY ordinal`,
  ).map((r) => toSegment(r, words.get(r.id) ?? []));
  return {
    mediaSha256,
    modelId: head.model_id,
    language: head.language,
    verbatim: head.verbatim === 1,
    durationSec: head.duration_sec,
    speakers: listSpeakers(db, mediaSha256),
    segments,
    createdAt: head.created_at,
    updatedAt: head.updated_at,
  };
}

function getSegmentRow(db: Database, id: Id): SegmentRow & { media_sha256: string } {
  const row = get<SegmentRow & { media_sha256: string }>(
    db,
    sql`SELECT id, media_sha256, ordinal, start_sec, end_sec, text, speaker_id, confidence, edited
        FROM transcript_segments WHERE id = ${id}`,
  );
  if (!row) throw new AppError('not_found', 'That part of the transcript no longer exists.');
  return row;
}

export function getSegment(db: Database, id: Id): TranscriptSegment & { mediaSha256: string } {
  const row = getSegmentRow(db, id);
  const words = all<WordRow>(
    db,
    sql`SELECT segment_id, start_sec, end_sec, text, confidence FROM transcript_words
        WHERE segment_id = ${id} ORDER BY ordinal`,
  ).map(toWord);
  return { ...toSegment(row, words), mediaSha256: row.media_sha256 };
}

/**
 * Words for edited text. Same number of words: each keeps its timing (a typo
 * fixed). Otherwise the words are spread over the old words' span in
 * proportion to their length — close enough to highlight and seek by.
 */
export function rederiveWords(old: TranscriptWord[], text: string, segStart: number, segEnd: number): TranscriptWord[] {
  const tokens = text.split(/\s+/).filter(Boolean);
  if (tokens.length === old.length) {
    return old.map((w, i) => {
      const t = tokens[i] ?? w.text;
      return { ...w, text: t, confidence: t === w.text ? w.confidence : null };
    });
  }
  const from = old[0]?.startSec ?? segStart;
  const to = old.at(-1)?.endSec ?? segEnd;
  const span = Math.max(0, to - from);
  const total = tokens.reduce((n, t) => n + t.length, 0) || 1;
  let cursor = from;
  return tokens.map((t) => {
    const start = cursor;
    const end = Math.min(to, start + (span * t.length) / total);
    cursor = end;
    return { text: t, startSec: round3(start), endSec: round3(Math.max(start, end)), confidence: null };
  });
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

export function updateSegmentText(
  db: Database,
  id: Id,
  text: string,
): { segment: TranscriptSegment; previousText: string } {
  return db.transaction(() => {
    const current = getSegment(db, id);
    const words = rederiveWords(current.words, text, current.startSec, current.endSec);
    const now = nowIso();
    run(db, sql`UPDATE transcript_segments SET text = ${text}, edited = 1, updated_at = ${now} WHERE id = ${id}`);
    run(db, sql`DELETE FROM transcript_words WHERE segment_id = ${id}`);
    words.forEach((w, j) =>
      run(
        db,
        sql`INSERT INTO transcript_words (segment_id, ordinal, start_sec, end_sec, text, confidence)
            VALUES (${id}, ${j}, ${w.startSec}, ${w.endSec}, ${w.text}, ${w.confidence})`,
      ),
    );
    run(db, sql`UPDATE transcripts SET updated_at = ${now} WHERE media_sha256 = ${current.mediaSha256}`);
    const { mediaSha256: _media, ...segment } = getSegment(db, id);
    return { segment, previousText: current.text };
  })();
}

export function assignSpeaker(db: Database, segmentId: Id, speakerId: Id): TranscriptSegment & { mediaSha256: string } {
  const segment = getSegmentRow(db, segmentId);
  const speaker = getSpeaker(db, speakerId);
  if (speaker.mediaSha256 !== segment.media_sha256) {
    throw new AppError('invalid_input', 'That speaker belongs to another recording.');
  }
  run(
    db,
    sql`UPDATE transcript_segments SET speaker_id = ${speakerId}, updated_at = ${nowIso()} WHERE id = ${segmentId}`,
  );
  return getSegment(db, segmentId);
}
