/**
 * Team folder catch-up (issue 16): a new member's library imports a team
 * folder of BENCH_TEAM_DEVICES devices × their change files
 * (BENCH_TEAM_FILES in all; 20 × 50,000 is the figure, the default
 * is smaller so `npm run bench` stays short). Ours: the reader (listing,
 * order per device, cursor in the same transaction, device-key checks,
 * quarantine bookkeeping, events). Baseline: a bare packet import loop over
 * the same files in the same order (read + verify + plan + apply in one
 * transaction), no team machinery.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../src/main/core';
import type { Core } from '../src/main/core';
import { newId } from '../src/main/core/db/ids';
import { applyPlan } from '../src/main/core/packets/apply';
import { DEFAULT_ENTRY_LIMITS, mediaEntriesOf } from '../src/main/core/packets/entry-limits';
import type { MergePlan } from '../src/main/core/packets/plan';
import { planMerge } from '../src/main/core/packets/plan';
import { DEFAULT_CAPS, readPacket } from '../src/main/core/packets/read';
import { importMediaFile } from '../src/main/core/media';
import { writeSetting } from '../src/main/core/settings/repository';
import { deviceDir, listDevice, listDevices, mediaPath } from '../src/main/core/team/layout';
import { enqueue, flushOutbox } from '../src/main/core/team/writer';
import type { Call, Person } from '../src/shared/domain';
import { makeMedia } from '../tests/fixtures/media';
import type { BenchRow } from './harness';
import { row } from './harness';

async function ok<T>(pending: Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>): Promise<T> {
  const r = await pending;
  if (!r.ok) throw new Error(r.error?.message);
  return r.value as T;
}

/** Notes each coach keeps on the call. */
const NOTES = 10;

/** One library plays every device in turn: its person, its device id, its own log. */
async function makeTeamFolder(dir: string, folder: string, devices: number, files: number): Promise<void> {
  const core = createCore({ dataDir: join(dir, 'writer'), shell: 'web', team: { batchMs: 3_600_000 } });
  try {
    const imported = new Promise<Call>((resolve) => core.onCallImported(resolve));
    const media = await makeMedia(dir, 'ogg', { durationSec: 30, name: 'bench-team' });
    await ok(core.dispatch('calls.import', { files: [core.files.register(media)] }));
    const call = await imported;
    for (let d = 0; d < devices; d++) {
      const person = await ok<Person>(core.dispatch('people.create', { name: `Coach ${d}`, role: 'coach' }));
      await ok(core.dispatch('people.setMe', { id: person.id }));
      const deviceId = newId();
      writeSetting(core.db, 'team.deviceId', deviceId);
      core.db.exec('DELETE FROM team_log; DELETE FROM team_written; DELETE FROM team_outbox');
      const deps = { db: core.db, dataDir: core.dataDir, mediaDir: core.mediaDir, folder, deviceId };
      const perDevice = Math.floor(files / devices) + (d < files % devices ? 1 : 0);
      // Each coach keeps ten notes on the call and edits one per change file, as a review in progress does:
      // every file is this person's current review (ten items), so files stay the same size however many.
      const notes: string[] = [];
      for (let i = 0; i < perDevice; i++) {
        const at = i % NOTES;
        if (notes.length < NOTES) {
          const a = await ok<{ id: string }>(
            core.dispatch('annotations.create', { callId: call.id, startSec: at * 2, body: `Note ${d}.${i}` }),
          );
          notes.push(a.id);
        } else {
          await ok(core.dispatch('annotations.update', { id: notes[at], body: `Note ${d}.${i}` }));
        }
        enqueue(core.db, [{ kind: 'call', id: call.id }]);
        const out = await flushOutbox(deps);
        if (out.problem) throw new Error(out.problem);
      }
    }
  } finally {
    await core.close();
  }
}

async function bareLoop(core: Core, folder: string): Promise<number> {
  let n = 0;
  const staging = join(core.dataDir, 'bench-staging');
  for (const device of await listDevices(folder)) {
    const listed = await listDevice(deviceDir(folder, device));
    for (const [, name] of [...(listed?.changes ?? [])].sort((a, b) => a[0] - b[0])) {
      let plan: MergePlan | null = null;
      const stage = join(staging, newId());
      const packet = await readPacket(join(deviceDir(folder, device), name), stage, DEFAULT_CAPS, {
        limits: DEFAULT_ENTRY_LIMITS,
        external: (entry) => mediaPath(folder, device, entry.slice('media/'.length)),
        select: (review, manifest) => {
          plan = planMerge(core.db, review, manifest);
          return plan.callAction === 'add' ? mediaEntriesOf(review) : [];
        },
      });
      const first = plan as MergePlan | null;
      let placed = null;
      if (first?.callAction === 'add' && packet.review.subject.media.file)
        placed = await importMediaFile(packet.file(packet.review.subject.media.file), core.mediaDir);
      core.db.transaction(() => {
        const p = planMerge(core.db, packet.review, packet.manifest);
        applyPlan(core.db, packet.review, p, placed, { dataDir: core.dataDir, manifest: packet.manifest });
      })();
      await rm(stage, { recursive: true, force: true });
      n++;
    }
  }
  return n;
}

export async function benchTeam(): Promise<BenchRow[]> {
  const devices = Number(process.env.BENCH_TEAM_DEVICES ?? 20);
  const files = Number(process.env.BENCH_TEAM_FILES ?? 2_000);
  const dir = mkdtempSync(join(tmpdir(), 'gamefilm-bench-team-'));
  try {
    const folder = join(dir, 'team-folder');
    mkdirSync(folder);
    const made = performance.now();
    await makeTeamFolder(dir, folder, devices, files);
    const writeMs = performance.now() - made;

    const bare = createCore({ dataDir: join(dir, 'bare'), shell: 'web' });
    let start = performance.now();
    const bareCount = await bareLoop(bare, folder);
    const bareMs = performance.now() - start;
    await bare.close();

    const reader = createCore({ dataDir: join(dir, 'reader'), shell: 'web', team: { rescanMs: 3_600_000 } });
    // Joined with the watch and the first scan started by join itself; the run is timed to its end.
    start = performance.now();
    await ok(reader.dispatch('team.join', { folder, create: false }));
    let outcome = await reader.team.scan();
    while (outcome && outcome.imported + outcome.quarantined > 0) outcome = await reader.team.scan();
    const oursMs = performance.now() - start;
    const imported = (reader.db.prepare('SELECT sum(next_seq - 1) AS n FROM team_devices').get() as { n: number }).n;
    const quarantined = (reader.db.prepare('SELECT count(*) AS n FROM team_quarantine').get() as { n: number }).n;
    await reader.close();
    if (imported !== files || quarantined !== 0 || bareCount !== files)
      throw new Error(`expected ${files} files, read ${imported} (${quarantined} quarantined), bare ${bareCount}`);
    const perSec = (count: number, ms: number) => (count / ms) * 1000;
    return [
      row(
        `catch-up: ${devices} devices, ${files} change files`,
        perSec(files, oursMs),
        perSec(files, bareMs),
        'files/s',
        `team reader (order, cursor, key checks) vs a bare readPacket+plan+apply loop; ${Math.round(oursMs)} vs ${Math.round(bareMs)} ms; writing them took ${Math.round(writeMs)} ms`,
      ),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
