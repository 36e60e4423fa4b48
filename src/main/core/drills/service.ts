import { mkdir, rm, unlink, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { toMs } from '../../../shared/clock';
import type { Attempt, Drill, DrillSkill } from '../../../shared/domain';
import { Id as IdSchema } from '../../../shared/domain';
import type { Id } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { describeImportError } from '../calls/imports';
import { requireLiveCall, requireWithinCall } from '../coaching/guards';
import type { CoreContext } from '../context';
import { newId } from '../db/ids';
import { get, sql } from '../db/sql';
import { importMediaFile, isMediaError, resolveFfmpegPath, runBinary } from '../media';
import { ffmpegFileArg, SAFE_INPUT_ARGS } from '../media/ffmpeg';
import type { ImportResult } from '../media';
import type { TranscriptionService } from '../transcription/service';
import { getTranscript } from '../transcription/transcript-repository';
import { NO_ACTOR_MESSAGE } from '../policy/actor';
import { insertAttempt } from './attempts';
import { createDrill, getDrill } from './repository';

/** The extension for a MediaRecorder mime type; ffmpeg decides in the end, this only names the temp copy. */
export function extensionFor(mimeType: string | undefined): string {
  const type = (mimeType ?? '').toLowerCase();
  if (type.includes('webm')) return 'webm';
  if (type.includes('ogg')) return 'ogg';
  if (type.includes('mp4') || type.includes('aac')) return 'm4a';
  if (type.includes('wav')) return 'wav';
  return 'webm';
}

const clock = (sec: number) => `${Math.floor(sec / 60)}:${String(Math.floor(sec % 60)).padStart(2, '0')}`;

export type DrillsService = ReturnType<typeof createDrillsService>;

/**
 * Keeping a recorded answer, and making drills from calls: the work that
 * needs the media folder and the transcription queue, not just the database.
 */
export function createDrillsService(
  ctx: CoreContext,
  deps: { mediaDir: string; transcription: Pick<TranscriptionService, 'enqueueTranscription'> },
) {
  const { db } = ctx;
  const incomingDir = join(ctx.dataDir, 'incoming');

  const me = (): Id | null =>
    get<{ id: Id }>(db, sql`SELECT id FROM people WHERE is_me = 1 AND deleted_at IS NULL`)?.id ?? null;

  /**
   * MediaRecorder writes WebM as a live stream: no duration in its header, so a
   * player shows an endless length until it has seeked to the end. A copy
   * remuxed by ffmpeg (no re-encode) carries the duration and a seek index.
   * (`-bitexact`: the same answer remuxes to the same bytes, so it is still recognised.)
   * Answers the copy's path, or null to keep the original (not WebM, or
   * ffmpeg could not read it — the import then says why).
   */
  async function withDurationHeader(path: string): Promise<string | null> {
    if (extname(path).toLowerCase() !== '.webm') return null;
    await mkdir(incomingDir, { recursive: true });
    const out = join(incomingDir, `${newId()}.remux.webm`);
    try {
      await runBinary(
        resolveFfmpegPath(),
        [
          '-hide_banner',
          '-nostdin',
          '-y',
          ...SAFE_INPUT_ARGS,
          '-i',
          ffmpegFileArg(path),
          '-c',
          'copy',
          '-bitexact',
          '-f',
          'webm',
          ffmpegFileArg(out),
        ],
        { timeoutMs: 60_000 },
      );
      return out;
    } catch {
      await rm(out, { force: true });
      return null;
    }
  }

  /**
   * A recording on disk becomes an attempt by "me": imported like a call
   * (copied into the media folder by content hash, probed, decoded once for
   * peaks), then an attempt row, then a transcription job when a model is
   * installed. A file ffmpeg cannot read is refused and nothing is written.
   */
  async function saveAttemptFile(path: string, drillId: string): Promise<Attempt> {
    if (!IdSchema.safeParse(drillId).success) throw new AppError('invalid_input', 'Which drill is this answer for?');
    getDrill(db, drillId); // before the decode: a deleted drill should not cost a decode
    // An attempt belongs to its person: with no "me" there is nobody to own it.
    const owner = me();
    if (owner === null) throw new AppError('no_actor', NO_ACTOR_MESSAGE);
    let imported: ImportResult;
    const remuxed = await withDurationHeader(path);
    try {
      imported = await importMediaFile(remuxed ?? path, deps.mediaDir);
    } catch (error) {
      if (isMediaError(error)) {
        throw new AppError(
          error.code === 'tool_missing' || error.code === 'io' ? 'internal' : 'invalid_input',
          `The recording could not be kept: ${describeImportError(error)}`,
        );
      }
      throw error;
    } finally {
      if (remuxed) await rm(remuxed, { force: true });
    }
    let attempt: Attempt;
    try {
      attempt = insertAttempt(db, imported, drillId, owner);
    } catch (error) {
      // The database refused: take the just-written media back out so nothing half-exists.
      if (!imported.duplicate) {
        await unlink(join(deps.mediaDir, imported.fileName)).catch(() => undefined);
        await unlink(join(deps.mediaDir, imported.peaksFileName)).catch(() => undefined);
      }
      throw error;
    }
    try {
      deps.transcription.enqueueTranscription(imported.sha256);
    } catch (error) {
      // The attempt is kept either way; the transcript tab can queue it again.
      console.error('[gamefilm] could not queue transcription for an attempt', error);
    }
    ctx.emit('attempts.changed', { drillId, ids: [attempt.id] });
    return getAttemptFresh(attempt);
  }

  // Re-read so `transcription` reflects the job just queued.
  const getAttemptFresh = (attempt: Attempt): Attempt => {
    const job = get<{ state: string }>(
      db,
      sql`SELECT state FROM jobs WHERE kind = 'transcribe' AND subject = ${attempt.mediaSha256}
          ORDER BY created_at DESC, id DESC LIMIT 1`,
    );
    return job && attempt.transcription === 'none' && (job.state === 'queued' || job.state === 'running')
      ? { ...attempt, transcription: job.state }
      : attempt;
  };

  /** Electron's path: the renderer's Blob arrives as bytes over IPC; a temp file carries them to the importer. */
  async function saveAttemptBytes(drillId: Id, bytes: Uint8Array, mimeType?: string): Promise<Attempt> {
    getDrill(db, drillId);
    await mkdir(incomingDir, { recursive: true });
    const temp = join(incomingDir, `${newId()}.${extensionFor(mimeType)}`);
    try {
      await writeFile(temp, bytes, { flag: 'wx' });
      return await saveAttemptFile(temp, drillId);
    } finally {
      await rm(temp, { force: true });
    }
  }

  /**
   * A drill from a range of a call: the range is the prompt clip, and the
   * transcript segments overlapping it (if the call is transcribed) the
   * prompt text. The drill starts on the team's default rubric.
   */
  function drillFromCall(input: {
    callId: Id;
    startSec: number;
    endSec: number;
    title?: string | undefined;
    skill?: DrillSkill | undefined;
  }): Drill {
    // Kept to the millisecond: a range chosen at 12.25 s is not moved to 12 s.
    input = { ...input, startSec: toMs(input.startSec), endSec: toMs(input.endSec) };
    const call = requireLiveCall(db, input.callId);
    requireWithinCall(call, input.startSec, input.endSec);
    const sha = get<{ media_sha256: string }>(db, sql`SELECT media_sha256 FROM calls WHERE id = ${call.id}`)
      ?.media_sha256 as string;
    const transcript = getTranscript(db, sha);
    const promptText = (transcript?.segments ?? [])
      .filter((s) => s.endSec > input.startSec && s.startSec < input.endSec)
      .map((s) => s.text.trim())
      .filter(Boolean)
      .join(' ')
      .slice(0, 5_000);
    const rubricId =
      get<{ id: Id }>(db, sql`SELECT id FROM rubrics WHERE seed_key = 'sales-call-fundamentals' AND deleted_at IS NULL`)
        ?.id ??
      get<{ id: Id }>(db, sql`SELECT id FROM rubrics WHERE deleted_at IS NULL ORDER BY created_at, id LIMIT 1`)?.id ??
      null;
    return createDrill(db, {
      title: input.title ?? `From “${call.title}” at ${clock(input.startSec)}`,
      skill: input.skill ?? 'objection_handling',
      persona: { role: 'Buyer', company: '', mood: 'neutral' },
      promptText,
      promptClip: { mediaSha256: sha, startSec: input.startSec, endSec: input.endSec, callId: call.id },
      timeLimitSec: 60,
      rubricId,
      notes: '',
      modelAnswer: null,
      tags: ['from a call'],
    });
  }

  return { saveAttemptFile, saveAttemptBytes, drillFromCall };
}
