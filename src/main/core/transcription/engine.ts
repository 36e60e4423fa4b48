import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { access, constants, mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { condenseSilence } from './silence';
import type { SilenceMap, SilenceOptions } from './silence';
import { parseWhisperFullJson } from './whisper-json';

/** Times are in seconds. */
export interface TranscribeRequest {
  inputPath: string;
  modelPath: string;
  threads: number;
  language?: string;
  initialPrompt?: string;
  /** Known duration of the input; otherwise taken from the decoded audio. */
  durationSec?: number;
  signal?: AbortSignal;
  /** Called with a non-decreasing fraction in [0, 1]; 1 exactly once, on success. */
  onProgress?: (fraction: number) => void;
}

export interface Word {
  text: string;
  start: number;
  end: number;
  confidence?: number;
}

export interface Segment {
  start: number;
  end: number;
  text: string;
  words: Word[];
  confidence?: number;
}

export interface TranscriptionEngine {
  transcribe(req: TranscribeRequest): Promise<Segment[]>;
}

export type EngineErrorCode =
  | 'cancelled'
  | 'engine_stalled'
  | 'engine_failed'
  /** whisper-cli or ffmpeg binary not found / not executable. */
  | 'engine_missing'
  /** the model file does not exist or cannot be read. */
  | 'model_missing'
  /** ffmpeg could not decode the input (missing file, no audio stream, corrupt). */
  | 'decode_failed';

export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    /** Last lines the child process wrote to stderr, for logs and bug reports. */
    readonly stderrTail: string[] = [],
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

export function isEngineError(e: unknown): e is EngineError {
  return e instanceof EngineError;
}

export interface WhisperCliEngineOptions {
  cliPath?: string;
  ffmpegPath?: string;
  /** Kill a child that writes nothing for this long. ggml threads stall under load: be generous. */
  stallTimeoutMs?: number;
  /** Where per-run temp folders go (default os.tmpdir()). */
  tmpDir?: string;
  /**
   * Long silences are cut down before whisper runs and times mapped back
   * (see silence.ts); `false` transcribes the audio exactly as decoded.
   */
  silence?: SilenceOptions | false;
  /** Every stderr line of ffmpeg and whisper-cli, for the app's log (and for tests to know a run is live). */
  onLog?: (source: 'ffmpeg' | 'whisper-cli', line: string) => void;
}

export const DEFAULT_STALL_TIMEOUT_MS = 120_000;
const TEMP_PREFIX = 'gamefilm-whisper-';
/** Share of the progress bar given to decoding the input with ffmpeg. */
const DECODE_SHARE = 0.05;

// ---------------------------------------------------------------------------
// Locating binaries

/** Walks up from each start folder to the folder whose package.json is named "gamefilm". */
export function findRepoRoot(startDirs?: string[]): string | null {
  const starts = startDirs ?? [process.cwd(), ...(typeof __dirname === 'string' ? [__dirname] : [])];
  for (const start of starts) {
    let dir = resolve(start);
    for (;;) {
      const pkg = join(dir, 'package.json');
      if (existsSync(pkg)) {
        try {
          if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === 'gamefilm') return dir;
        } catch {
          // unreadable package.json: keep walking
        }
      }
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return null;
}

/** Option, then $WHISPER_CLI_PATH, then <repo>/vendor/whisper/bin/whisper-cli. Null when none is known. */
export function resolveWhisperCliPath(explicit?: string): string | null {
  if (explicit) return explicit;
  const fromEnv = process.env.WHISPER_CLI_PATH;
  if (fromEnv) return fromEnv;
  const root = findRepoRoot();
  if (!root) return null;
  return join(root, 'vendor', 'whisper', 'bin', process.platform === 'win32' ? 'whisper-cli.exe' : 'whisper-cli');
}

/** Option, then $FFMPEG_PATH, then the binary shipped in @ffmpeg-installer/ffmpeg. */
export async function resolveFfmpegPath(explicit?: string): Promise<string> {
  if (explicit) return explicit;
  if (process.env.FFMPEG_PATH) return process.env.FFMPEG_PATH;
  try {
    const mod = (await import('@ffmpeg-installer/ffmpeg')) as { path?: string; default?: { path?: string } };
    const p = mod.default?.path ?? mod.path;
    // In a packaged Electron app the binary must live outside the asar archive.
    if (p) return p.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  } catch {
    // fall through
  }
  return 'ffmpeg';
}

// ---------------------------------------------------------------------------
// Child processes

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function killTree(child: ChildProcess): void {
  if (process.platform !== 'win32' && child.pid) {
    // Detached children lead their own process group: kill all of it, even if
    // the leader is gone (a shell script's `sleep` would otherwise keep the
    // pipes open and the run would never end).
    try {
      process.kill(-child.pid, 'SIGKILL');
      return;
    } catch {
      // no such group: fall through to the single process
    }
  }
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Never leave whisper-cli burning CPU after the app quits.
  process.once('exit', () => {
    for (const c of live) killTree(c);
  });
}

interface RunOptions {
  label: string;
  signal?: AbortSignal;
  stallTimeoutMs: number;
  onStderrLine?: (line: string) => void;
}

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderrTail: string[];
}

const TAIL_LINES = 15;

/** Runs cmd with an argument array (never a shell); rejects only for cancel / stall / spawn failure. */
function runChild(cmd: string, args: string[], opts: RunOptions): Promise<RunResult> {
  return new Promise<RunResult>((resolvePromise, reject) => {
    if (opts.signal?.aborted) {
      reject(new EngineError('cancelled', 'transcription cancelled'));
      return;
    }
    installExitHook();
    const child = spawn(cmd, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      windowsHide: true,
      shell: false,
    });
    live.add(child);

    const tail: string[] = [];
    let partial = '';
    let outcome: EngineError | null = null;
    let timer: NodeJS.Timeout | undefined;

    const pushLine = (raw: string): void => {
      const line = raw.replace(/\s+$/, '');
      if (!line) return;
      tail.push(line.length > 400 ? `${line.slice(0, 400)}…` : line);
      if (tail.length > TAIL_LINES) tail.shift();
      try {
        opts.onStderrLine?.(line);
      } catch {
        // a throwing listener must not take the process handling down
      }
    };
    const arm = (): void => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        if (outcome) return;
        outcome = new EngineError(
          'engine_stalled',
          `${opts.label} made no progress for ${Math.round(opts.stallTimeoutMs / 1000)} s and was stopped` +
            (tail.length ? `. Last output:\n${tail.slice(-5).join('\n')}` : ''),
          [...tail],
        );
        killTree(child);
      }, opts.stallTimeoutMs);
    };
    const onAbort = (): void => {
      if (outcome) return;
      outcome = new EngineError('cancelled', 'transcription cancelled');
      killTree(child);
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    arm();

    child.stdout?.on('data', () => arm());
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      arm();
      // ffmpeg's stats end in \r, whisper's lines in \n
      const parts = (partial + chunk).split(/\r\n|\r|\n/);
      partial = parts.pop() ?? '';
      for (const p of parts) pushLine(p);
    });

    let spawnError: Error | null = null;
    child.on('error', (err) => {
      spawnError = err;
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      live.delete(child);
      if (partial) pushLine(partial);
      if (outcome) {
        reject(outcome);
      } else if (spawnError) {
        const enoent = (spawnError as NodeJS.ErrnoException).code === 'ENOENT';
        reject(
          new EngineError(
            enoent ? 'engine_missing' : 'engine_failed',
            `could not start ${opts.label} (${cmd}): ${spawnError.message}`,
          ),
        );
      } else {
        resolvePromise({ code, signal, stderrTail: tail });
      }
    });
  });
}

function describeExit(label: string, r: RunResult): string {
  const how = r.signal ? `crashed (${r.signal})` : `exited with code ${r.code}`;
  return `${label} ${how}` + (r.stderrTail.length ? `. Last output:\n${r.stderrTail.slice(-8).join('\n')}` : '');
}

// ---------------------------------------------------------------------------
// Audio helpers

/** Duration of a PCM WAV file from its fmt and data chunks. */
export async function wavDurationSec(path: string): Promise<number> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const head = Buffer.alloc(Math.min(size, 4096));
    await fh.read(head, 0, head.length, 0);
    if (head.length < 12 || head.toString('latin1', 0, 4) !== 'RIFF' || head.toString('latin1', 8, 12) !== 'WAVE') {
      throw new Error('not a WAV file');
    }
    let pos = 12;
    let byteRate = 0;
    while (pos + 8 <= head.length) {
      const id = head.toString('latin1', pos, pos + 4);
      const len = head.readUInt32LE(pos + 4);
      if (id === 'fmt ' && pos + 16 <= head.length) byteRate = head.readUInt32LE(pos + 8 + 8);
      if (id === 'data') {
        if (!byteRate) throw new Error('WAV without fmt chunk');
        // ffmpeg writes 0xFFFFFFFF or a stale size when it cannot seek back; trust the file size then.
        const available = size - (pos + 8);
        const dataLen = len > 0 && len <= available ? len : available;
        return dataLen / byteRate;
      }
      pos += 8 + len + (len % 2);
    }
    throw new Error('WAV without data chunk');
  } finally {
    await fh.close();
  }
}

function parseClockSec(s: string): number | null {
  const m = /(\d+):(\d{2}):(\d{2}(?:\.\d+)?)/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

// ---------------------------------------------------------------------------
// The engine

export function createWhisperCliEngine(options: WhisperCliEngineOptions = {}): TranscriptionEngine {
  const stallTimeoutMs = options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;

  async function transcribe(req: TranscribeRequest): Promise<Segment[]> {
    const signal = req.signal;
    if (signal?.aborted) throw new EngineError('cancelled', 'transcription cancelled');

    let lastFraction = -1;
    const report = (f: number): void => {
      const clamped = Math.min(1, Math.max(0, f));
      if (clamped <= lastFraction) return;
      lastFraction = clamped;
      try {
        req.onProgress?.(clamped);
      } catch {
        // a throwing progress listener must not break the run
      }
    };

    const cliPath = resolveWhisperCliPath(options.cliPath);
    if (!cliPath) {
      throw new EngineError(
        'engine_missing',
        'whisper-cli location unknown: pass cliPath, set WHISPER_CLI_PATH, or run `node scripts/build-whisper.mjs`',
      );
    }
    try {
      await access(cliPath, constants.X_OK);
    } catch {
      throw new EngineError(
        'engine_missing',
        `whisper-cli not found or not executable at ${cliPath}; run \`node scripts/build-whisper.mjs\` or set WHISPER_CLI_PATH`,
      );
    }
    try {
      await access(req.modelPath, constants.R_OK);
    } catch {
      throw new EngineError('model_missing', `model file not found or unreadable: ${req.modelPath}`);
    }
    const inputPath = resolve(req.inputPath);
    try {
      await access(inputPath, constants.R_OK);
    } catch {
      throw new EngineError('decode_failed', `input file not found or unreadable: ${inputPath}`);
    }
    const ffmpegPath = await resolveFfmpegPath(options.ffmpegPath);

    const workDir = await mkdtemp(join(options.tmpDir ?? tmpdir(), TEMP_PREFIX));
    try {
      report(0);
      const wavPath = join(workDir, 'audio.wav');

      // 1. decode to 16 kHz mono s16 WAV
      const decode = await runChild(
        ffmpegPath,
        [
          '-nostdin',
          '-hide_banner',
          '-loglevel',
          'error',
          '-stats',
          '-y',
          // `file:` stops ffmpeg from reading a name like "http:…" or "pipe:…" as a protocol
          '-i',
          `file:${inputPath}`,
          '-map',
          '0:a:0',
          '-vn',
          '-ac',
          '1',
          '-ar',
          '16000',
          '-c:a',
          'pcm_s16le',
          '-f',
          'wav',
          wavPath,
        ],
        {
          label: 'ffmpeg',
          signal,
          stallTimeoutMs,
          onStderrLine: (line) => {
            options.onLog?.('ffmpeg', line);
            if (!req.durationSec) return;
            const t = /time=\s*(\S+)/.exec(line);
            const sec = t?.[1] ? parseClockSec(t[1]) : null;
            if (sec !== null) report(DECODE_SHARE * Math.min(1, sec / req.durationSec));
          },
        },
      );
      if (decode.code !== 0 || !existsSync(wavPath)) {
        const noAudio = decode.stderrTail.some((l) => /matches no streams/.test(l));
        throw new EngineError(
          'decode_failed',
          noAudio ? `the file has no audio stream: ${inputPath}` : describeExit('ffmpeg (decoding the input)', decode),
          decode.stderrTail,
        );
      }
      report(DECODE_SHARE);

      const decodedSec = await wavDurationSec(wavPath);
      const durationSec =
        req.durationSec && req.durationSec > 0 ? Math.min(req.durationSec, decodedSec || req.durationSec) : decodedSec;
      if (decodedSec < 0.1) {
        // whisper.cpp refuses input under 100 ms; there is nothing to transcribe.
        report(1);
        return [];
      }

      // 2. cut long silences: less audio to decode, and no quiet for whisper to fill with invented text
      let speechPath = wavPath;
      let silenceMap: SilenceMap | null = null;
      if (options.silence !== false) {
        silenceMap = await condenseSilence(wavPath, join(workDir, 'speech.wav'), options.silence);
        if (silenceMap) speechPath = join(workDir, 'speech.wav');
      }

      // 3. run whisper-cli
      const outBase = join(workDir, 'out');
      const args = [
        '-m',
        req.modelPath,
        '-f',
        speechPath,
        '-t',
        String(Math.max(1, Math.floor(req.threads) || 1)),
        '-ojf',
        '-of',
        outBase,
        '-pp',
        '-bs',
        '1',
        '-bo',
        '1',
        '-nf',
      ];
      if (req.language) args.push('-l', req.language);
      if (req.initialPrompt) args.push('--prompt', req.initialPrompt);

      const run = await runChild(cliPath, args, {
        label: 'whisper-cli',
        signal,
        stallTimeoutMs,
        onStderrLine: (line) => {
          options.onLog?.('whisper-cli', line);
          const m = /progress\s*=\s*(\d+)%/.exec(line);
          if (m) report(DECODE_SHARE + (1 - DECODE_SHARE) * Math.min(1, Number(m[1]) / 100) * 0.99);
        },
      });
      if (run.code !== 0 || run.signal) {
        throw new EngineError('engine_failed', describeExit('whisper-cli', run), run.stderrTail);
      }

      let raw: Buffer;
      try {
        raw = await readFile(`${outBase}.json`);
      } catch {
        throw new EngineError(
          'engine_failed',
          'whisper-cli finished without writing a transcript' +
            (run.stderrTail.length ? `. Last output:\n${run.stderrTail.slice(-8).join('\n')}` : ''),
          run.stderrTail,
        );
      }
      let segments: Segment[];
      try {
        segments = silenceMap
          ? toSourceTimes(parseWhisperFullJson(raw, silenceMap.condensedSec), silenceMap, durationSec)
          : parseWhisperFullJson(raw, durationSec);
      } catch (error) {
        throw new EngineError(
          'engine_failed',
          `whisper-cli wrote an unreadable transcript (${(error as Error).message})` +
            (run.stderrTail.length ? `. Last output:\n${run.stderrTail.slice(-5).join('\n')}` : ''),
          run.stderrTail,
        );
      }
      report(1);
      return segments;
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  }

  return { transcribe };
}

/** Maps times from the condensed audio back onto the recording, clamped to it and never running backwards. */
export function toSourceTimes(segments: Segment[], map: SilenceMap, durationSec: number): Segment[] {
  const at = (t: number) => Math.min(durationSec, map.toSource(t));
  return segments.map((segment) => {
    const start = at(segment.start);
    const words = segment.words.map((w) => {
      const wStart = at(w.start);
      return { ...w, start: wStart, end: Math.max(wStart, at(w.end)) };
    });
    return { ...segment, start, end: Math.max(start, at(segment.end)), words };
  });
}
