import { createCore } from '../../../../src/main/core';
import type { Core } from '../../../../src/main/core';
import type { ImportJob } from '../../../../src/shared/domain';
import type { Result } from '../../../../src/shared/result';

export const value = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};

/** Resolves when every given import job has left queued/running, from the core's own events. */
export function settled(core: Core, jobs: ImportJob[]): Promise<ImportJob[]> {
  const pending = new Map(jobs.map((j) => [j.id, j]));
  const done = new Map<string, ImportJob>();
  return new Promise((resolve) => {
    const check = (job: ImportJob) => {
      if (!pending.has(job.id) || job.state === 'queued' || job.state === 'running') return;
      done.set(job.id, job);
      if (done.size === pending.size) {
        off();
        resolve(jobs.map((j) => done.get(j.id)!));
      }
    };
    const off = core.onAnyEvent((event, payload) => {
      if (event === 'import.progress') check(payload as ImportJob);
    });
    // Jobs that finished before we subscribed.
    for (const job of core.imports.list()) check(job);
  });
}

export async function importPaths(core: Core, paths: string[]): Promise<ImportJob[]> {
  const jobs = value<ImportJob[]>(
    await core.dispatch('calls.import', { files: paths.map((p) => core.files.register(p)) }),
  );
  return settled(core, jobs);
}

export const openCore = (dataDir: string) => createCore({ dataDir, shell: 'web' });
