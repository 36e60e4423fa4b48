/**
 * Reading a `.gamefilm` file someone sent: everything is checked before the
 * library is touched, cheapest checks first, so a hostile file is refused
 * fast and without being inflated.
 *
 * 1. The zip's central directory: entry count, names (no absolute paths, no
 *    `..`, no backslashes, no links, no folders), declared sizes against a
 *    per-entry and a total cap — a "10 GB" bomb is refused here, unread.
 * 2. manifest.json: the format and its version (newer → "update Gamefilm"),
 *    then review.json; older versions are migrated, both are validated.
 * 3. Every entry is bounded by what its kind can be (entry-limits.ts): JSON
 *    small, a clip or recording by its duration, no bomb-like compression.
 * 4. Only the entries the caller selects (what the import plan needs) are
 *    inflated, once, into a private staging folder after a free-space
 *    check, counting bytes (never more than declared) and hashing them
 *    against the manifest. Unused entries are never written anywhere.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Entry, ZipFile } from 'yauzl';
import { openPromise } from 'yauzl';
import type { PacketManifest, PacketReview, RawPacket } from '../../../shared/packets';
import {
  EntryName,
  MANIFEST_ENTRY,
  migratePacket,
  BundleManifest,
  PacketManifest as ManifestSchema,
  PacketReview as ReviewSchema,
  readableVersionOf,
  REVIEW_ENTRY,
  SIGNATURE_ENTRY,
} from '../../../shared/packets';
import { checkSignature, refuseFutureTimes } from '../signing/provenance';
import { AppError } from '../../../shared/result';
import { describeInvalid } from '../dispatch';
import type { EntryLimits, SelectEntries } from './entry-limits';
import { checkEntryKinds, checkFreeSpace, DEFAULT_ENTRY_LIMITS, jsonCapOf } from './entry-limits';

export interface PacketCaps {
  /** Largest single entry, uncompressed. */
  maxEntryBytes: number;
  /** All entries together, uncompressed. */
  maxTotalBytes: number;
  /** manifest.json and review.json are parsed in memory, so they get a tighter cap. */
  maxJsonBytes: number;
  maxEntries: number;
}

/**
 * A whole call can travel in a packet (a two-hour video call is a few GB),
 * so the caps are generous for media and tight for JSON.
 */
export const DEFAULT_CAPS: PacketCaps = {
  maxEntryBytes: 4 * 1024 ** 3,
  maxTotalBytes: 6 * 1024 ** 3,
  maxJsonBytes: 64 * 1024 ** 2,
  maxEntries: 5_000,
};

export interface ReadOptions {
  /** The entries to inflate (default: every listed entry); called once the packet is validated. */
  select?: SelectEntries;
  signal?: AbortSignal;
  limits?: EntryLimits;
  /**
   * Where a listed entry that is not inside the zip lives (team change files
   * keep recordings once, beside them, by content hash); null when nowhere.
   * Such an entry is checked against the manifest's size and SHA-256 like
   * any other, and a missing one is refused with `code: 'not_found'`.
   */
  external?: (name: string) => string | null | Promise<string | null>;
}

export interface ReadPacket {
  /** `author.publicKey` is set only when manifest.sig verified against it (else the packet is unsigned). */
  manifest: PacketManifest;
  review: PacketReview;
  /** The staging folder holding every selected entry under its own name. */
  dir: string;
  /** The entries that were inflated (and verified) into `dir`. */
  staged: ReadonlySet<string>;
  /** Absolute path of a staged entry. */
  file(name: string): string;
}

const refuse = (message: string): never => {
  throw new AppError('invalid_input', message);
};

const UNIX_FILE_TYPE = 0o170000;
const UNIX_SYMLINK = 0o120000;
const UNIX_DIRECTORY = 0o040000;

function checkEntry(entry: Entry, caps: PacketCaps): void {
  const name = entry.fileName;
  const mode = (entry.externalFileAttributes >>> 16) & UNIX_FILE_TYPE;
  if (mode === UNIX_SYMLINK) refuse(`This packet contains a link (${name}); packets never do, so it was refused.`);
  if (name.endsWith('/') || mode === UNIX_DIRECTORY)
    refuse(`This packet contains a folder entry (${name}); it was refused.`);
  if (name !== MANIFEST_ENTRY && !EntryName.safeParse(name).success) {
    refuse(`This packet contains an unexpected file name (${name.slice(0, 80)}); it was refused.`);
  }
  if (entry.isEncrypted()) refuse('This packet contains encrypted entries; it was refused.');
  if (!entry.canDecodeFileData()) refuse(`This packet uses a compression Gamefilm does not read (${name}).`);
  if (entry.uncompressedSize > caps.maxEntryBytes) {
    refuse(
      `This packet is too large to import safely: ${name} would unpack to ${formatBytes(entry.uncompressedSize)} ` +
        `(the limit is ${formatBytes(caps.maxEntryBytes)}). Nothing was imported.`,
    );
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${n} bytes`;
}

/** yauzl's own refusals (unsafe names, damaged structure) in a person's words. */
function describeZipError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/absolute path|invalid relative path|invalid characters in fileName/.test(message)) {
    return new AppError(
      'invalid_input',
      `This packet contains an unsafe file name (${message.replace(/^.*?: /, '').slice(0, 80)}) that could write outside its folder; it was refused.`,
    );
  }
  if (
    /too many bytes|too few bytes|invalid compressed|unexpected end|incorrect header|invalid .* distance|invalid block/i.test(
      message,
    )
  ) {
    return new AppError(
      'invalid_input',
      `This packet is damaged: an entry does not unpack to the size it declares (${message}).`,
    );
  }
  return new AppError(
    'invalid_input',
    `This file is not a complete Gamefilm packet: the zip is truncated or damaged (${message}).`,
  );
}

async function readEntryBuffer(zip: ZipFile, entry: Entry, limit: number): Promise<Buffer> {
  if (entry.uncompressedSize > limit)
    refuse(`${entry.fileName} is larger than any Gamefilm packet writes; it was refused.`);
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      stream.destroy();
      refuse(`${entry.fileName} is larger than it declares; the packet was refused.`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function parseJson(buffer: Buffer, name: string): unknown {
  try {
    return JSON.parse(buffer.toString('utf8'));
  } catch {
    return refuse(`${name} in this packet is not valid JSON; the packet was refused.`);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

async function openZip(path: string): Promise<ZipFile> {
  const info = await stat(path).catch(() => refuse('That packet file could not be read (was it moved or deleted?).'));
  if (!info.isFile()) refuse('That is a folder, not a Gamefilm packet.');
  try {
    return await openPromise(path, {
      autoClose: false,
      decodeStrings: true,
      validateEntrySizes: true,
      strictFileNames: true,
    });
  } catch (error) {
    throw describeZipError(error);
  }
}

/** Every entry by name, each checked for its kind and declared size before anything is inflated. */
async function centralDirectory(zip: ZipFile, caps: PacketCaps): Promise<Map<string, Entry>> {
  if (zip.entryCount > caps.maxEntries)
    refuse(`This packet has ${zip.entryCount} entries; no Gamefilm packet has that many.`);
  const entries = new Map<string, Entry>();
  let total = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      checkEntry(entry, caps);
      if (entries.has(entry.fileName)) refuse(`This packet lists ${entry.fileName} twice; it was refused.`);
      entries.set(entry.fileName, entry);
      total += entry.uncompressedSize;
      if (total > caps.maxTotalBytes) {
        refuse(
          `This packet is too large to import safely: it would unpack to more than ${formatBytes(caps.maxTotalBytes)}. Nothing was imported.`,
        );
      }
    }
  } catch (error) {
    throw describeZipError(error);
  }
  return entries;
}

/** Whether a packet file has review data (a team change about a person has only records). */
export async function packetHasReview(path: string): Promise<boolean> {
  const zip = await openZip(path);
  try {
    return (await centralDirectory(zip, DEFAULT_CAPS)).has(REVIEW_ENTRY);
  } finally {
    zip.close();
  }
}

/**
 * A signed packet of JSON entries only, without review data (a team change
 * file about a person). The same checks as a whole packet — entry kinds and
 * sizes, a manifest of this version, its signature, nothing unlisted or
 * missing, every entry's size and SHA-256 — and the entries answered
 * parsed, in memory (each within the JSON cap). Only `names` may be in it.
 */
export async function readSignedRecords(
  path: string,
  names: readonly string[],
  caps: PacketCaps = DEFAULT_CAPS,
): Promise<{ manifest: PacketManifest; json: Map<string, unknown> }> {
  const zip = await openZip(path);
  try {
    const entries = await centralDirectory(zip, caps);
    const manifestEntry =
      entries.get(MANIFEST_ENTRY) ?? refuse('This file is not a Gamefilm packet: it has no manifest.json.');
    const manifestBytes = await readEntryBuffer(zip, manifestEntry, caps.maxJsonBytes);
    const rawManifest = parseJson(manifestBytes, MANIFEST_ENTRY);
    readableVersionOf(rawManifest);
    const parsed = BundleManifest.safeParse(rawManifest);
    if (!parsed.success) refuse(`This packet’s manifest is invalid: ${describeInvalid(parsed.error)}.`);
    const manifest = parsed.data as PacketManifest;
    const signatureEntry = entries.get(SIGNATURE_ENTRY);
    const signature = signatureEntry ? (await readEntryBuffer(zip, signatureEntry, 1024)).toString('utf8') : null;
    checkSignature(manifest, manifestBytes, signature);
    const listed = new Map(manifest.entries.map((e) => [e.name, e]));
    for (const name of entries.keys()) {
      if (name !== MANIFEST_ENTRY && name !== SIGNATURE_ENTRY && !listed.has(name))
        refuse(`This packet contains ${name}, which its manifest does not list; it was refused.`);
    }
    const json = new Map<string, unknown>();
    for (const e of manifest.entries) {
      if (!names.includes(e.name)) refuse(`This packet lists ${e.name}, which a file of its kind never has.`);
      const entry = entries.get(e.name) ?? refuse(`This packet is incomplete: ${e.name} is listed but missing.`);
      if (entry.uncompressedSize !== e.size)
        refuse(`This packet is damaged: ${e.name} does not have the size its manifest lists.`);
      const bytes = await readEntryBuffer(zip, entry, caps.maxJsonBytes);
      if (createHash('sha256').update(bytes).digest('hex') !== e.sha256)
        refuse(`This packet is damaged or was altered: ${e.name} does not match its checksum. Nothing was imported.`);
      json.set(e.name, parseJson(bytes, e.name));
    }
    refuseFutureTimes(manifest, Object.fromEntries(json));
    return { manifest, json };
  } finally {
    zip.close();
  }
}

export async function readPacket(
  path: string,
  stagingDir: string,
  caps: PacketCaps = DEFAULT_CAPS,
  { select, signal, limits = DEFAULT_ENTRY_LIMITS, external }: ReadOptions = {},
): Promise<ReadPacket> {
  const zip = await openZip(path);
  try {
    // 1. The central directory alone: names, kinds and declared sizes.
    const entries = await centralDirectory(zip, caps);

    // 2. Manifest (version first: a newer format is refused before its schema is judged), then review data.
    const manifestEntry =
      entries.get(MANIFEST_ENTRY) ?? refuse('This file is not a Gamefilm packet: it has no manifest.json.');
    const jsonCap = (name: string) => Math.min(caps.maxJsonBytes, jsonCapOf(name, limits) ?? caps.maxJsonBytes);
    const manifestBytes = await readEntryBuffer(zip, manifestEntry, jsonCap(MANIFEST_ENTRY));
    const rawManifest = parseJson(manifestBytes, MANIFEST_ENTRY);
    readableVersionOf(rawManifest);
    const reviewEntry = entries.get(REVIEW_ENTRY) ?? refuse('This packet has no review data (review.json).');
    const reviewBytes = await readEntryBuffer(zip, reviewEntry, jsonCap(REVIEW_ENTRY));
    const rawReview = parseJson(reviewBytes, REVIEW_ENTRY);
    if (!isRecord(rawReview)) refuse('review.json in this packet is not an object; the packet was refused.');
    const migrated: RawPacket = migratePacket({
      manifest: rawManifest as Record<string, unknown>,
      review: rawReview as Record<string, unknown>,
    });
    const manifestParsed = ManifestSchema.safeParse(migrated.manifest);
    if (!manifestParsed.success) refuse(`This packet’s manifest is invalid: ${describeInvalid(manifestParsed.error)}.`);
    const manifest = manifestParsed.data as PacketManifest;
    // The signature covers the manifest, and the manifest the hash of every entry: checked before anything is inflated.
    const signatureEntry = entries.get(SIGNATURE_ENTRY);
    const signature = signatureEntry ? (await readEntryBuffer(zip, signatureEntry, 1024)).toString('utf8') : null;
    checkSignature(manifest, manifestBytes, signature);
    const reviewParsed = ReviewSchema.safeParse(migrated.review);
    if (!reviewParsed.success) refuse(`This packet’s review data is invalid: ${describeInvalid(reviewParsed.error)}.`);
    const review = reviewParsed.data as PacketReview;

    // The manifest and the zip must agree exactly: nothing unlisted, nothing missing, sizes as declared.
    const listed = new Map(manifest.entries.map((e) => [e.name, e]));
    for (const name of entries.keys()) {
      if (name !== MANIFEST_ENTRY && name !== SIGNATURE_ENTRY && !listed.has(name))
        refuse(`This packet contains ${name}, which its manifest does not list; it was refused.`);
    }
    const outside = new Map<string, string>();
    /** External entries not there (yet): refused only if the caller needs one. */
    const absent = new Set<string>();
    for (const e of manifest.entries) {
      const entry = entries.get(e.name);
      if (!entry) {
        if (!external) refuse(`This packet is incomplete: ${e.name} is listed but missing.`);
        const path = (await external?.(e.name)) ?? null;
        const size = path ? (await stat(path).catch(() => null))?.size : undefined;
        if (!path || size === undefined) absent.add(e.name);
        else if (size !== e.size) absent.add(e.name);
        else outside.set(e.name, path);
        continue;
      }
      if (entry.uncompressedSize !== e.size)
        refuse(`This packet is damaged: ${e.name} does not have the size its manifest lists.`);
    }
    const referenced = [
      ...review.clips.map((c) => c.file),
      ...(review.subject.media.file ? [review.subject.media.file] : []),
    ];
    for (const name of referenced) if (!listed.has(name)) refuse(`This packet is incomplete: ${name} is missing.`);
    // review.json was read into memory, not staged: its checksum is checked here.
    const listedReview = listed.get(REVIEW_ENTRY) ?? refuse('This packet’s manifest does not list review.json.');
    if (createHash('sha256').update(reviewBytes).digest('hex') !== listedReview.sha256)
      refuse('This packet is damaged or was altered: review.json does not match its checksum. Nothing was imported.');
    // 3. Every entry bounded by its kind (a "30-second clip" of 2 GB is refused here, unread).
    checkEntryKinds(entries, review, limits);

    // 4. Only what the caller needs is inflated, and only if the disk has room for it.
    const wanted = new Set(select ? select(review, manifest) : manifest.entries.map((e) => e.name));
    const toStage = manifest.entries.filter((e) => wanted.has(e.name));
    const notHere = toStage.find((e) => absent.has(e.name));
    if (notHere) throw new AppError('not_found', `${notHere.name} has not arrived (completely) yet.`);
    const bytes = toStage.reduce((sum, e) => sum + e.size, 0);
    await mkdir(stagingDir, { recursive: true });
    await checkFreeSpace(stagingDir, bytes, limits);
    const fileOf = (name: string) => {
      const target = resolve(stagingDir, name);
      if (!target.startsWith(resolve(stagingDir) + sep)) refuse(`This packet contains an unsafe file name (${name}).`);
      return target;
    };
    for (const e of toStage) {
      if (signal?.aborted) throw new AppError('cancelled', 'The import was cancelled.');
      const entry = entries.get(e.name);
      const target = fileOf(e.name);
      await mkdir(dirname(target), { recursive: true });
      const hash = createHash('sha256');
      let seen = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          seen += chunk.length;
          if (seen > e.size) {
            done(new AppError('invalid_input', `This packet is damaged: ${e.name} unpacks to more than it declares.`));
            return;
          }
          hash.update(chunk);
          done(null, chunk);
        },
      });
      try {
        const source = entry ? await zip.openReadStreamPromise(entry) : createReadStream(outside.get(e.name) as string);
        await pipeline(source, counter, createWriteStream(target, { flags: 'wx' }), { signal });
      } catch (error) {
        if (signal?.aborted) throw new AppError('cancelled', 'The import was cancelled.');
        throw describeZipError(error);
      }
      if (seen !== e.size) refuse(`This packet is damaged: ${e.name} is shorter than its manifest says.`);
      if (hash.digest('hex') !== e.sha256) {
        refuse(`This packet is damaged or was altered: ${e.name} does not match its checksum. Nothing was imported.`);
      }
    }
    refuseFutureTimes(manifest, review);
    return { manifest, review, dir: stagingDir, staged: new Set(toStage.map((e) => e.name)), file: fileOf };
  } catch (error) {
    await rm(stagingDir, { recursive: true, force: true });
    throw error;
  } finally {
    zip.close();
  }
}
