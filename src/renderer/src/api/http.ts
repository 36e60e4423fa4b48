import type { Gamefilm } from '../../../shared/contract';
import { buildApi } from '../../../shared/contract';
import type { Call, ImportJob } from '../../../shared/domain';
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
      try {
        const res = await fetch(`/upload?name=${encodeURIComponent(file.name)}`, {
          method: 'POST',
          headers: { 'x-gamefilm-token': token },
          body: file,
        });
        const result = (await res.json()) as Result<ImportJob>;
        if (!result.ok) return result;
        jobs.push(result.value);
      } catch {
        return { ok: false, error: { code: 'internal', message: `Could not send ${file.name} to Gamefilm.` } };
      }
    }
    return { ok: true, value: jobs };
  };

  const relinkFile = async (callId: string, file: File): Promise<Result<Call>> => {
    try {
      const res = await fetch(`/upload?name=${encodeURIComponent(file.name)}&relink=${encodeURIComponent(callId)}`, {
        method: 'POST',
        headers: { 'x-gamefilm-token': token },
        body: file,
      });
      return (await res.json()) as Result<Call>;
    } catch {
      return { ok: false, error: { code: 'internal', message: `Could not send ${file.name} to Gamefilm.` } };
    }
  };

  return {
    ...buildApi(invoke),
    relinkFile,
    on,
    mediaUrl: (fileName) => `/media/${encodeURIComponent(fileName)}?token=${encodeURIComponent(token)}`,
    importFiles,
  };
}
