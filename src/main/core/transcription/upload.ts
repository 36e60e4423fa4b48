import { rm } from 'node:fs/promises';
import type { WhisperModel } from '../../../shared/domain';
import type { TranscriptionService } from './service';

/**
 * Browser mode's model import: the web server streams the uploaded bytes to
 * `tempPath` (anywhere on the same machine) and hands it over here. The file is
 * checked like any import, moved into the models folder, and the temp file is
 * gone afterwards whether or not it was a model.
 */
export async function importUploadedModel(
  deps: { transcription: Pick<TranscriptionService, 'models'> },
  tempPath: string,
  originalName: string,
): Promise<WhisperModel> {
  try {
    const name = originalName
      .replace(/\.[^.]*$/, '')
      .replace(/^ggml-/, '')
      .trim()
      .slice(0, 120);
    return await deps.transcription.models.importFile(tempPath, {
      name: name || undefined,
      move: true,
      fileLabel: originalName,
    });
  } finally {
    await rm(tempPath, { force: true });
  }
}
