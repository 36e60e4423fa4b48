/**
 * Signing keys (issue 11, item 3). Each person who is "me" on a machine gets
 * an Ed25519 key pair there. The private key is a file in the data folder
 * (`keys/<personId>.pem`, mode 0600) — never a SQLite row, because rows
 * travel in packets and backups; the public key is a `person_keys` row that
 * travels with the person.
 *
 * Keys are written as raw 32-byte public keys in base64url (what a JWK's `x`
 * holds), short enough to sit in a packet and compare as text.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Id } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { nowIso } from '../db/ids';
import { all, get, run, sql } from '../db/sql';

export const keysDir = (dataDir: string): string => join(dataDir, 'keys');
const privateKeyPath = (dataDir: string, personId: Id) => {
  // Ids are UUIDs; anything else must never become part of a path.
  if (!/^[0-9a-f-]{36}$/i.test(personId)) throw new AppError('invalid_input', 'Not a person id.');
  return join(keysDir(dataDir), `${personId}.pem`);
};

const rawPublicKey = (key: KeyObject): string => {
  const jwk = key.export({ format: 'jwk' });
  if (!jwk.x) throw new AppError('internal', 'The signing key has no public part.');
  return jwk.x;
};

/** A public key from its packet form; null when it is not a well-formed Ed25519 key. */
export function publicKeyObject(publicKey: string): KeyObject | null {
  try {
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
  } catch {
    return null;
  }
}

/** What a person reads to tell keys apart: the first 8 bytes of its SHA-256, in four groups. */
export function fingerprint(publicKey: string): string {
  const hex = createHash('sha256').update(Buffer.from(publicKey, 'base64url')).digest('hex').slice(0, 16);
  return hex.match(/.{4}/g)?.join(' ') ?? hex;
}

export interface SigningKey {
  personId: Id;
  publicKey: string;
  privateKey: KeyObject;
}

/**
 * The person's signing key on this machine, made on first use. Called when a
 * person becomes "me" and (lazily) on export, so a library from before keys
 * existed gets one the first time it signs.
 */
export function ensureSigningKey(db: Database, dataDir: string, personId: Id): SigningKey {
  const path = privateKeyPath(dataDir, personId);
  let privateKey: KeyObject;
  if (existsSync(path)) {
    privateKey = createPrivateKey(readFileSync(path));
  } else {
    mkdirSync(keysDir(dataDir), { recursive: true, mode: 0o700 });
    const pair = generateKeyPairSync('ed25519');
    privateKey = pair.privateKey;
    // 'wx': two windows racing to make the first key must not overwrite each other's.
    writeFileSync(path, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
  }
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  // A restored backup may lack the row; the file is what proves the key is ours.
  run(
    db,
    sql`INSERT INTO person_keys (public_key, person_id, verified, created_at)
        VALUES (${publicKey}, ${personId}, 1, ${nowIso()})
        ON CONFLICT (public_key) DO UPDATE SET verified = 1 WHERE person_id = ${personId} AND verified = 0`,
  );
  const owner = get<{ person_id: Id }>(db, sql`SELECT person_id FROM person_keys WHERE public_key = ${publicKey}`);
  if (owner?.person_id !== personId) {
    throw new AppError('conflict', 'This machine’s signing key is recorded for someone else; it was not used.');
  }
  return { personId, publicKey, privateKey };
}

export const signBytes = (key: SigningKey, data: Buffer): string => sign(null, data, key.privateKey).toString('base64');

export function verifyBytes(publicKey: string, data: Buffer, signature: string): boolean {
  const key = publicKeyObject(publicKey);
  if (!key) return false;
  try {
    return verify(null, data, key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

export interface PersonKey {
  publicKey: string;
  verified: boolean;
}

/** Every key recorded for a person, oldest first. */
export function keysOf(db: Database, personId: Id): PersonKey[] {
  return all<{ public_key: string; verified: number }>(
    db,
    sql`SELECT public_key, verified FROM person_keys WHERE person_id = ${personId} ORDER BY created_at, public_key`,
  ).map((r) => ({ publicKey: r.public_key, verified: r.verified === 1 }));
}

export function personOfKey(db: Database, publicKey: string): { personId: Id; verified: boolean } | null {
  const row = get<{ person_id: Id; verified: number }>(
    db,
    sql`SELECT person_id, verified FROM person_keys WHERE public_key = ${publicKey}`,
  );
  return row ? { personId: row.person_id, verified: row.verified === 1 } : null;
}

/**
 * Records a key for a person. `verified` only ever goes up, and a key seen
 * signing outranks a carried copy that named someone else (a packet may have
 * carried it beside the wrong person; the signature cannot lie about whose it is).
 */
export function recordKey(db: Database, personId: Id, publicKey: string, verified: boolean): void {
  run(
    db,
    sql`INSERT INTO person_keys (public_key, person_id, verified, created_at)
        VALUES (${publicKey}, ${personId}, ${verified ? 1 : 0}, ${nowIso()})
        ON CONFLICT (public_key) DO UPDATE SET person_id = excluded.person_id,
          verified = max(person_keys.verified, excluded.verified)
          WHERE person_keys.person_id = excluded.person_id
             OR (excluded.verified = 1 AND person_keys.verified = 0)`,
  );
}
