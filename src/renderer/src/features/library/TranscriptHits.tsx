import { useEffect, useState } from 'react';
import type { TranscriptSearchHit } from '../../../../shared/domain';
import { api } from '../../api/client';
import { useRouter } from '../../app/router';
import { formatDuration } from '../../lib/format';
import { useLibrary } from './store';

/**
 * "The call where they mentioned the incumbent": moments in transcripts that
 * match the library search, each opening its call at that moment.
 */
export function TranscriptHits() {
  const search = useLibrary((s) => s.filters.search.trim());
  const trash = useLibrary((s) => s.filters.trash);
  const openCall = useRouter((s) => s.openCall);
  const [hits, setHits] = useState<{ query: string; list: TranscriptSearchHit[] }>({ query: '', list: [] });

  useEffect(() => {
    if (!search || trash) return;
    let current = true;
    void api.transcripts.search({ query: search, limit: 30 }).then((r) => {
      if (current) setHits({ query: search, list: r.ok ? r.value : [] });
    });
    return () => {
      current = false;
    };
  }, [search, trash]);

  if (!search || trash || hits.query !== search || hits.list.length === 0) return null;
  return (
    <section className="panel transcript-hits" aria-label="Moments in transcripts">
      <h2>
        Moments in transcripts <span className="hint">({hits.list.length})</span>
      </h2>
      <ul>
        {hits.list.map((hit) => (
          <li key={hit.segmentId}>
            <button
              type="button"
              className="hit-button"
              onClick={() => openCall(hit.callId, hit.startSec)}
              aria-label={`${hit.callTitle} at ${formatDuration(hit.startSec)}`}
            >
              <span className="hit-call">{hit.callTitle}</span>
              <span className="hit-time">{formatDuration(hit.startSec)}</span>
              {hit.speakerName && <span className="hit-speaker">{hit.speakerName}</span>}
              <span className="hit-snippet">
                {hit.snippet.map((part, i) =>
                  part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
                )}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
