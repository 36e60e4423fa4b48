/**
 * Keyword trackers: named phrase sets matched over transcripts as whole
 * words, whatever the case or punctuation ("Next-steps?" finds "next
 * steps"). Phrases are compared as token lists, never spliced into a regex
 * or an FTS query, so `"`, `*`, `(` or `NEAR` in a phrase are just text.
 */
import type { Database } from 'better-sqlite3';
import type { Id, Tracker, TrackerHit, TrackerSide } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import defaults from '../../../../resources/trackers/default-trackers.json';
import { newId, nowIso } from '../db/ids';
import { all, get, run, sql } from '../db/sql';
import type { MetricSegment } from './metrics';
import { sidedSegments } from './store';

/** Lower case, accents and apostrophes dropped, anything but letters and digits a word break. */
export function tokens(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['\u2018\u2019\u02bc]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

/** The phrases as token lists; a phrase with no letter or digit cannot match anything and is refused. */
export function phraseTokens(phrases: readonly string[]): string[][] {
  return phrases.map((p) => tokens(p));
}

/** Every whole-word occurrence of any phrase in the text, by token index, longest phrase first at a position. */
export function findPhrases(
  text: string | readonly string[],
  phrases: readonly string[][],
): Array<{ phraseIndex: number; at: number }> {
  const words = typeof text === 'string' ? tokens(text) : text;
  const order = phrases.map((p, i) => ({ p, i })).sort((a, b) => b.p.length - a.p.length || a.i - b.i);
  const found: Array<{ phraseIndex: number; at: number }> = [];
  for (let at = 0; at < words.length; at += 1) {
    const hit = order.find(({ p }) => p.length > 0 && p.every((w, k) => words[at + k] === w));
    if (hit) {
      found.push({ phraseIndex: hit.i, at });
      at += hit.p.length - 1;
    }
  }
  return found;
}

/**
 * Hits of one tracker over a recording's segments. On a recording without a
 * customer side, a rep or customer tracker cannot tell sides apart, so it
 * matches every segment and the hit's side is 'unknown'.
 */
export function matchTracker(
  tracker: Pick<Tracker, 'id' | 'name' | 'side' | 'phrases'>,
  segments: ReadonlyArray<MetricSegment & { id: string; words?: readonly string[] }>,
): TrackerHit[] {
  const hasSides = segments.some((s) => s.side === 'customer') && segments.some((s) => s.side === 'rep');
  const phrases = phraseTokens(tracker.phrases);
  const hits: TrackerHit[] = [];
  for (const segment of segments) {
    if (hasSides && tracker.side !== 'either' && segment.side !== tracker.side) continue;
    for (const { phraseIndex } of findPhrases(segment.words ?? segment.text, phrases)) {
      hits.push({
        trackerId: tracker.id,
        trackerName: tracker.name,
        segmentId: segment.id,
        startSec: segment.startSec,
        phrase: tracker.phrases[phraseIndex]!,
        side: hasSides ? (segment.side === 'unknown' ? 'unknown' : segment.side) : 'unknown',
      });
    }
  }
  return hits;
}

// ---------------------------------------------------------------------------
// Storage

interface TrackerRow {
  id: string;
  name: string;
  side: TrackerSide;
  phrases: string;
  revision: number;
  seed_key: string | null;
  updated_at: string;
}

const toTracker = (r: TrackerRow): Tracker => ({
  id: r.id,
  name: r.name,
  side: r.side,
  phrases: JSON.parse(r.phrases) as string[],
  builtIn: r.seed_key !== null,
  revision: r.revision,
  updatedAt: r.updated_at,
});

export const listTrackers = (db: Database): Tracker[] =>
  all<TrackerRow>(db, sql`SELECT * FROM trackers WHERE deleted_at IS NULL ORDER BY lower(name), id`).map(toTracker);

export function getTracker(db: Database, id: Id): Tracker {
  const row = get<TrackerRow>(db, sql`SELECT * FROM trackers WHERE id = ${id} AND deleted_at IS NULL`);
  if (!row) throw new AppError('not_found', 'That tracker no longer exists.');
  return toTracker(row);
}

export interface TrackerInput {
  name: string;
  side: TrackerSide;
  phrases: string[];
}

/** Trimmed, de-duplicated by their words; each must have a letter or digit. */
function cleanPhrases(phrases: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of phrases) {
    const phrase = raw.trim().replace(/\s+/g, ' ');
    if (phrase === '') continue;
    const key = tokens(phrase).join(' ');
    if (key === '') {
      throw new AppError('invalid_input', `"${phrase}" has no letters or digits, so it can never be said in a call.`);
    }
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(phrase);
  }
  if (out.length === 0) throw new AppError('invalid_input', 'Add at least one phrase to listen for.');
  return out;
}

function assertNameFree(db: Database, name: string, exceptId: Id | null): void {
  const clash = get<{ id: string }>(
    db,
    sql`SELECT id FROM trackers WHERE lower(name) = lower(${name}) AND deleted_at IS NULL AND id IS NOT ${exceptId}`,
  );
  if (clash) throw new AppError('conflict', `A tracker called "${name}" already exists.`);
}

export function createTracker(db: Database, input: TrackerInput, seedKey: string | null = null): Tracker {
  const name = input.name.trim();
  const phrases = cleanPhrases(input.phrases);
  assertNameFree(db, name, null);
  const id = newId();
  const now = nowIso();
  run(
    db,
    sql`INSERT INTO trackers (id, name, side, phrases, seed_key, created_at, updated_at)
        VALUES (${id}, ${name}, ${input.side}, ${JSON.stringify(phrases)}, ${seedKey}, ${now}, ${now})`,
  );
  return getTracker(db, id);
}

/** A changed tracker gets a new revision: every recording's hits for it are then out of date. */
export function updateTracker(db: Database, id: Id, input: TrackerInput): Tracker {
  const current = getTracker(db, id);
  const name = input.name.trim();
  const phrases = cleanPhrases(input.phrases);
  assertNameFree(db, name, id);
  const matchingChanged = input.side !== current.side || JSON.stringify(phrases) !== JSON.stringify(current.phrases);
  run(
    db,
    sql`UPDATE trackers SET name = ${name}, side = ${input.side}, phrases = ${JSON.stringify(phrases)},
          revision = revision + ${matchingChanged ? 1 : 0}, updated_at = ${nowIso()} WHERE id = ${id}`,
  );
  return getTracker(db, id);
}

/** Soft delete (a shipped tracker stays removed: its seed key keeps it from coming back). */
export function removeTracker(db: Database, id: Id): void {
  getTracker(db, id);
  db.transaction(() => {
    run(db, sql`UPDATE trackers SET deleted_at = ${nowIso()} WHERE id = ${id}`);
    run(db, sql`DELETE FROM tracker_hits WHERE tracker_id = ${id}`);
    run(db, sql`DELETE FROM tracker_scans WHERE tracker_id = ${id}`);
  })();
}

export function seedTrackers(db: Database): void {
  db.transaction(() => {
    for (const t of defaults.trackers) {
      if (get(db, sql`SELECT id FROM trackers WHERE seed_key = ${t.key}`)) continue;
      createTracker(db, { name: t.name, side: t.side as TrackerSide, phrases: t.phrases }, t.key);
    }
  })();
}

// ---------------------------------------------------------------------------
// Scanning

/** Trackers whose hits on the recording are missing or from an older revision. */
const unscanned = (db: Database, mediaSha256: string): TrackerRow[] =>
  all<TrackerRow>(
    db,
    sql`SELECT t.* FROM trackers t
          LEFT JOIN tracker_scans s ON s.tracker_id = t.id AND s.media_sha256 = ${mediaSha256}
         WHERE t.deleted_at IS NULL AND (s.revision IS NULL OR s.revision <> t.revision)
         ORDER BY t.id`,
  );

/** Brings one recording's hits up to date for every tracker; a recording without a transcript has none. */
export function scanRecording(db: Database, mediaSha256: string): void {
  if (!get(db, sql`SELECT 1 FROM transcripts WHERE media_sha256 = ${mediaSha256}`)) return;
  const pending = unscanned(db, mediaSha256);
  if (pending.length === 0) return;
  // Tokenized once for every tracker.
  const segments = sidedSegments(db, mediaSha256).map((s) => ({ ...s, words: tokens(s.text) }));
  db.transaction(() => {
    for (const row of pending) {
      const tracker = toTracker(row);
      run(db, sql`DELETE FROM tracker_hits WHERE tracker_id = ${tracker.id} AND media_sha256 = ${mediaSha256}`);
      const hits = matchTracker(tracker, segments);
      hits.forEach((hit, ordinal) =>
        run(
          db,
          sql`INSERT INTO tracker_hits (tracker_id, media_sha256, ordinal, segment_id, start_sec, phrase, side)
              VALUES (${tracker.id}, ${mediaSha256}, ${ordinal}, ${hit.segmentId}, ${hit.startSec}, ${hit.phrase}, ${hit.side})`,
        ),
      );
      run(
        db,
        sql`INSERT OR REPLACE INTO tracker_scans (tracker_id, media_sha256, revision, hits)
            VALUES (${tracker.id}, ${mediaSha256}, ${tracker.revision}, ${hits.length})`,
      );
    }
  })();
}

/** Transcribed recordings some live tracker has not scanned at its current revision, in key order after `after`. */
export const unscannedRecordings = (db: Database, limit: number, after = '', upTo: string | null = null): string[] =>
  all<{ media_sha256: string }>(
    db,
    sql`SELECT t.media_sha256 FROM transcripts t
         WHERE EXISTS (SELECT 1 FROM trackers k
                         LEFT JOIN tracker_scans s ON s.tracker_id = k.id AND s.media_sha256 = t.media_sha256
                        WHERE k.deleted_at IS NULL AND (s.revision IS NULL OR s.revision <> k.revision))
           AND t.media_sha256 > ${after} AND (${upTo} IS NULL OR t.media_sha256 <= ${upTo})
         ORDER BY t.media_sha256 LIMIT ${limit}`,
  ).map((r) => r.media_sha256);

export const hitsForRecording = (db: Database, mediaSha256: string): TrackerHit[] =>
  all<{
    tracker_id: string;
    name: string;
    segment_id: string;
    start_sec: number;
    phrase: string;
    side: TrackerHit['side'];
  }>(
    db,
    sql`SELECT h.tracker_id, t.name, h.segment_id, h.start_sec, h.phrase, h.side
          FROM tracker_hits h JOIN trackers t ON t.id = h.tracker_id AND t.deleted_at IS NULL
         WHERE h.media_sha256 = ${mediaSha256}
         ORDER BY h.start_sec, lower(t.name), h.tracker_id, h.ordinal`,
  ).map((r) => ({
    trackerId: r.tracker_id,
    trackerName: r.name,
    segmentId: r.segment_id,
    startSec: r.start_sec,
    phrase: r.phrase,
    side: r.side,
  }));
