/**
 * Shared set-up for the transcription service tests: a core on a temp data
 * folder, recordings put straight into the media table (the import pipeline
 * has its own tests), and waiting on the events the core emits.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createCore } from '../../../../src/main/core';
import type { Core, CoreOptions } from '../../../../src/main/core';
import { newId, nowIso } from '../../../../src/main/core/db/ids';
import { wavDurationSec } from '../../../../src/main/core/transcription/engine';
import type { TranscriptionJob } from '../../../../src/shared/domain';
import type { EventMap, EventName } from '../../../../src/shared/events';
import type { Result } from '../../../../src/shared/result';

export function openCore(dataDir: string, transcription?: CoreOptions['transcription']): Core {
  return createCore({ dataDir, shell: 'web', transcription });
}

/** The value of an ok Result, or a failed test with the error's message. */
export async function value<T = unknown>(pending: Promise<Result<unknown>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

export interface Recording {
  sha256: string;
  callId: string;
  durationSec: number;
}

/** Puts a WAV into the library as a call: file in <dataDir>/media, a media row and a call row. */
export async function addRecording(core: Core, wavPath: string, title = 'Discovery with Acme'): Promise<Recording> {
  const bytes = await readFile(wavPath);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await copyFile(wavPath, join(core.dataDir, 'media', `${sha256}.wav`));
  const durationSec = await wavDurationSec(wavPath);
  const channels = bytes.readUInt16LE(22);
  const sampleRate = bytes.readUInt32LE(24);
  const now = nowIso();
  core.db
    .prepare(
      `INSERT OR IGNORE INTO media (sha256, ext, size_bytes, duration_sec, channels, source_channels, sample_rate, codec,
         format_name, has_video, created_at) VALUES (?, 'wav', ?, ?, ?, ?, ?, 'pcm_s16le', 'wav', 0, ?)`,
    )
    .run(sha256, bytes.length, durationSec, channels, channels, sampleRate, now);
  const callId = newId();
  core.db
    .prepare(
      `INSERT INTO calls (id, media_sha256, title, source_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(callId, sha256, title, `${title}.wav`, now, now);
  return { sha256, callId, durationSec };
}

/** Resolves with the first payload of `event` that satisfies `test` (subscribe before acting). */
export function nextEvent<E extends EventName>(
  core: Core,
  event: E,
  test: (payload: EventMap[E]) => boolean = () => true,
): Promise<EventMap[E]> {
  return new Promise((resolve) => {
    const off = core.onAnyEvent((name: EventName, payload: unknown) => {
      if (name === event && test(payload as EventMap[E])) {
        off();
        resolve(payload as EventMap[E]);
      }
    });
  });
}

const FINAL = new Set(['done', 'failed', 'cancelled']);

/** Waits for the job to finish (done, failed or cancelled), checking the stored state first. */
export async function settled(core: Core, jobId: string): Promise<TranscriptionJob> {
  const waiting = nextEvent(core, 'transcription.job', (j) => j.id === jobId && FINAL.has(j.state));
  const stored = (await value<TranscriptionJob[]>(core.dispatch('jobs.list', {}))).find((j) => j.id === jobId);
  if (stored && FINAL.has(stored.state)) return stored;
  return waiting;
}

/** Speech from espeak-ng (16-bit WAV); `pan` puts it on one side of a stereo file. */
export function speak(out: string, text: string): string {
  const r = spawnSync('espeak-ng', ['-w', out, '--', text], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`espeak-ng failed: ${r.stderr}`);
  return out;
}

/** A stereo "dialer" recording: `first` on the left, then `second` on the right, silence on the other side. */
export function makeStereoConversation(dir: string, first: string, second: string): { path: string; splitSec: number } {
  const a = speak(join(dir, 'left.wav'), first);
  const b = speak(join(dir, 'right.wav'), second);
  const out = join(dir, 'stereo-call.wav');
  // left = A then silence for B's length; right = silence for A's length then B.
  const lenA = Number(spawnSync('soxi', ['-D', a], { encoding: 'utf8' }).stdout.trim());
  const lenB = Number(spawnSync('soxi', ['-D', b], { encoding: 'utf8' }).stdout.trim());
  const left = join(dir, 'left-track.wav');
  const right = join(dir, 'right-track.wav');
  run('sox', [a, '-r', '16000', left, 'pad', '0', String(lenB + 0.5)]);
  run('sox', [b, '-r', '16000', right, 'pad', String(lenA + 0.5), '0']);
  run('sox', ['-M', left, right, '-b', '16', out]);
  return { path: out, splitSec: lenA + 0.25 };
}

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
}
