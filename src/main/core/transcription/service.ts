import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CoreContext } from '../context';
import type { CatalogModel } from './catalog';
import { createWhisperCliEngine } from './engine';
import type { TranscriptionEngine, WhisperCliEngineOptions } from './engine';
import { createModelManager } from './models';
import { createTranscriptionQueue } from './queue';

export interface TranscriptionOptions {
  /** A different engine altogether (tests, benchmarks); otherwise whisper-cli. */
  engine?: TranscriptionEngine;
  /** Options for the whisper-cli engine: cliPath (else $WHISPER_CLI_PATH), stallTimeoutMs… */
  whisper?: WhisperCliEngineOptions;
  /** Model catalog override (tests serve a generated model with its own checksum). */
  catalog?: readonly CatalogModel[];
  /** Model download base URL (else $GAMEFILM_MODEL_BASE_URL, else Hugging Face). */
  modelBaseUrl?: string;
}

/** Under the data folder: whisper's per-run temp folders, emptied at every start. */
export const TRANSCRIPTION_WORK_DIR = 'transcription-work';

export type TranscriptionService = ReturnType<typeof createTranscriptionService>;

/** Models + the job queue, wired for one core. The queue starts here and stops in close(). */
export function createTranscriptionService(ctx: CoreContext, mediaDir: string, options: TranscriptionOptions = {}) {
  const models = createModelManager(ctx, { catalog: options.catalog, baseUrl: options.modelBaseUrl });
  // Whisper's per-run folders (the decoded audio) live inside the library, not the system's temp folder:
  // a run killed mid-way (a crash, kill -9) leaves them there, and the next start clears them here.
  const workDir = join(ctx.dataDir, TRANSCRIPTION_WORK_DIR);
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const engine = options.engine ?? createWhisperCliEngine({ tmpDir: workDir, ...options.whisper });
  const queue = createTranscriptionQueue(ctx, { engine, models, mediaDir });
  queue.start();
  return {
    models,
    queue,
    /** For the import pipeline: queue a transcription; null (nothing created) when no model is installed. */
    enqueueTranscription: queue.enqueueTranscription,
    async close(): Promise<void> {
      await Promise.all([queue.stop(), models.close()]);
    },
  };
}
