import type { Gamefilm } from '../../../shared/contract';
import { buildApi } from '../../../shared/contract';
import type { Attempt, Call, ImportJob, WhisperModel } from '../../../shared/domain';
import type { PacketPreview } from '../../../shared/packets/types';
import type { EventMap, EventName, Subscribe } from '../../../shared/events';
import type { Result } from '../../../shared/result';

const TOKEN_KEY = 'gamefilm.token';

/**
 * Browser mode's token arrives once in the address (`?token=…`); it is kept
 * for this tab only and removed from the address bar so it is not shared by
 * copy-paste or left in history.
 */
export function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return fromUrl ?? sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/**
 * A link to a page of this app that opens on its own in another window or
 * browser (the presenter view when the pop-up was blocked): it carries the
 * token, so it is handed only to the person copying it.
 */
export function linkWithToken(hash: string): string {
  const token = sessionStorage.getItem(TOKEN_KEY) ?? '';
  return `${window.location.origin}${window.location.pathname}?token=${encodeURIComponent(token)}${hash}`;
}

export function createHttpGamefilm(token: string): Gamefilm {
  const invoke = async (channel: string, input: unknown): Promise<Result<unknown>> => {
    try {
      const res = await fetch(`/api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-gamefilm-token': token },
        body: input === undefined ? '' : JSON.stringify(input),
      });
      return (await res.json()) as Result<unknown>;
    } catch {
      return {
        ok: false,
        error: { code: 'internal', message: 'Gamefilm is not reachable. Is `npm run web` still running?' },
      };
    }
  };

  // One EventSource for the tab; listeners attach per event name.
  let source: EventSource | null = null;
  const on: Subscribe = <E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) => {
    source ??= new EventSource(`/events?token=${encodeURIComponent(token)}`);
    const handler = (e: MessageEvent<string>) => listener(JSON.parse(e.data) as EventMap[E]);
    source.addEventListener(event, handler);
    return () => source?.removeEventListener(event, handler);
  };

  const importFiles = async (files: File[]): Promise<Result<ImportJob[]>> => {
    const jobs: ImportJob[] = [];
    // One at a time: uploads share the disk with the imports they start.
    for (const file of files) {
      const result = await upload<ImportJob>(file, 'for=call');
      if (!result.ok) return result;
      jobs.push(result.value);
    }
    return { ok: true, value: jobs };
  };

  /** Streams a chosen file to the server, which hands its temp copy to the named purpose. */
  const upload = async <T>(file: File, purpose: string): Promise<Result<T>> => {
    try {
      const res = await fetch(`/upload?name=${encodeURIComponent(file.name)}&${purpose}`, {
        method: 'POST',
        headers: { 'x-gamefilm-token': token },
        body: file,
      });
      return (await res.json()) as Result<T>;
    } catch {
      return { ok: false, error: { code: 'internal', message: `Could not send ${file.name} to Gamefilm.` } };
    }
  };

  return {
    ...buildApi(invoke),
    relinkFile: (callId, file) => upload<Call>(file, `for=relink&call=${encodeURIComponent(callId)}`),
    importModelFile: (file) => upload<WhisperModel>(file, 'for=model'),
    inspectPacketFile: (file) => upload<PacketPreview>(file, 'for=packet'),
    exportUrl: (fileName) => `/exports/${encodeURIComponent(fileName)}?token=${encodeURIComponent(token)}`,
    // The recorder's Blob goes up like a chosen file; the extension tells the importer what it is.
    saveAttempt: (drillId, recording) =>
      upload<Attempt>(
        new File([recording], recording.type.includes('ogg') ? 'attempt.ogg' : 'attempt.webm', {
          type: recording.type,
        }),
        `for=attempt&drill=${encodeURIComponent(drillId)}`,
      ),
    on,
    mediaUrl: (fileName) => `/media/${encodeURIComponent(fileName)}?token=${encodeURIComponent(token)}`,
    importFiles,
  };
}
