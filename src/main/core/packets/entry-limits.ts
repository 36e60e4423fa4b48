/**
 * What each entry of a packet may be, by its kind. A packet's sizes are
 * written by whoever made it, so the generous global caps alone let a 2 MB
 * file ask for gigabytes of disk; here every entry is bounded by what its
 * kind can honestly be (review JSON is small, a clip or a recording is at
 * most its duration at a high bitrate), by a compression ratio that real
 * audio never reaches, and the whole staging by the disk's free space.
 */
import { statfs } from 'node:fs/promises';
import type { Entry } from 'yauzl';
import type { PacketManifest, PacketReview } from '../../../shared/packets';
import { MANIFEST_ENTRY, REVIEW_ENTRY, SIGNATURE_ENTRY } from '../../../shared/packets';
import { AppError } from '../../../shared/result';

export interface EntryLimits {
  /** manifest.json (parsed in memory). */
  maxManifestBytes: number;
  /** review.json (parsed in memory). */
  maxReviewBytes: number;
  /** Audio at its richest: 8 channels of 96 kHz 32-bit PCM is ~24.6 Mbit/s. */
  maxAudioBytesPerSec: number;
  /** Video: a 4K screen recording at a high bitrate. */
  maxVideoBytesPerSec: number;
  /** Containers, headers and rounding: added to every duration-bound cap. */
  mediaSlackBytes: number;
  /**
   * Uncompressed ÷ compressed size. Audio and video are noise to deflate
   * (1–2×; the exporter stores them); zeros reach 1000×.
   */
  maxMediaRatio: number;
  /** Anything else listed (review.html, review.pdf): never inflated on import, but still bounded. */
  maxOtherBytes: number;
  /** Disk space that must stay free after staging (and after copying the recording into the library). */
  reserveBytes: number;
}

export const DEFAULT_ENTRY_LIMITS: EntryLimits = {
  maxManifestBytes: 1024 ** 2,
  maxReviewBytes: 32 * 1024 ** 2,
  maxAudioBytesPerSec: 3_100_000,
  maxVideoBytesPerSec: 12_500_000,
  mediaSlackBytes: 1024 ** 2,
  maxMediaRatio: 20,
  maxOtherBytes: 1024 ** 3,
  reserveBytes: 256 * 1024 ** 2,
};

const refuse = (message: string): never => {
  throw new AppError('invalid_input', message);
};

function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${n} bytes`;
}

/** The size cap of JSON entries, read before the review says what the rest are. */
export function jsonCapOf(name: string, limits: EntryLimits): number | null {
  if (name === MANIFEST_ENTRY) return limits.maxManifestBytes;
  if (name === REVIEW_ENTRY) return limits.maxReviewBytes;
  if (name === SIGNATURE_ENTRY) return 1024;
  return null;
}

/**
 * Checks every entry against its kind, once the review says what the
 * media and the clips are. Throws a person-readable refusal.
 */
export function checkEntryKinds(entries: ReadonlyMap<string, Entry>, review: PacketReview, limits: EntryLimits): void {
  const media = review.subject.media;
  const rate = (video: boolean) => (video ? limits.maxVideoBytesPerSec : limits.maxAudioBytesPerSec);
  const mediaCaps = new Map<string, { cap: number; what: string }>();
  for (const clip of review.clips) {
    const cap = Math.ceil((clip.endSec - clip.startSec) * limits.maxAudioBytesPerSec) + limits.mediaSlackBytes;
    mediaCaps.set(clip.file, { cap, what: `a clip of ${Math.round(clip.endSec - clip.startSec)} s` });
  }
  if (media.file) {
    const cap = Math.ceil(media.durationSec * rate(media.hasVideo)) + limits.mediaSlackBytes;
    mediaCaps.set(media.file, { cap, what: `a recording of ${Math.round(media.durationSec)} s` });
  }
  for (const [name, entry] of entries) {
    const json = jsonCapOf(name, limits);
    if (json !== null) {
      if (entry.uncompressedSize > json) refuse(`${name} is larger than any Gamefilm packet writes; it was refused.`);
      continue;
    }
    const media = mediaCaps.get(name);
    if (!media) {
      if (entry.uncompressedSize > limits.maxOtherBytes)
        refuse(`This packet is too large to import safely: ${name} is ${formatBytes(entry.uncompressedSize)}.`);
      continue;
    }
    if (entry.uncompressedSize > media.cap) {
      refuse(
        `This packet is not what it claims: ${name} would unpack to ${formatBytes(entry.uncompressedSize)}, ` +
          `more than ${media.what} can be (at most ${formatBytes(media.cap)}). Nothing was imported.`,
      );
    }
    // A stored entry has ratio 1; a deflated one that shrank more than audio ever does is a bomb.
    if (
      entry.uncompressedSize > limits.mediaSlackBytes &&
      entry.compressedSize * limits.maxMediaRatio < entry.uncompressedSize
    ) {
      refuse(
        `This packet is not what it claims: ${name} compresses ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))}:1, ` +
          `which no real recording does. Nothing was imported.`,
      );
    }
  }
  if (media.file) {
    const entry = entries.get(media.file);
    if (entry && entry.uncompressedSize !== media.sizeBytes)
      refuse('This packet is damaged: its recording does not have the size its review data lists.');
  }
}

/** The entries an import of this review can need: the recording, or (clips-only) the clips that stand in for it. */
export function mediaEntriesOf(review: PacketReview): string[] {
  const media = review.subject.media;
  return media.file ? [media.file] : review.clips.map((c) => c.file);
}

/** Refuses when staging `bytes` (and copying them once more into the library) would fill the disk. */
export async function checkFreeSpace(dir: string, bytes: number, limits: EntryLimits): Promise<void> {
  if (bytes === 0) return;
  const info = await statfs(dir);
  const free = Number(info.bavail) * Number(info.bsize);
  const needed = 2 * bytes + limits.reserveBytes;
  if (needed > free) {
    throw new AppError(
      'unsupported',
      `There is not enough free disk space to import this packet: it needs about ${formatBytes(needed)} ` +
        `and ${formatBytes(free)} is free. Nothing was imported.`,
    );
  }
}

export type SelectEntries = (review: PacketReview, manifest: PacketManifest) => readonly string[];
