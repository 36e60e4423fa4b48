/**
 * Locating and running the ffmpeg/ffprobe binaries.
 *
 * Everything here takes an ARGUMENT ARRAY and spawns without a shell, so a
 * file called `$(touch pwned).mp3` is just a string handed to ffmpeg, never
 * something a shell gets to interpret.
 */
import { spawn } from 'node:child_process';
import { resolve as resolvePath } from 'node:path';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import ffprobeInstaller from '@ffprobe-installer/ffprobe';
import { MediaError } from './errors';

/**
 * In a packaged Electron app the installer's path points inside app.asar,
 * which the OS cannot execute; electron-builder unpacks it next door.
 * Outside Electron the replacement is a no-op.
 */
function unpackedFromAsar(p: string): string {
  return p.replace(`app.asar${pathSep()}`, `app.asar.unpacked${pathSep()}`);
}
function pathSep(): string {
  return process.platform === 'win32' ? '\\' : '/';
}

/** FFMPEG_PATH wins (lets CI or a user point at Debian's ffmpeg); else the bundled static build. */
export function resolveFfmpegPath(): string {
  const fromEnv = process.env['FFMPEG_PATH'];
  return fromEnv && fromEnv.trim() !== '' ? fromEnv : unpackedFromAsar(ffmpegInstaller.path);
}

/** FFPROBE_PATH wins; else the bundled static build. */
export function resolveFfprobePath(): string {
  const fromEnv = process.env['FFPROBE_PATH'];
  return fromEnv && fromEnv.trim() !== '' ? fromEnv : unpackedFromAsar(ffprobeInstaller.path);
}

/**
 * How to name a local file on an ffmpeg command line. ffmpeg reads
 * `proto:rest` as a protocol (`concat:`, `http:`, `subfile:`…) and a leading
 * `-` as an option; an absolute path behind `file:` is always just a file.
 */
export function ffmpegFileArg(path: string): string {
  return `file:${resolvePath(path)}`;
}

/**
 * Input options that stop a crafted playlist (.m3u8, .ffconcat, .sdp) from
 * making ffmpeg open URLs or other local files while we import it.
 */
export const SAFE_INPUT_ARGS: readonly string[] = ['-protocol_whitelist', 'file,pipe'];

export interface RunOptions {
  signal?: AbortSignal;
  /** Stream stdout to this callback instead of collecting it. Throwing here kills the process. */
  onStdout?: (chunk: Buffer) => void;
  /** Kill the process after this long (a watchdog for hung reads on network drives). */
  timeoutMs?: number;
  /** How much of stderr to keep for error messages. */
  stderrTailBytes?: number;
}

export interface RunResult {
  exitCode: number | null;
  exitSignal: NodeJS.Signals | null;
  /** Collected stdout (empty when onStdout was given). */
  stdout: Buffer;
  /** The last few KB of stderr: where ffmpeg says what went wrong. */
  stderrTail: string;
}

/** A binary ran but exited non-zero; callers turn this into a MediaError with their own wording. */
export class BinaryExitError extends Error {
  override readonly name = 'BinaryExitError';
  constructor(
    readonly binary: string,
    readonly exitCode: number | null,
    readonly exitSignal: NodeJS.Signals | null,
    readonly stderrTail: string,
  ) {
    super(`${binary} exited with ${exitCode ?? exitSignal}: ${stderrTail.trim().split('\n').slice(-3).join(' | ')}`);
  }
}

/**
 * Run a binary with an argument array. Resolves on exit code 0, rejects with
 * BinaryExitError otherwise, MediaError('cancelled') on abort and
 * MediaError('tool_missing') if it cannot be spawned. On abort or timeout the
 * child is SIGKILLed and we wait for it to be gone before rejecting, so the
 * caller can delete files the child had open.
 */
export function runBinary(binary: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const { signal, onStdout, timeoutMs, stderrTailBytes = 4096 } = options;
  return new Promise<RunResult>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new MediaError('cancelled'));
      return;
    }
    const child = spawn(binary, args, { shell: false, windowsHide: true, stdio: ['ignore', 'pipe', 'pipe'] });

    const stdoutChunks: Buffer[] = [];
    let stderrTail = '';
    let failure: unknown = null; // first reason we killed it ourselves
    let timer: NodeJS.Timeout | undefined;

    const kill = (reason: unknown): void => {
      if (failure === null) failure = reason;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    const onAbort = (): void => kill(new MediaError('cancelled'));
    signal?.addEventListener('abort', onAbort, { once: true });
    if (timeoutMs !== undefined) {
      timer = setTimeout(
        () => kill(new MediaError('corrupt', `${binary} took longer than ${Math.round(timeoutMs / 1000)} s`)),
        timeoutMs,
      );
    }

    child.stdout.on('data', (chunk: Buffer) => {
      if (failure !== null) return;
      if (onStdout) {
        try {
          onStdout(chunk);
        } catch (err) {
          kill(err);
        }
      } else {
        stdoutChunks.push(chunk);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderrTail = (stderrTail + text).slice(-stderrTailBytes);
    });

    const finish = (): void => {
      signal?.removeEventListener('abort', onAbort);
      if (timer) clearTimeout(timer);
    };
    child.on('error', (err) => {
      finish();
      // 'error' without a spawn means the binary is missing or not executable.
      reject(failure ?? new MediaError('tool_missing', undefined, { detail: `${binary}: ${err.message}`, cause: err }));
    });
    // 'close' (not 'exit') fires after stdout has drained, so onStdout saw every byte.
    child.on('close', (exitCode, exitSignal) => {
      finish();
      if (failure !== null) reject(failure);
      else if (exitCode === 0) resolve({ exitCode, exitSignal, stdout: Buffer.concat(stdoutChunks), stderrTail });
      else reject(new BinaryExitError(binary, exitCode, exitSignal, stderrTail));
    });
  });
}
