import type { Database } from 'better-sqlite3';
import type { CallPeaks } from '../../../shared/domain';
import { run, sql } from '../db/sql';
import type { ImportResult } from './import-file';
import type { PeaksWindow } from './peaks-file';

/**
 * Records a recording that is now in the media folder. Calls and drill
 * attempts both point at media rows; the same bytes kept twice are one row.
 */
export function insertMediaRow(db: Database, imported: ImportResult, createdAt: string): void {
  const p = imported.probe;
  run(
    db,
    sql`INSERT INTO media (sha256, ext, size_bytes, duration_sec, channels, source_channels, sample_rate, codec,
          format_name, has_video, video_codec, width, height, created_at)
        VALUES (${imported.sha256}, ${imported.ext}, ${imported.sizeBytes}, ${imported.durationSec},
          ${imported.peaks.channels}, ${p.channels}, ${p.sampleRate}, ${p.codec}, ${p.formatName}, ${p.hasVideo},
          ${p.videoCodec ?? null}, ${p.width ?? null}, ${p.height ?? null}, ${createdAt})
        ON CONFLICT (sha256) DO NOTHING`,
  );
}

/** Peaks as they cross to the page: two decimals is finer than a pixel and keeps a 2-hour overview small. */
export function peaksForPage(window: PeaksWindow): CallPeaks {
  return {
    channels: window.peaks.map((channel) => Array.from(channel, (v) => Math.round(v * 100) / 100)),
    bucketsPerSecond: window.bucketsPerSecond,
    durationSec: window.durationSec,
    startSec: window.startSec,
    endSec: window.endSec,
  };
}
