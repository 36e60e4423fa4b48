/**
 * Writes the `.gamefilm` zip: manifest.json first (so a reader meets the
 * table of contents before anything else), then every entry it lists.
 * Already-compressed audio is stored, text is deflated.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import type { PacketEntry, PacketManifest } from '../../../shared/packets';
import { BundleManifest, MANIFEST_ENTRY, SIGNATURE_ENTRY } from '../../../shared/packets';
import { AppError } from '../../../shared/result';

/** One file to put in the bundle: bytes in memory or a file on disk. */
export type BundleSource =
  | { name: string; data: Buffer; compress: boolean }
  | { name: string; path: string; compress: boolean; sha256?: string };

export async function hashFile(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

export async function describeEntry(source: BundleSource): Promise<PacketEntry> {
  if ('data' in source) {
    return {
      name: source.name,
      sha256: createHash('sha256').update(source.data).digest('hex'),
      size: source.data.length,
    };
  }
  if (source.sha256) {
    // The call's recording is named by its hash already (checked when it was imported); only its size is read.
    return { name: source.name, sha256: source.sha256, size: (await stat(source.path)).size };
  }
  return { name: source.name, ...(await hashFile(source.path)) };
}

export async function writeBundle(
  out: string,
  manifest: PacketManifest,
  sources: readonly BundleSource[],
  signal?: AbortSignal,
  /** Signs manifest.json's exact bytes; the signature goes beside it as manifest.sig. */
  sign?: (manifestBytes: Buffer) => string,
): Promise<void> {
  // Review packets list review.json (their writers put it there); a team change about a person has records only.
  const checked = BundleManifest.safeParse(manifest);
  if (!checked.success) throw new AppError('internal', `The packet manifest is invalid: ${checked.error.message}`);
  const zip = new ZipFile();
  const mtime = new Date(manifest.createdAt);
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2));
  zip.addBuffer(manifestBytes, MANIFEST_ENTRY, { mtime, compress: true });
  if (sign) zip.addBuffer(Buffer.from(sign(manifestBytes)), SIGNATURE_ENTRY, { mtime, compress: false });
  for (const s of sources) {
    if ('data' in s) zip.addBuffer(s.data, s.name, { mtime, compress: s.compress });
    else zip.addFile(s.path, s.name, { mtime, compress: s.compress });
  }
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(out, { flags: 'wx' }), { signal });
}
