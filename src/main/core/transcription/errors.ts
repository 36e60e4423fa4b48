import type { EngineError } from './engine';
import { isEngineError } from './engine';

/**
 * The line of a child's output that says most about why it stopped: the last
 * one that names an error, else the last one. Paths to temp files are shortened
 * so the sentence stays readable.
 */
export function tellingLine(tail: readonly string[]): string | null {
  const lines = tail.map((l) => l.trim()).filter(Boolean);
  const line = [...lines].reverse().find((l) => /error|fail|invalid|unable|cannot|can't|not found|abort/i.test(l));
  const chosen = line ?? lines.at(-1);
  if (!chosen) return null;
  const short = chosen.replace(/\/\S*\/(gamefilm-whisper-[^/\s]*\/)?/g, '');
  return short.length > 200 ? `${short.slice(0, 200)}…` : short;
}

const quoted = (line: string | null) => (line ? ` It said: “${line}”.` : '');

/**
 * What a coach reads when a transcription fails: what happened and what to do,
 * in plain words. The engine's own output (and the developer hints in the
 * engine's message) stay in the error object and the log.
 */
export function describeTranscriptionFailure(error: unknown): string {
  if (!isEngineError(error)) {
    return `Transcription failed unexpectedly: ${error instanceof Error ? error.message : String(error)}. Retry, and if it fails again, report it.`;
  }
  const e: EngineError = error;
  switch (e.code) {
    case 'engine_missing':
      return 'Transcription is not available in this installation: its speech-to-text engine is missing. Reinstalling Gamefilm puts it back.';
    case 'model_missing':
      return 'The model file is missing or unreadable. Download or import it again in Settings → Transcription models.';
    case 'decode_failed':
      return /no audio stream/.test(e.message)
        ? 'This recording has no sound track to transcribe.'
        : `The recording could not be read for transcription; it may be damaged.${quoted(tellingLine(e.stderrTail))}`;
    case 'engine_stalled':
      return (
        'The transcription engine stopped responding and was stopped. ' +
        'This can happen when the computer is very busy or short of memory: retry when it is quieter, ' +
        'or close other programs first.'
      );
    case 'cancelled':
      return 'Transcription cancelled.';
    case 'engine_failed':
    default:
      return /without writing a transcript|unreadable transcript/.test(e.message)
        ? `The transcription engine finished without a usable transcript.${quoted(tellingLine(e.stderrTail))} Retry, or try another model.`
        : /crashed/.test(e.message)
          ? `The transcription engine crashed.${quoted(tellingLine(e.stderrTail))} Retry, or try another model.`
          : `The transcription engine stopped with an error.${quoted(tellingLine(e.stderrTail))} Retry, or try another model.`;
  }
}
