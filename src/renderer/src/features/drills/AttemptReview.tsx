import { useCallback, useEffect, useRef, useState } from 'react';
import type { Attempt, Drill } from '../../../../shared/domain';
import { api } from '../../api/client';
import { unwrap } from '../../api/unwrap';
import { formatDuration } from '../../lib/format';
import { ExportPacketDialog } from '../packets/ExportPacketDialog';
import { GiveKudosDialog } from '../recognition/GiveKudosDialog';
import { TranscriptPanel } from '../transcript/TranscriptPanel';
import { useMe } from '../people/store';
import { AttemptScoring } from './AttemptScoring';
import { formatWpm } from './format';

export function AttemptStatsList({ attempt }: { attempt: Attempt }) {
  const s = attempt.stats;
  return (
    <dl className="drill-stats" aria-label="Attempt stats">
      <div>
        <dt>Duration</dt>
        <dd>{formatDuration(attempt.durationSec)}</dd>
      </div>
      <div>
        <dt>Words / min</dt>
        <dd>{formatWpm(s)}</dd>
      </div>
      <div>
        <dt>Filler words</dt>
        <dd title={s?.fillers.map((f) => `${f.phrase} ×${f.count}`).join(', ')}>{s ? s.fillerCount : '—'}</dd>
      </div>
      <div>
        <dt>Questions</dt>
        <dd>{s ? s.questionCount : '—'}</dd>
      </div>
    </dl>
  );
}

const TRANSCRIPTION_TEXT: Record<Attempt['transcription'], string> = {
  none: 'Not transcribed — install a model in Settings to get words per minute, fillers and questions.',
  queued: 'Waiting to be transcribed…',
  running: 'Transcribing…',
  failed: 'Transcription failed; retry it from the transcript below.',
  done: 'Transcribed.',
};

/**
 * One kept attempt: playback, the transcript (the same panel calls use,
 * keyed by the recording), quick stats, the coaching notes, and self-scoring.
 */
export function AttemptReview({
  attempt: initial,
  drill,
  onChanged,
}: {
  attempt: Attempt;
  drill: Drill;
  onChanged: () => void;
}) {
  const me = useMe();
  const [attempt, setAttempt] = useState(initial);
  // A coach opening a rep's attempt is looking at theirs, not at "your" attempt.
  const whose =
    attempt.personId && attempt.personId === me?.id ? 'Your attempt' : `${attempt.personName ?? 'Someone'}’s attempt`;
  const [time, setTime] = useState(0);
  const audio = useRef<HTMLAudioElement>(null);

  const reload = useCallback(() => {
    void unwrap(api.drills.attempt({ id: initial.id }))
      .then(setAttempt)
      .catch(() => undefined);
    onChanged();
  }, [initial.id, onChanged]);

  // Stats appear when the transcript lands; the queue tells us.
  useEffect(() => {
    const offJob = api.on('transcription.job', (job) => {
      if (job.mediaSha256 === initial.mediaSha256) reload();
    });
    const offTranscript = api.on('transcript.changed', (e) => {
      if (e.mediaSha256 === initial.mediaSha256) reload();
    });
    return () => {
      offJob();
      offTranscript();
    };
  }, [initial.mediaSha256, reload]);

  return (
    <section className="drill-attempt" aria-label={whose}>
      <div className="drill-attempt-main">
        <audio
          ref={audio}
          className="drill-audio"
          controls
          preload="metadata"
          src={api.mediaUrl(attempt.fileName)}
          aria-label={whose === 'Your attempt' ? 'Play your attempt' : `Play ${whose}`}
          onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)}
        />
        <p className="drill-muted" role="status" aria-label="Transcription status">
          {TRANSCRIPTION_TEXT[attempt.transcription]}
        </p>
        <AttemptStatsList attempt={attempt} />
        <div className="drill-attempt-actions">
          <ExportPacketDialog subject={{ kind: 'attempt', attempt, drill }} />
          <GiveKudosDialog
            on={{ kind: 'attempt', attemptId: attempt.id, atSec: 0 }}
            recipientId={attempt.personId}
            what={`an attempt at “${drill.title}”`}
            label="Kudos for this attempt…"
          />
        </div>
        {drill.notes ? (
          <details className="drill-notes" open>
            <summary>What good sounds like</summary>
            <p>{drill.notes}</p>
          </details>
        ) : null}
        <div className="drill-transcript">
          <TranscriptPanel
            mediaSha256={attempt.mediaSha256}
            currentTime={time}
            durationSec={attempt.durationSec}
            onSeek={(sec) => {
              if (audio.current) audio.current.currentTime = sec;
            }}
          />
        </div>
      </div>
      <AttemptScoring attempt={attempt} onSubmitted={reload} />
    </section>
  );
}
