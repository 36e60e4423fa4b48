/**
 * Library search over every transcript (FTS5). Hits name the call and the
 * moment, so the library can open the call right there.
 */
import type { Database } from 'better-sqlite3';
import type { SnippetPart, TranscriptSearchHit } from '../../../shared/domain';
import { all, sql } from '../db/sql';

// Control characters cannot occur in transcript text, so they mark matches unambiguously.
const OPEN = '\u0002';
const CLOSE = '\u0003';
/** The markers snippets put around matched words; splitSnippet reads them back. */
export const SNIPPET_MARKS = { open: OPEN, close: CLOSE } as const;

/**
 * Turns what a person typed into an FTS5 query: each word quoted (so
 * AND/OR/NEAR/quotes/colons are just text), all of them required, the last
 * one as a prefix so results appear while typing.
 */
export function toFtsQuery(input: string): string | null {
  const words = input
    .toLowerCase()
    .split(/[^\p{L}\p{N}']+/u)
    .map((w) => w.replace(/'/g, ''))
    .filter(Boolean);
  if (words.length === 0) return null;
  return words.map((w, i) => `"${w}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}

export function splitSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let rest = snippet;
  while (rest.length) {
    const open = rest.indexOf(OPEN);
    if (open < 0) {
      parts.push({ text: rest, match: false });
      break;
    }
    if (open > 0) parts.push({ text: rest.slice(0, open), match: false });
    const close = rest.indexOf(CLOSE, open + 1);
    const end = close < 0 ? rest.length : close;
    parts.push({ text: rest.slice(open + 1, end), match: true });
    rest = close < 0 ? '' : rest.slice(close + 1);
  }
  return parts.filter((p) => p.text.length > 0);
}

interface HitRow {
  call_id: string;
  call_title: string;
  media_sha256: string;
  segment_id: string;
  start_sec: number;
  end_sec: number;
  speaker_name: string | null;
  snippet: string;
}

export function searchTranscripts(db: Database, query: string, limit = 50): TranscriptSearchHit[] {
  const fts = toFtsQuery(query);
  if (!fts) return [];
  return all<HitRow>(
    db,
    sql`SELECT c.id AS call_id, c.title AS call_title, s.media_sha256, s.id AS segment_id, s.start_sec, s.end_sec,
          COALESCE((SELECT p.name FROM people p WHERE p.id = sp.person_id), sp.label) AS speaker_name,
          snippet(transcript_segments_fts, 0, ${OPEN}, ${CLOSE}, '…', 16) AS snippet
        FROM transcript_segments_fts
        JOIN transcript_segments s ON s.seq = transcript_segments_fts.rowid
        JOIN calls c ON c.media_sha256 = s.media_sha256 AND c.deleted_at IS NULL
        LEFT JOIN speakers sp ON sp.id = s.speaker_id
        WHERE transcript_segments_fts MATCH ${fts}
        ORDER BY bm25(transcript_segments_fts), c.created_at DESC, s.start_sec, s.id
        LIMIT ${limit}`,
  ).map((r) => ({
    callId: r.call_id,
    callTitle: r.call_title,
    mediaSha256: r.media_sha256,
    segmentId: r.segment_id,
    startSec: r.start_sec,
    endSec: r.end_sec,
    speakerName: r.speaker_name,
    snippet: splitSnippet(r.snippet),
  }));
}
