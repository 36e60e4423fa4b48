import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants as zlibConstants, crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ENTRY_LIMITS } from '../../../../src/main/core/packets/entry-limits';
import { createPacketService } from '../../../../src/main/core/packets/service';
import type { Core } from '../../../../src/main/core';
import type { PacketPreview } from '../../../../src/shared/packets';
import { useTempDirs } from '../../../helpers/tmp';
import { bundleOf, exportAndWait, readEntries, reviewedCall, snapshot, value, withManifest } from './helpers';
import { librariesIn } from './helpers';

const tempDir = useTempDirs();
const withLibraries = librariesIn(tempDir, 'gamefilm-limits-');

const MiB = 1024 ** 2;
const ZERO_MIB = Buffer.alloc(MiB);

/**
 * The deflate stream of `mebibytes` of zeros, built without deflating them:
 * one MiB of zeros compressed to a byte-aligned, non-final block (~1 KB),
 * repeated, then an empty final block. A 2 GiB entry is ~2 MB here, and
 * never exists uncompressed in memory or on disk.
 */
function zeroDeflate(mebibytes: number): Buffer {
  const block = deflateRawSync(ZERO_MIB, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  return Buffer.concat([...Array<Buffer>(mebibytes).fill(block), Buffer.from([0x03, 0x00])]);
}

function zeroDigests(mebibytes: number): { sha256: string; crc: number } {
  const hash = createHash('sha256');
  let crc = 0;
  for (let i = 0; i < mebibytes; i++) {
    hash.update(ZERO_MIB);
    crc = crc32(ZERO_MIB, crc);
  }
  return { sha256: hash.digest('hex'), crc };
}

interface RawEntry {
  name: string;
  deflated: Buffer;
  crc: number;
  size: number;
}

/** A plain zip (deflate, no zip64) from already-deflated entries. */
function zipOf(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.deflated.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.deflated.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.deflated);
    centrals.push(central, name);
    offset += local.length + name.length + e.deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * The packet with `name` replaced by `mebibytes` of zeros, deflated, and the
 * manifest listing its true size and SHA-256 (so only the caps can refuse it).
 */
function withZeros(entries: Map<string, Buffer>, name: string, mebibytes: number): Buffer {
  const { sha256, crc } = zeroDigests(mebibytes);
  const parts = withManifest(entries, (m) => {
    const listed = (m['entries'] as Array<{ name: string; sha256: string; size: number }>).find((e) => e.name === name);
    if (!listed) throw new Error(`${name} is not listed`);
    listed.sha256 = sha256;
    listed.size = mebibytes * MiB;
  });
  return zipOf(
    parts.map((p) =>
      p.name === name
        ? { name, deflated: zeroDeflate(mebibytes), crc, size: mebibytes * MiB }
        : { name: p.name, deflated: deflateRawSync(p.data), crc: crc32(p.data), size: p.data.length },
    ),
  );
}

const stagingOf = (core: Core) => join(core.dataDir, 'packet-staging');
/** Every file under packet-staging (empty when nothing is staged). */
const stagedFiles = (core: Core): string[] =>
  existsSync(stagingOf(core))
    ? readdirSync(stagingOf(core), { recursive: true, withFileTypes: true })
        .filter((d) => d.isFile())
        .map((d) => d.name)
    : [];

async function clipsPacket(a: Core, dir: string) {
  const { call } = await reviewedCall(a, dir);
  const job = await exportAndWait(a, { callId: call.id, media: 'clips' });
  const entries = await readEntries(bundleOf(job));
  const clipName = [...entries.keys()].find((n) => n.startsWith('clips/')) as string;
  return { call, path: bundleOf(job), entries, clipName };
}

describe('packets: every entry is bounded by its kind', () => {
  it(
    'refuses a 2 GiB zero "clip" listed with its correct hash before writing anything big',
    () =>
      withLibraries(async (a, b, dir) => {
        const { entries, clipName } = await clipsPacket(a, dir);
        const hostile = join(dir, 'hostile.gamefilm');
        writeFileSync(hostile, withZeros(entries, clipName, 2048));
        const before = snapshot(b);
        const free = statfsSync(b.dataDir);
        const started = Date.now();
        const result = await b.dispatch('packets.inspect', { file: b.files.register(hostile) });
        const tookMs = Date.now() - started;
        expect(result.ok).toBe(false);
        if (!result.ok)
          expect(result.error.message).toMatch(/not what it claims: clips\/.* 2\.0 GB, more than a clip of \d+ s/);
        // Refused from the directory alone: nothing inflated, nothing staged, the disk as it was (± other processes).
        expect(tookMs).toBeLessThan(3000);
        expect(stagedFiles(b)).toEqual([]);
        const after = statfsSync(b.dataDir);
        expect((Number(free.bavail) - Number(after.bavail)) * after.bsize).toBeLessThan(64 * MiB);
        expect(snapshot(b)).toEqual(before);
      }),
    120_000,
  );

  it('refuses a deflated clip that compresses like zeros do (no real audio does) and a review.json that is too large', () =>
    withLibraries(async (a, b, dir) => {
      const { entries, clipName } = await clipsPacket(a, dir);
      const bombish = join(dir, 'ratio.gamefilm');
      // 8 MiB is within what a ~13 s clip may be, but 8 MiB of zeros deflates to ~8 KB.
      writeFileSync(bombish, withZeros(entries, clipName, 8));
      const bigReview = join(dir, 'big-review.gamefilm');
      writeFileSync(bigReview, withZeros(entries, 'review.json', 40));
      const before = snapshot(b);
      for (const [path, message] of [
        [bombish, /compresses \d+:1, which no real recording does/],
        [bigReview, /review\.json is larger than any Gamefilm packet writes/],
      ] as const) {
        const result = await b.dispatch('packets.inspect', { file: b.files.register(path) });
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error.message).toMatch(message);
        expect(stagedFiles(b)).toEqual([]);
      }
      expect(snapshot(b)).toEqual(before);
    }));

  it('inflates only what the import needs: the clips for a new call, nothing for a call already here', () =>
    withLibraries(async (a, b, dir) => {
      const { path } = await clipsPacket(a, dir);
      const review = (await readEntries(path)).get('review.json')?.toString('utf8') ?? '';
      const clips = (JSON.parse(review) as { clips: Array<{ file: string }> }).clips.map((c) =>
        c.file.split('/').pop(),
      );
      const first = await value<PacketPreview>(b.dispatch('packets.inspect', { file: b.files.register(path) }));
      // No review.html, review.pdf or review.json on disk: the importer never reads them from there.
      expect(stagedFiles(b).sort()).toEqual([...clips].sort());
      await value(b.dispatch('packets.import', { stageId: first.stageId }));
      expect(stagedFiles(b)).toEqual([]);

      const again = await value<PacketPreview>(b.dispatch('packets.inspect', { file: b.files.register(path) }));
      expect(again.callAction).toBe('unchanged');
      expect(stagedFiles(b)).toEqual([]);
      await value(b.dispatch('packets.discard', { stageId: again.stageId }));
    }));

  it('checks free disk space before staging, and staging goes at once on refusal, discard and close', () =>
    withLibraries(async (a, b, dir) => {
      const { path } = await clipsPacket(a, dir);
      const before = snapshot(b);
      const ctx = { db: b.db, dataDir: b.dataDir, shell: 'web' as const, emit: () => undefined };
      // A reserve larger than any disk: the real statfs answer cannot cover it.
      const full = createPacketService(ctx, {
        mediaDir: b.mediaDir,
        limits: { ...DEFAULT_ENTRY_LIMITS, reserveBytes: 2 ** 53 },
      });
      await expect(full.inspect(path)).rejects.toThrow(/not enough free disk space/);
      expect(stagedFiles(b)).toEqual([]);
      await full.close();

      const service = createPacketService(ctx, { mediaDir: b.mediaDir });
      const preview = await service.inspect(path);
      expect(stagedFiles(b).length).toBeGreaterThan(0);
      await service.discard(preview.stageId);
      expect(stagedFiles(b)).toEqual([]);

      // Closing while a packet is being inspected cancels it and leaves nothing staged.
      const pending = service.inspect(path);
      await service.close();
      await expect(pending).rejects.toThrow();
      expect(stagedFiles(b)).toEqual([]);
      expect(snapshot(b)).toEqual(before);
    }));
});
