import type { EngineError } from './engine';
import { isEngineError } from './engine';

const firstLine = (text: string) => text.split('\n')[0]?.trim() ?? '';

/** What a coach reads when a transcription fails; the engine's last output stays in the log. */
export function describeTranscriptionFailure(error: unknown): string {
  if (!isEngineError(error)) {
    return `Transcription failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  const e: EngineError = error;
  switch (e.code) {
    case 'engine_missing':
      return `The transcription engine (whisper-cli) is not available: ${firstLine(e.message)}`;
    case 'model_missing':
      return 'The model file is missing or unreadable. Download or import it again in Settings.';
    case 'decode_failed':
      return `The recording could not be decoded for transcription: ${firstLine(e.message)}`;
    case 'engine_stalled':
      return `The transcription engine stopped responding and was stopped (${firstLine(e.message)}). Retry, or use a smaller model.`;
    case 'cancelled':
      return 'Transcription cancelled.';
    case 'engine_failed':
    default:
      return `The transcription engine failed: ${firstLine(e.message)}`;
  }
}
