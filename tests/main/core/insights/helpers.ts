import type { Database } from 'better-sqlite3';
import { newId, nowIso } from '../../../../src/main/core/db/ids';
import { ensureSpeakers, replaceTranscript } from '../../../../src/main/core/transcription/transcript-repository';
import type { Speaker } from '../../../../src/shared/domain';

/** A stereo call with a transcript: channel 0 the rep, channel 1 not yet marked as the customer. */
export function addTranscribedCall(
  db: Database,
  sha256: string,
  segments: Array<[number, number, 0 | 1, string]>,
  callDate = '2026-11-02',
) {
  const now = nowIso();
  db.prepare(
    `INSERT INTO media (sha256, ext, size_bytes, duration_sec, channels, source_channels, sample_rate, codec,
           format_name, has_video, created_at) VALUES (?, 'wav', 1, 60, 2, 2, 16000, 'pcm_s16le', 'wav', 0, ?)`,
  ).run(sha256, now);
  const callId = newId();
  db.prepare(
    `INSERT INTO calls (id, media_sha256, title, source_name, call_date, created_at, updated_at)
                VALUES (?, ?, 'Call', 'call.wav', ?, ?, ?)`,
  ).run(callId, sha256, callDate, now, now);
  let speakers: Speaker[] = [];
  db.transaction(() => {
    speakers = ensureSpeakers(db, sha256, 2);
    replaceTranscript(db, {
      mediaSha256: sha256,
      modelId: 'tiny.en',
      language: 'en',
      verbatim: false,
      jobId: null,
      segments: segments.map(([startSec, endSec, ch, text]) => ({
        startSec,
        endSec,
        text,
        speakerId: speakers[ch]!.id,
        confidence: 0.9,
        words: [],
      })),
    });
  })();
  return { callId, speakers };
}
