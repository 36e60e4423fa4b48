/**
 * The model manager: which whisper models are on this machine, downloading
 * (progress, pause/resume, cancel, checksum), importing and deleting them,
 * and which one is the default.
 *
 * A model is usable only when its final file exists and its row is in
 * `whisper_models`; both are written only after the checksum and the ggml
 * header check passed. Anything in flight lives in `<file>.partial`, which
 * whisper never sees — so an interrupted or failed download cannot look usable.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { copyFile, rename, rm } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { ModelDownloadProgress, ModelState, TranscriptionSettings, WhisperModel } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import type { CoreContext } from '../context';
import { newId } from '../db/ids';
import type { CatalogModel } from './catalog';
import { MODEL_CATALOG, modelBaseUrl } from './catalog';
import { DownloadError, downloadToPartial } from './model-download';
import { describeModelFileProblem, readGgmlModelInfo } from './model-file';
import * as repo from './model-repository';

export interface ModelManagerOptions {
  /** Tests swap in entries whose checksums match a generated model. */
  catalog?: readonly CatalogModel[];
  /** Defaults to $GAMEFILM_MODEL_BASE_URL, then Hugging Face. */
  baseUrl?: string;
}

interface ActiveDownload {
  controller: AbortController;
  /** Why it is being stopped: pause keeps the partial file, cancel throws it away. */
  stopAs: 'pause' | 'cancel' | null;
  received: number;
  total: number | null;
  lastEmit: number;
  done: Promise<void>;
}

const PROGRESS_EVERY_MS = 200;

async function sha1Of(path: string): Promise<string> {
  const hash = createHash('sha1');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export type ModelManager = ReturnType<typeof createModelManager>;

export function createModelManager(ctx: CoreContext, options: ModelManagerOptions = {}) {
  const { db, emit } = ctx;
  const catalog = options.catalog ?? MODEL_CATALOG;
  const dir = join(ctx.dataDir, 'models');
  mkdirSync(dir, { recursive: true });
  const active = new Map<string, ActiveDownload>();
  /** Last error per model (a failed checksum, a lost connection), until the next attempt. */
  const errors = new Map<string, string>();
  let closed = false;

  const catalogEntry = (id: string) => catalog.find((m) => m.id === id);
  const partialPath = (entry: CatalogModel) => join(dir, `${entry.fileName}.partial`);

  /** The installed row, if its file is still there (someone may have deleted it by hand). */
  function installed(id: string): repo.InstalledModelRow | undefined {
    const row = repo.getInstalledModel(db, id);
    return row && existsSync(join(dir, row.file_name)) ? row : undefined;
  }

  const partialBytes = (entry: CatalogModel): number => statSyncSize(partialPath(entry));

  function stateOf(entry: CatalogModel): { state: ModelState; received: number } {
    const download = active.get(entry.id);
    if (download) return { state: 'downloading', received: download.received };
    if (installed(entry.id)) return { state: 'installed', received: 0 };
    const partial = partialBytes(entry);
    if (partial > 0) return { state: 'paused', received: partial };
    return { state: errors.has(entry.id) ? 'failed' : 'available', received: 0 };
  }

  function list(): WhisperModel[] {
    const defaultId = defaultModelId();
    const fromCatalog = catalog.map((entry): WhisperModel => {
      const { state, received } = stateOf(entry);
      const row = state === 'installed' ? installed(entry.id) : undefined;
      return {
        id: entry.id,
        name: entry.name,
        source: 'catalog',
        purpose: entry.purpose,
        sizeBytes: row?.size_bytes ?? active.get(entry.id)?.total ?? entry.approxBytes,
        multilingual: entry.multilingual,
        state,
        receivedBytes: received,
        error: errors.get(entry.id) ?? null,
        isDefault: entry.id === defaultId,
      };
    });
    const imported = repo
      .listInstalledModels(db)
      .filter((r) => r.source === 'imported' && existsSync(join(dir, r.file_name)))
      .map((r): WhisperModel => ({
        id: r.id,
        name: r.name,
        source: 'imported',
        purpose: 'Imported from a file on this machine.',
        sizeBytes: r.size_bytes,
        multilingual: r.multilingual === 1,
        state: 'installed',
        receivedBytes: 0,
        error: null,
        isDefault: r.id === defaultId,
      }));
    return [...fromCatalog, ...imported];
  }

  const getModel = (id: string): WhisperModel => {
    const model = list().find((m) => m.id === id);
    if (!model) throw new AppError('not_found', `There is no model "${id}".`);
    return model;
  };

  /** The default if it is still installed; else the first installed model (so a lone download just works). */
  function defaultModelId(): string | null {
    const chosen = repo.readTranscriptionSettings(db).defaultModelId;
    if (chosen && installed(chosen)) return chosen;
    const first = repo.listInstalledModels(db).find((r) => existsSync(join(dir, r.file_name)));
    return first?.id ?? null;
  }

  /** Absolute path of an installed model's file, or null. */
  function pathOf(id: string): string | null {
    const row = installed(id);
    return row ? join(dir, row.file_name) : null;
  }

  function emitProgress(id: string, state: ModelState, received: number, total: number | null, error: string | null) {
    const progress: ModelDownloadProgress = {
      id,
      state,
      receivedBytes: received,
      totalBytes: total,
      fraction: total ? Math.min(1, received / total) : null,
      error,
    };
    emit('models.download', progress);
  }

  async function finish(entry: CatalogModel, partial: string): Promise<void> {
    const actual = await sha1Of(partial);
    if (actual !== entry.sha1) {
      await rm(partial, { force: true });
      throw new AppError(
        'invalid_input',
        `The downloaded ${entry.name} model does not match its published checksum (expected SHA-1 ${entry.sha1}, ` +
          `got ${actual}). It was deleted; download it again.`,
      );
    }
    let info;
    try {
      info = await readGgmlModelInfo(partial);
    } catch (error) {
      await rm(partial, { force: true });
      throw new AppError('invalid_input', `The downloaded file is not a usable model: ${(error as Error).message}`);
    }
    await rename(partial, join(dir, entry.fileName));
    repo.recordInstalledModel(db, {
      id: entry.id,
      source: 'catalog',
      name: entry.name,
      file_name: entry.fileName,
      size_bytes: info.sizeBytes,
      multilingual: info.multilingual ? 1 : 0,
      sha1: actual,
    });
  }

  async function run(entry: CatalogModel, download: ActiveDownload): Promise<void> {
    const partial = partialPath(entry);
    try {
      await downloadToPartial({
        url: `${options.baseUrl ?? modelBaseUrl()}/${entry.fileName}`,
        partialPath: partial,
        signal: download.controller.signal,
        onProgress: (received, total) => {
          download.received = received;
          download.total = total;
          const now = Date.now();
          if (now - download.lastEmit >= PROGRESS_EVERY_MS) {
            download.lastEmit = now;
            emitProgress(entry.id, 'downloading', received, total, null);
          }
        },
      });
      if (closed) return;
      await finish(entry, partial);
      active.delete(entry.id);
      emitProgress(entry.id, 'installed', download.received, download.total, null);
      emit('models.changed', { reason: 'installed' });
    } catch (error) {
      active.delete(entry.id);
      if (closed) return;
      if (download.stopAs === 'cancel') {
        await rm(partial, { force: true });
        emitProgress(entry.id, 'available', 0, download.total, null);
        return;
      }
      if (download.stopAs === 'pause') {
        emitProgress(entry.id, 'paused', download.received, download.total, null);
        return;
      }
      const message =
        error instanceof DownloadError || error instanceof AppError
          ? error.message
          : `Download failed: ${String(error)}`;
      errors.set(entry.id, message);
      // A lost connection keeps the partial file (Resume continues); anything else was already deleted.
      const state: ModelState = existsSync(partial) && statSyncSize(partial) > 0 ? 'paused' : 'failed';
      emitProgress(entry.id, state, download.received, download.total, message);
    }
  }

  return {
    list,
    get: getModel,
    defaultModelId,
    pathOf,

    download(id: string): WhisperModel {
      if (closed) throw new AppError('unsupported', 'Gamefilm is shutting down.');
      const entry = catalogEntry(id);
      if (!entry) throw new AppError('not_found', `"${id}" is not a model Gamefilm can download.`);
      if (installed(id) || active.has(id)) return getModel(id);
      errors.delete(id);
      const download: ActiveDownload = {
        controller: new AbortController(),
        stopAs: null,
        received: partialBytes(entry),
        total: null,
        lastEmit: 0,
        done: Promise.resolve(),
      };
      active.set(id, download);
      download.done = run(entry, download);
      emitProgress(id, 'downloading', download.received, null, null);
      return getModel(id);
    },

    async pause(id: string): Promise<WhisperModel> {
      const download = active.get(id);
      if (download) {
        download.stopAs = 'pause';
        download.controller.abort();
        await download.done;
      }
      return getModel(id);
    },

    async cancel(id: string): Promise<WhisperModel> {
      const entry = catalogEntry(id);
      const download = active.get(id);
      if (download) {
        download.stopAs = 'cancel';
        download.controller.abort();
        await download.done;
      } else if (entry) {
        await rm(partialPath(entry), { force: true });
      }
      errors.delete(id);
      return getModel(id);
    },

    /**
     * Checks a ggml file (magic, hyper-parameters, every tensor) and copies (or moves) it in.
     * The same file imported again (same SHA-1) is the model already installed, not a second entry.
     */
    async importFile(
      path: string,
      opts: { name?: string; move?: boolean; fileLabel?: string } = {},
    ): Promise<WhisperModel> {
      const label = opts.fileLabel ?? basename(path);
      let info;
      try {
        info = await readGgmlModelInfo(path);
      } catch (error) {
        if (opts.move) await rm(path, { force: true });
        throw new AppError('invalid_input', describeModelFileProblem(label, error));
      }
      const sha1 = await sha1Of(path);
      const same = repo.listInstalledModels(db).find((r) => r.sha1 === sha1 && existsSync(join(dir, r.file_name)));
      if (same) {
        if (opts.move) await rm(path, { force: true });
        return getModel(same.id);
      }
      const id = newId();
      const fileName = `imported-${id}.bin`;
      const temp = join(dir, `${fileName}.partial`);
      try {
        if (opts.move) await rename(path, temp).catch(() => copyFile(path, temp));
        else await copyFile(path, temp);
        await rename(temp, join(dir, fileName));
      } catch (error) {
        await rm(temp, { force: true });
        throw new AppError('internal', `Could not copy the model into the library: ${(error as Error).message}`);
      } finally {
        if (opts.move) await rm(path, { force: true });
      }
      const fallbackName = basename(path, extname(path)).replace(/^ggml-/, '') || 'Imported model';
      repo.recordInstalledModel(db, {
        id,
        source: 'imported',
        name: opts.name ?? `${fallbackName} (${info.kind}${info.multilingual ? ', multilingual' : ''})`,
        file_name: fileName,
        size_bytes: info.sizeBytes,
        multilingual: info.multilingual ? 1 : 0,
        sha1,
      });
      emit('models.changed', { reason: 'installed' });
      return getModel(id);
    },

    async remove(id: string): Promise<void> {
      const row = repo.getInstalledModel(db, id);
      const entry = catalogEntry(id);
      if (!row && !entry) throw new AppError('not_found', `There is no model "${id}".`);
      if (active.has(id)) await this.cancel(id);
      repo.forgetInstalledModel(db, id);
      if (row) await rm(join(dir, row.file_name), { force: true });
      if (entry) await rm(partialPath(entry), { force: true });
      if (repo.readTranscriptionSettings(db).defaultModelId === id) {
        repo.writeTranscriptionSettings(db, { defaultModelId: null });
      }
      emit('models.changed', { reason: 'removed' });
    },

    setDefault(id: string): TranscriptionSettings {
      if (!installed(id)) throw new AppError('invalid_input', 'Download or import this model before choosing it.');
      repo.writeTranscriptionSettings(db, { defaultModelId: id });
      emit('models.changed', { reason: 'default' });
      return this.settings();
    },

    settings(): TranscriptionSettings {
      return { ...repo.readTranscriptionSettings(db), defaultModelId: defaultModelId() };
    },

    updateSettings(patch: Partial<Omit<TranscriptionSettings, 'defaultModelId'>>): TranscriptionSettings {
      repo.writeTranscriptionSettings(db, patch);
      emit('models.changed', { reason: 'settings' });
      return this.settings();
    },

    /** Stops downloads, keeping their partial files: they show as paused after a restart. */
    async close(): Promise<void> {
      closed = true;
      const pending = [...active.values()];
      for (const d of pending) {
        d.stopAs = 'pause';
        d.controller.abort();
      }
      await Promise.all(pending.map((d) => d.done));
    },
  };
}

function statSyncSize(path: string): number {
  // Sync on purpose: list() is synchronous and the file is local.
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
