/**
 * Test and bench media, imported the way browser mode imports a file: POST
 * the bytes to /upload, then follow the import job until it has made a call.
 * (The library screen does the same; going through the route keeps player
 * tests independent of the library UI.)
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ImportJob, Theme } from '../../src/shared/domain';
import type { Result } from '../../src/shared/result';

/** What these helpers need of a running browser-mode server (GamefilmServer has it). */
export interface ServerAddress {
  url: string;
  token: string;
}

const originOf = (server: ServerAddress) => new URL(server.url).origin;

/** One contract method over HTTP, as the renderer's client calls it; throws the user-facing message on failure. */
export async function callApi<T>(server: ServerAddress, method: string, input?: unknown): Promise<T> {
  const res = await fetch(`${originOf(server)}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-gamefilm-token': server.token },
    body: input === undefined ? '' : JSON.stringify(input),
  });
  const result = (await res.json()) as Result<T>;
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}

/** Uploads one file and resolves with the new call's id once its import is done. */
export async function importCall(
  server: ServerAddress,
  path: string,
  { name = basename(path), timeoutMs = 120_000 }: { name?: string; timeoutMs?: number } = {},
): Promise<string> {
  const res = await fetch(`${originOf(server)}/upload?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'x-gamefilm-token': server.token },
    body: await readFile(path),
  });
  const started = (await res.json()) as Result<ImportJob>;
  if (!started.ok) throw new Error(`upload of ${name}: ${started.error.message}`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = (await callApi<ImportJob[]>(server, 'calls.imports')).find((j) => j.id === started.value.id);
    if (job?.state === 'done' && job.callId) return job.callId;
    if (job && job.state !== 'queued' && job.state !== 'running') {
      throw new Error(`import of ${name} ended ${job.state}: ${job.message ?? ''}`);
    }
    if (Date.now() > deadline) throw new Error(`import of ${name} did not finish in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The theme the app applies at its next load. */
export async function setTheme(server: ServerAddress, theme: Theme): Promise<void> {
  await callApi(server, 'settings.update', { theme });
}
