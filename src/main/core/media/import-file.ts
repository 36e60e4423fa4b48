/**
 * Bringing a call recording into the managed media folder.
 *
 * One pass over the source computes SHA-256 while copying it to a temp file
 * INSIDE the media folder (so the final rename is atomic: same filesystem).
 * Then the copy — never the user's original, which could change under us —
 * is probed and decoded once for peaks, and finally renamed to
 * `<sha256>.<ext>` next to `<sha256>.peaks`. Whatever goes wrong, every temp
 * file is removed: the folder's listing is exactly what it was before.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rmdir, stat, unlink } from 'node:fs/promises';
import { createHash, randomBytes } from 'node:crypto';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extname, join, resolve } from 'node:path';
import { errnoOf, isMediaError, MediaError, throwIfAborted } from './errors';
import { probeMedia } from './probe';
import type { MediaProbe } from './probe';
import { computePeaks } from './peaks';
import { summarizePeaksFile, TEMP_PREFIX, writePeaksFile } from './peaks-file';
import type { PeaksSummary } from './peaks-file';

export type ImportPhase = 'copy' | 'probe' | 'decode' | 'finalize';

export interface ImportProgress {
  phase: ImportPhase;
  /** Overall 0..1 across all phases (monotonic). */
  fraction: number;
  /** 0..1 within the current phase. */
  phaseFraction: number;
}

export interface ImportOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportResult {
  sha256: string;
  /** Name inside mediaDir: `<sha256>.<ext>`. */
  fileName: string;
  peaksFileName: string;
  ext: string;
  sizeBytes: number;
  /** Decoded (sample-accurate) duration: trust this over probe.durationSec. */
  durationSec: number;
  probe: MediaProbe;
  peaks: PeaksSummary;
  /** True when the same bytes were already in the library; nothing was written. */
  duplicate: boolean;
  /** Non-fatal oddities, e.g. a container claiming a longer duration than could be decoded. */
  warnings: string[];
}

/** Prefix of the copy in progress; also swept by removeStaleImportTemps. */
export const IMPORT_TEMP_PREFIX = '.import-';

/**
 * Where each phase sits on the single progress bar. Decoding dominates for
 * compressed audio (copying 100 MB takes a fraction of a second), so it gets
 * most of the bar.
 */
const PHASE_SPAN: Record<ImportPhase, [number, number]> = {
  copy: [0, 0.15],
  probe: [0.15, 0.2],
  decode: [0.2, 0.97],
  finalize: [0.97, 1],
};

/** Extensions we know how to serve back with a sensible content type, from ffprobe's demuxer name. */
function extFromProbe(probe: MediaProbe): string {
  const f = probe.formatName;
  if (f.includes('mp4') || f.includes('mov')) return probe.hasVideo ? 'mp4' : 'm4a';
  if (f.includes('webm') || f.includes('matroska')) return probe.hasVideo ? 'mkv' : 'webm';
  const first = f.split(',')[0] ?? '';
  const known: Record<string, string> = {
    mp3: 'mp3',
    wav: 'wav',
    ogg: 'ogg',
    flac: 'flac',
    aac: 'aac',
    amr: 'amr',
    asf: 'wma',
    avi: 'avi',
    aiff: 'aiff',
  };
  return known[first] ?? 'bin';
}

/** The user's extension, if it is a plain short token (anything else is replaced by what ffprobe saw). */
function extFromName(srcPath: string): string | null {
  const ext = extname(srcPath).slice(1).toLowerCase();
  return /^[a-z0-9]{1,8}$/.test(ext) ? ext : null;
}

/** Another file with the same content, under any extension. */
async function findExistingMedia(mediaDir: string, sha256: string): Promise<string | null> {
  const names = await readdir(mediaDir);
  return names.find((n) => n.startsWith(`${sha256}.`) && !n.endsWith('.peaks')) ?? null;
}

async function removeQuietly(path: string): Promise<void> {
  await unlink(path).catch(() => undefined);
}

async function fsyncFile(path: string): Promise<void> {
  const fh = await open(path, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Best effort: make the renames themselves durable. Not all platforms allow fsync on a directory. */
async function fsyncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    /* Windows cannot open directories; rename there is already durable enough. */
  }
}

export async function importMediaFile(
  srcPath: string,
  mediaDir: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const { signal, onProgress } = options;
  let overall = 0;
  const report = (phase: ImportPhase, phaseFraction: number): void => {
    if (!onProgress) return;
    const [from, to] = PHASE_SPAN[phase];
    const clamped = Math.max(0, Math.min(1, phaseFraction));
    overall = Math.max(overall, from + (to - from) * clamped);
    onProgress({ phase, fraction: overall, phaseFraction: clamped });
  };

  throwIfAborted(signal);
  const source = resolve(srcPath);
  const sourceInfo = await stat(source).catch((err: unknown) => {
    throw new MediaError(errnoOf(err).code === 'ENOENT' ? 'not_found' : 'unsupported', undefined, { cause: err });
  });
  if (!sourceInfo.isFile()) throw new MediaError('unsupported', 'This is a folder, not a media file');
  if (sourceInfo.size === 0) throw new MediaError('empty');

  // mkdir reports the first folder it had to create; a failed first import removes it again.
  const createdDir = await mkdir(mediaDir, { recursive: true }).catch((err: unknown) => {
    throw new MediaError('io', undefined, { cause: err, detail: String(err) });
  });

  const nameExt = extFromName(source);
  // Keep the user's extension on the temp copy: a few raw formats (.aac, .amr) are probed partly by name.
  const tempMedia = join(mediaDir, `${IMPORT_TEMP_PREFIX}${randomBytes(8).toString('hex')}.${nameExt ?? 'part'}`);
  let placedPeaks: string | null = null; // a final-named peaks file we created and must undo on failure

  try {
    // 1. Copy + hash in one read of the source.
    const hash = createHash('sha256');
    let copied = 0;
    let lastCopyReport = 0;
    const hashing = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        copied += chunk.length;
        if (copied - lastCopyReport >= sourceInfo.size / 100 || copied === sourceInfo.size) {
          lastCopyReport = copied;
          report('copy', copied / sourceInfo.size);
        }
        done(null, chunk);
      },
    });
    const reader = createReadStream(source, { highWaterMark: 1 << 20 });
    let readFailed: unknown = null;
    reader.on('error', (err) => {
      readFailed = err;
    });
    try {
      await pipeline(reader, hashing, createWriteStream(tempMedia, { flags: 'wx' }), { signal });
    } catch (err) {
      if (signal?.aborted) throw new MediaError('cancelled');
      if (isMediaError(err)) throw err;
      // Errors on the source side mean it went away (unplugged drive, deleted before open);
      // errors on our side mean the media folder is the problem.
      if (readFailed !== null) throw new MediaError('vanished', undefined, { cause: err, detail: String(err) });
      throw new MediaError('io', undefined, { cause: err, detail: String(err) });
    }
    throwIfAborted(signal);
    // A source truncated or rewritten while we read it gives a short (or different) copy.
    const after = await stat(source).catch(() => null);
    if (
      copied !== sourceInfo.size ||
      (after !== null && (after.size !== sourceInfo.size || after.mtimeMs !== sourceInfo.mtimeMs))
    ) {
      throw new MediaError('vanished', undefined, { detail: `read ${copied} of ${sourceInfo.size} bytes` });
    }
    const sha256 = hash.digest('hex');
    // Flush the copy to disk while we decode it; awaited before it gets its final name.
    const synced = fsyncFile(tempMedia).then(
      () => null,
      (err: unknown) => err,
    );

    // 2. Same bytes already in the library: report it and leave the folder alone.
    const existing = await findExistingMedia(mediaDir, sha256);
    if (existing !== null) {
      await synced;
      await removeQuietly(tempMedia);
      return await describeExisting(mediaDir, existing, sha256, signal, report);
    }

    // 3. Probe the copy.
    report('probe', 0);
    const probe = await probeMedia(tempMedia, signal);
    report('probe', 1);

    // 4. Decode once for peaks, written atomically under the final name.
    const peaks = await computePeaks(tempMedia, {
      channels: probe.channels,
      expectedDurationSec: probe.durationSec,
      signal,
      onProgress: (f) => report('decode', f),
    });
    throwIfAborted(signal);
    report('finalize', 0);
    const ext = nameExt ?? extFromProbe(probe);
    const fileName = `${sha256}.${ext}`;
    const peaksFileName = `${sha256}.peaks`;
    const syncError = await synced;
    if (syncError !== null) throw new MediaError('io', undefined, { cause: syncError, detail: String(syncError) });
    // Peaks first, media second: the media file's presence is what marks an import complete.
    const peaksPath = join(mediaDir, peaksFileName);
    const peaksExisted = await stat(peaksPath).then(
      () => true,
      () => false,
    );
    await writePeaksFile(peaksPath, peaks).catch((err: unknown) => {
      throw new MediaError('io', undefined, { cause: err, detail: String(err) });
    });
    if (!peaksExisted) placedPeaks = peaksPath;
    throwIfAborted(signal);
    await rename(tempMedia, join(mediaDir, fileName)).catch((err: unknown) => {
      throw new MediaError('io', undefined, { cause: err, detail: String(err) });
    });
    placedPeaks = null; // committed
    await fsyncDir(mediaDir);

    const warnings: string[] = [];
    if (
      probe.durationSec !== null &&
      peaks.decodedDurationSec < probe.durationSec - Math.max(1, probe.durationSec * 0.02)
    ) {
      warnings.push(
        `Only ${peaks.decodedDurationSec.toFixed(1)} s of the ${probe.durationSec.toFixed(1)} s the file claims could be decoded; it may be truncated.`,
      );
    }
    report('finalize', 1);
    return {
      sha256,
      fileName,
      peaksFileName,
      ext,
      sizeBytes: copied,
      durationSec: peaks.decodedDurationSec,
      probe,
      peaks: await summarizePeaksFile(peaksPath),
      duplicate: false,
      warnings,
    };
  } catch (err) {
    await removeQuietly(tempMedia);
    if (placedPeaks !== null) await removeQuietly(placedPeaks);
    if (createdDir !== undefined) await rmdir(mediaDir).catch(() => undefined); // only succeeds if still empty
    if (signal?.aborted) throw new MediaError('cancelled', undefined, { cause: err });
    if (isMediaError(err)) throw err;
    throw new MediaError('io', undefined, { cause: err, detail: String(err) });
  }
}

/** The result for content already in the library (re-probed; peaks rebuilt only if their file is missing). */
async function describeExisting(
  mediaDir: string,
  fileName: string,
  sha256: string,
  signal: AbortSignal | undefined,
  report: (phase: ImportPhase, f: number) => void,
): Promise<ImportResult> {
  const mediaPath = join(mediaDir, fileName);
  const peaksFileName = `${sha256}.peaks`;
  const peaksPath = join(mediaDir, peaksFileName);
  const probe = await probeMedia(mediaPath, signal);
  let peaks: PeaksSummary;
  try {
    peaks = await summarizePeaksFile(peaksPath);
  } catch {
    // Repair: the media is there but its peaks were lost or damaged.
    const computed = await computePeaks(mediaPath, {
      channels: probe.channels,
      expectedDurationSec: probe.durationSec,
      signal,
    });
    await writePeaksFile(peaksPath, computed);
    peaks = await summarizePeaksFile(peaksPath);
  }
  report('finalize', 1);
  const { size } = await stat(mediaPath);
  return {
    sha256,
    fileName,
    peaksFileName,
    ext: extname(fileName).slice(1),
    sizeBytes: size,
    durationSec: peaks.decodedDurationSec,
    probe,
    peaks,
    duplicate: true,
    warnings: [],
  };
}

/**
 * Remove temp files left by an import that was interrupted by a crash or a
 * power cut. Call at startup, before any import runs.
 */
export async function removeStaleImportTemps(mediaDir: string): Promise<string[]> {
  const names = await readdir(mediaDir).catch(() => [] as string[]);
  const stale = names.filter((n) => n.startsWith(IMPORT_TEMP_PREFIX) || n.startsWith(TEMP_PREFIX));
  await Promise.all(stale.map((n) => removeQuietly(join(mediaDir, n))));
  return stale;
}
