/**
 * Older packets are brought up to the current schema by pure functions, one
 * step per version (`from n` → `n + 1`), applied to the parsed JSON before
 * the current schemas see it. A packet from a newer Gamefilm is refused with
 * a message that says what to do; nothing guesses at fields it does not know.
 */
import { AppError } from '../result';
import { PACKET_FORMAT, PACKET_SCHEMA_VERSION } from './schema';

/** The JSON of manifest.json and review.json, as read. */
export interface RawPacket {
  manifest: Record<string, unknown>;
  review: Record<string, unknown>;
}

/** Turns a packet of version `n` into version `n + 1`. */
export type PacketMigration = (packet: RawPacket) => RawPacket;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Keyed by the version a step upgrades FROM, each with a test that a packet
 * of that version still imports.
 */
export const PACKET_MIGRATIONS: Readonly<Record<number, PacketMigration>> = {
  /**
   * 1 → 2: signed packets. A format-1 packet had no keys: its people carry
   * none and no aliases, and its author has no key — it imports as unsigned
   * (new items only).
   */
  1: ({ manifest, review }) => ({
    manifest: {
      ...manifest,
      author: isRecord(manifest['author']) ? { ...manifest['author'], publicKey: null } : (manifest['author'] ?? null),
    },
    review: {
      ...review,
      people: Array.isArray(review['people'])
        ? review['people'].map((p: unknown) => (isRecord(p) ? { ...p, publicKeys: [], aliases: [] } : p))
        : review['people'],
    },
  }),
};

/** What a packet's manifest says it is, before any schema is applied. */
export function packetVersionOf(manifest: unknown): number {
  if (!isRecord(manifest) || manifest['format'] !== PACKET_FORMAT) {
    throw new AppError('invalid_input', 'This file is not a Gamefilm packet (its manifest does not say so).');
  }
  const version = manifest['schemaVersion'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new AppError('invalid_input', 'This packet’s manifest has no valid schema version.');
  }
  return version;
}

/** The packet's version, or a refusal when a newer Gamefilm made it (checked before any schema). */
export function readableVersionOf(manifest: unknown, current: number = PACKET_SCHEMA_VERSION): number {
  const version = packetVersionOf(manifest);
  if (version > current) {
    throw new AppError(
      'unsupported',
      `This packet was made by a newer Gamefilm (packet format ${version}; this version reads up to ${current}). ` +
        'Update Gamefilm to open it — nothing was imported.',
    );
  }
  return version;
}

/**
 * Brings a raw packet to PACKET_SCHEMA_VERSION. Pure: the input is not
 * modified (each step returns new objects), so a failed migration leaves
 * nothing half-changed.
 */
export function migratePacket(
  raw: RawPacket,
  steps: Readonly<Record<number, PacketMigration>> = PACKET_MIGRATIONS,
  current: number = PACKET_SCHEMA_VERSION,
): RawPacket {
  let version = readableVersionOf(raw.manifest, current);
  let packet = raw;
  while (version < current) {
    const step = steps[version];
    if (!step) {
      throw new AppError(
        'unsupported',
        `This packet uses an old format (${version}) that this Gamefilm can no longer read — nothing was imported.`,
      );
    }
    packet = step(packet);
    version += 1;
    packet = {
      manifest: { ...packet.manifest, schemaVersion: version },
      review: { ...packet.review, schemaVersion: version },
    };
  }
  return packet;
}
