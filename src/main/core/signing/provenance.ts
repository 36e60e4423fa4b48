/**
 * What a packet says about where it came from, checked before its contents
 * are trusted: the author's signature over the manifest (which holds the
 * SHA-256 of every entry), and times that cannot be in the future.
 */
import type { PacketManifest, PacketReview } from '../../../shared/packets';
import { AppError } from '../../../shared/result';
import { fingerprint, verifyBytes } from './keys';

/** Clocks on two laptops disagree a little; more than this is a wrong clock or an altered packet. */
export const CLOCK_SKEW_MS = 5 * 60_000;

const refuse = (message: string): never => {
  throw new AppError('invalid_input', message);
};

export function checkSignature(manifest: PacketManifest, manifestBytes: Buffer, signature: string | null): void {
  const author = manifest.author;
  if (!author?.publicKey) {
    if (signature !== null)
      refuse('This packet carries a signature but names no key to check it with; it was refused.');
    return;
  }
  if (signature === null) {
    refuse(
      `This packet names ${author.name}’s signing key but carries no signature, so it may have been altered. Nothing was imported.`,
    );
  }
  if (!verifyBytes(author.publicKey, manifestBytes, signature ?? '')) {
    refuse(
      `This packet’s signature does not match its contents (key ${fingerprint(author.publicKey)}): it was changed after ` +
        `${author.name} signed it, or was not signed by that key. Nothing was imported.`,
    );
  }
}

/** Every `…At` time in the packet, with where it is, for the message. */
function* times(value: unknown, path: string): Generator<[string, string]> {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) yield* times(v, `${path}[${i}]`);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.endsWith('At') && typeof v === 'string') yield [`${path}.${k}`, v];
      else yield* times(v, `${path}.${k}`);
    }
  }
}

/**
 * A time in the future would let a packet win every "newer edit wins"
 * comparison forever (an `updatedAt` of 2099), so such a packet is refused.
 */
/** `review`: the review data, or any other JSON the packet carries (a team change's records). */
export function refuseFutureTimes(
  manifest: PacketManifest,
  review: PacketReview | unknown,
  now: number = Date.now(),
): void {
  const limit = now + CLOCK_SKEW_MS;
  for (const [where, at] of [
    ['manifest.createdAt', manifest.createdAt] as [string, string],
    ...times(review, 'review'),
  ]) {
    if (Date.parse(at) > limit) {
      refuse(
        `This packet has a time in the future (${where.replace(/^review\./, '')}: ${at.slice(0, 16).replace('T', ' ')}). ` +
          'Either a clock was wrong or the packet was altered; nothing was imported.',
      );
    }
  }
}
