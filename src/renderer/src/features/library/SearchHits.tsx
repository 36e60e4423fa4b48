import { useEffect, useState } from 'react';
import type { CallSearchHit } from '../../../../shared/domain';
import { CALL_SEARCH_SOURCE_LABELS } from '../../../../shared/domain';
import { api } from '../../api/client';
import { useRouter } from '../../app/router';
import { formatDuration } from '../../lib/format';
import { useLibrary } from './store';

/** What the hit matched, in words: "Annotation · Behavior by Cora", "Scorecard comment · Opener by Cora". */
function whatMatched(hit: CallSearchHit): string {
  const what = CALL_SEARCH_SOURCE_LABELS[hit.source] + (hit.criterionName ? ` · ${hit.criterionName}` : '');
  if (!hit.who) return what;
  return hit.source === 'transcript' ? `${what} · ${hit.who}` : `${what} by ${hit.who}`;
}

/**
 * "The call where they mentioned the incumbent", "the annotation about the
 * discount": places inside calls that match the library search — transcript
 * words, annotations and their SBI, submitted scorecard notes — each opening
 * its call where it belongs (a transcript hit on the Transcript tab at that
 * moment, an annotation at its moment, a scorecard note on the Scorecard tab).
 */
export function SearchHits() {
  const search = useLibrary((s) => s.filters.search.trim());
  const trash = useLibrary((s) => s.filters.trash);
  const openCall = useRouter((s) => s.openCall);
  const [hits, setHits] = useState<{ query: string; list: CallSearchHit[] }>({ query: '', list: [] });

  useEffect(() => {
    if (!search || trash) return;
    let current = true;
    void api.calls.search({ query: search, limit: 30 }).then((r) => {
      if (current) setHits({ query: search, list: r.ok ? r.value : [] });
    });
    return () => {
      current = false;
    };
  }, [search, trash]);

  if (!search || trash || hits.query !== search || hits.list.length === 0) return null;
  const open = (hit: CallSearchHit) => {
    if (hit.source === 'transcript') openCall(hit.callId, hit.atSec ?? undefined, 'transcript');
    else if (hit.atSec === null) openCall(hit.callId, undefined, 'scorecard');
    else openCall(hit.callId, hit.atSec, 'annotations');
  };
  return (
    <section className="panel transcript-hits" aria-label="Moments in calls">
      <h2>
        Moments in calls <span className="hint">({hits.list.length})</span>
      </h2>
      <ul>
        {hits.list.map((hit) => {
          const label = whatMatched(hit);
          return (
            <li key={hit.key}>
              <button
                type="button"
                className="hit-button"
                onClick={() => open(hit)}
                aria-label={`${hit.callTitle}${hit.atSec !== null ? ` at ${formatDuration(hit.atSec)}` : ''}, ${label}`}
              >
                <span className="hit-call">{hit.callTitle}</span>
                <span className="hit-time">{hit.atSec !== null ? formatDuration(hit.atSec) : ''}</span>
                <span className="hit-source">{label}</span>
                <span className="hit-snippet">
                  {hit.snippet.map((part, i) =>
                    part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
                  )}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
