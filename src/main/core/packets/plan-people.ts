/**
 * Who is who in a packet, and who signed it (issue 11, item 3). Pure reads.
 *
 * A packet person is this library's person when, in order: the id is here
 * (or is an alias of someone here), one of their aliases is here, or one of
 * their public keys is recorded here — so a round trip never doubles a
 * person, and two records merged elsewhere land on one here. When a signed
 * packet says two records that both exist here are one person, they are
 * merged here too.
 *
 * The signer: the packet's author, whose key verified (read.ts). A key that
 * contradicts the one recorded for that person here means someone else made
 * the packet: it is refused outright.
 */
import type { Database } from 'better-sqlite3';
import type { Id } from '../../../shared/domain';
import type { PacketManifest, PacketPerson } from '../../../shared/packets';
import type { PacketSigner } from '../../../shared/packets/types';
import { AppError } from '../../../shared/result';
import { get, sql } from '../db/sql';
import { resolvePersonId } from '../people/merge';
import { fingerprint, keysOf, personOfKey } from '../signing/keys';

export interface PeoplePlan {
  /** Packet person id → this library's person id (new people keep their id). */
  personMap: Map<Id, Id>;
  newPeople: Set<Id>;
  /** Records both here that the signer's library merged: `alias` joins `survivor`. */
  merges: Array<{ survivor: Id; alias: Id; label: string }>;
  /** Alias ids this library has never seen: remembered so a later packet naming them lands on the right person. */
  aliases: Array<{ aliasId: Id; personId: Id }>;
  /** Keys to remember on import: the signer's as checked, the others as carried. */
  keys: Array<{ personId: Id; publicKey: string; verified: boolean }>;
  signer: PacketSigner | null;
  /** How each packet person was matched, for the preview. */
  matchedBy: Map<Id, 'id' | 'alias' | 'key' | 'new'>;
}

const personHere = (db: Database, id: Id) =>
  get<{ id: Id; name: string }>(db, sql`SELECT id, name FROM people WHERE id = ${resolvePersonId(db, id)}`);

export function planPeople(db: Database, packetPeople: PacketPerson[], manifest: PacketManifest): PeoplePlan {
  const personMap = new Map<Id, Id>();
  const newPeople = new Set<Id>();
  const matchedBy: PeoplePlan['matchedBy'] = new Map();
  const merges: PeoplePlan['merges'] = [];
  const aliases: PeoplePlan['aliases'] = [];
  const signed = manifest.author?.publicKey ? manifest.author : null;

  for (const p of packetPeople) {
    const byId = personHere(db, p.id);
    const byAlias = byId ? undefined : p.aliases.map((a) => personHere(db, a)).find((x) => x !== undefined);
    const byKey = byId || byAlias ? undefined : p.publicKeys.map((k) => personOfKey(db, k)).find((x) => x !== null);
    const local = byId?.id ?? byAlias?.id ?? (byKey ? resolvePersonId(db, byKey.personId) : undefined);
    personMap.set(p.id, local ?? p.id);
    matchedBy.set(p.id, byId ? 'id' : byAlias ? 'alias' : byKey ? 'key' : 'new');
    if (!local) newPeople.add(p.id);
    // The signer's library merged records that are still two here: merge them here as well.
    if (signed) {
      for (const alias of p.aliases) {
        const other = personHere(db, alias);
        if (!other) aliases.push({ aliasId: alias, personId: local ?? p.id });
        else if (local && other.id !== local && !merges.some((m) => m.alias === other.id)) {
          merges.push({ survivor: local, alias: other.id, label: `${p.name} and ${other.name}` });
        }
      }
    }
  }

  let signer: PacketSigner | null = null;
  const keys: PeoplePlan['keys'] = [];
  if (signed?.publicKey) {
    const publicKey = signed.publicKey;
    const owner = personOfKey(db, publicKey);
    const signerId =
      personMap.get(signed.id) ?? personHere(db, signed.id)?.id ?? (owner ? resolvePersonId(db, owner.personId) : null);
    if (!signerId) {
      throw new AppError('invalid_input', 'This packet’s author is not among its people; it was refused.');
    }
    const recorded = keysOf(db, signerId).filter((k) => k.verified);
    const ownerId = owner?.verified ? resolvePersonId(db, owner.personId) : null;
    // Two records this packet merges count as one person: the key may be recorded for either.
    const mergedHere = ownerId !== null && merges.some((m) => m.survivor === signerId && m.alias === ownerId);
    if (
      (recorded.length > 0 && !recorded.some((k) => k.publicKey === publicKey) && !mergedHere) ||
      (ownerId && ownerId !== signerId && !mergedHere)
    ) {
      const theirs = recorded[0] ? `; theirs here is ${fingerprint(recorded[0].publicKey)}` : '';
      throw new AppError(
        'invalid_input',
        `This packet says it is from ${signed.name}, but it is signed with a key this library does not know as ` +
          `theirs (${fingerprint(publicKey)}${theirs}). Someone else may have made it; nothing was imported.`,
      );
    }
    signer = {
      personId: signerId,
      name: signed.name,
      publicKey,
      fingerprint: fingerprint(publicKey),
      keyStatus: recorded.some((k) => k.publicKey === publicKey) ? 'known' : 'new',
    };
    keys.push({ personId: signerId, publicKey, verified: true });
    // Keys carried for the other people help match them later; they never authorise a change.
    for (const p of packetPeople) {
      for (const k of p.publicKeys) {
        if (k !== publicKey) keys.push({ personId: personMap.get(p.id) ?? p.id, publicKey: k, verified: false });
      }
    }
  }
  return { personMap, newPeople, merges, aliases, keys, signer, matchedBy };
}
