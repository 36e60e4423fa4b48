/**
 * Replay: a packet is a signed statement at one moment. Once a newer packet
 * from the same signer about the same call (or attempt) has been imported,
 * an older one sent again — by anyone — is refused instead of being allowed
 * to roll that person's later work back.
 */
import type { Database } from 'better-sqlite3';
import type { Id } from '../../../shared/domain';
import type { PacketManifest } from '../../../shared/packets';
import type { PacketSigner } from '../../../shared/packets/types';
import { AppError } from '../../../shared/result';
import { nowIso } from '../db/ids';
import { get, run, sql } from '../db/sql';

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

export function refuseReplay(db: Database, signer: PacketSigner, subjectId: Id, manifest: PacketManifest): void {
  const newest = get<{ packet_id: Id; created_at: string }>(
    db,
    sql`SELECT packet_id, created_at FROM packet_receipts WHERE signer_key = ${signer.publicKey} AND subject_id = ${subjectId}`,
  );
  if (newest && newest.packet_id !== manifest.packetId && manifest.createdAt <= newest.created_at) {
    throw new AppError(
      'conflict',
      `This is an older packet from ${signer.name} (made ${when(manifest.createdAt)} UTC); a newer one of theirs ` +
        `(made ${when(newest.created_at)} UTC) is already imported. Importing it could undo their later changes, ` +
        'so it was refused; nothing was imported.',
    );
  }
}

/** Remembers the newest packet taken from this signer about this subject (the same packet again changes nothing). */
export function recordReceipt(db: Database, signer: PacketSigner, subjectId: Id, manifest: PacketManifest): void {
  run(
    db,
    sql`INSERT INTO packet_receipts (signer_key, subject_id, packet_id, created_at, imported_at)
        VALUES (${signer.publicKey}, ${subjectId}, ${manifest.packetId}, ${manifest.createdAt}, ${nowIso()})
        ON CONFLICT (signer_key, subject_id) DO UPDATE
          SET packet_id = excluded.packet_id, created_at = excluded.created_at, imported_at = excluded.imported_at
          WHERE excluded.created_at > packet_receipts.created_at`,
  );
}
