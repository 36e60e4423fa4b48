/**
 * The library search over what is inside calls: transcript words, annotations
 * (with their Situation / Behavior / Impact) and submitted scorecard notes.
 * Each domain searches its own index in its own repository; this only asks
 * them and says, for every hit, what matched.
 */
import type { Database } from 'better-sqlite3';
import type { CallSearchHit, CallSearchSource, Id } from '../../../shared/domain';
import { searchAnnotations } from '../coaching/annotations/repository';
import { searchSubmittedScorecardText } from '../coaching/scorecards/repository';
import { SNIPPET_MARKS, searchTranscripts, splitSnippet, toFtsQuery } from '../transcription/search';

const ANNOTATION_FIELDS = [
  ['body_snippet', 'annotation'],
  ['situation_snippet', 'situation'],
  ['behavior_snippet', 'behavior'],
  ['impact_snippet', 'impact'],
] as const satisfies ReadonlyArray<readonly [string, CallSearchSource]>;

/** Coaches' own words first (annotations, then scorecard notes), then what was said on the call. */
export function searchCallContent(db: Database, query: string, limit: number, viewerId: Id | null): CallSearchHit[] {
  const fts = toFtsQuery(query);
  if (!fts) return [];
  const annotations = searchAnnotations(db, fts, SNIPPET_MARKS, limit).map((r): CallSearchHit => {
    // The first field whose snippet carries a match marker is what matched.
    const [column, source] =
      ANNOTATION_FIELDS.find(([column]) => r[column].includes(SNIPPET_MARKS.open)) ?? ANNOTATION_FIELDS[0];
    return {
      key: `annotation:${r.annotation_id}`,
      source,
      callId: r.call_id,
      callTitle: r.call_title,
      atSec: r.start_sec,
      who: r.author_name,
      criterionName: null,
      snippet: splitSnippet(r[column]),
    };
  });
  const notes = (viewerId === null ? [] : searchSubmittedScorecardText(db, fts, SNIPPET_MARKS, limit, viewerId)).map(
    (r): CallSearchHit => ({
      key: `scorecard:${r.scorecard_id}:${r.score_id ?? 'strengths'}`,
      source: r.score_id ? 'scorecard_comment' : 'strengths',
      callId: r.call_id,
      callTitle: r.call_title,
      atSec: null,
      who: r.reviewer_name,
      criterionName: r.criterion_name,
      snippet: splitSnippet(r.snippet),
    }),
  );
  const spoken = searchTranscripts(db, query, limit).map((h): CallSearchHit => ({
    key: `segment:${h.segmentId}`,
    source: 'transcript',
    callId: h.callId,
    callTitle: h.callTitle,
    atSec: h.startSec,
    who: h.speakerName,
    criterionName: null,
    snippet: h.snippet,
  }));
  return [...annotations, ...notes, ...spoken].slice(0, limit);
}
