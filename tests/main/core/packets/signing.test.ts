/**
 * Signed packets (issue 11, item 3): the author's key signs the manifest,
 * the importer checks it, and a packet can change an item only when its
 * signer wrote that item. Every refusal says why and leaves the receiving
 * library byte-for-byte as it was.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../../src/main/core';
import { newId } from '../../../../src/main/core/db/ids';
import type { Person, Scorecard } from '../../../../src/shared/domain';
import type { PacketPreview } from '../../../../src/shared/packets';
import { useTempDirs } from '../../../helpers/tmp';
import {
  bundleOf,
  exportAndWait,
  importPacket,
  librariesIn,
  readEntries,
  reviewedCall,
  signWith,
  snapshot,
  value,
  withManifest,
  writeZip,
} from './helpers';

const tempDir = useTempDirs();
const withLibraries = librariesIn(tempDir, 'gamefilm-signing-');

type Json = Record<string, unknown>;
type Edit = { review?: (r: Json) => void; manifest?: (m: Json) => void; sign?: (bytes: Buffer) => string };

/** A copy of a packet with its review data and/or manifest edited; unsigned unless `sign` is given. */
async function altered(source: string, dir: string, name: string, edit: Edit): Promise<string> {
  const entries = await readEntries(source);
  const review = JSON.parse(entries.get('review.json')?.toString('utf8') ?? '{}') as Json;
  edit.review?.(review);
  entries.set('review.json', Buffer.from(JSON.stringify(review)));
  const path = join(dir, `${name}.gamefilm`);
  writeFileSync(path, await writeZip(withManifest(entries, (m) => edit.manifest?.(m), edit.sign)));
  return path;
}

/** A fresh packet id and time, as a real later export would have. */
const freshlyMade = (m: Json) => {
  m['packetId'] = newId();
  m['createdAt'] = new Date().toISOString();
};

const publicKeyOf = (core: Core, personId: string): string => {
  const jwk = createPublicKey(createPrivateKey(readFileSync(join(core.dataDir, 'keys', `${personId}.pem`)))).export({
    format: 'jwk',
  });
  return jwk.x as string;
};

/** Inspect, then import if the preview allowed it: the refusal must say `message` and change nothing. */
async function expectRefused(core: Core, path: string, message: RegExp): Promise<void> {
  const before = snapshot(core);
  const inspected = await core.dispatch('packets.inspect', { file: core.files.register(path) });
  const outcome = inspected.ok
    ? await core.dispatch('packets.import', { stageId: (inspected.value as PacketPreview).stageId })
    : inspected;
  expect(outcome.ok).toBe(false);
  if (!outcome.ok) expect(outcome.error.message).toMatch(message);
  expect(snapshot(core)).toEqual(before);
}

const scorecardRow = (core: Core, id: string) =>
  core.db.prepare('SELECT status, strengths, submitted_at, updated_at FROM scorecards WHERE id = ?').get(id) as {
    status: string;
    strengths: string;
    submitted_at: string | null;
    updated_at: string;
  };

const scorecardsOf = (review: Json) => review['scorecards'] as Json[];

describe('packets: keys and signatures', () => {
  it('“me” gets a key pair: the private key is a 0600 file in the data folder, never a row; packets carry the public key and verify', () =>
    withLibraries(async (a, b, dir) => {
      const { call, coach, rep } = await reviewedCall(a, dir);
      const keyFile = join(a.dataDir, 'keys', `${coach.id}.pem`);
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      const publicKey = publicKeyOf(a, coach.id);
      expect(snapshot(a).rows).not.toContain('PRIVATE KEY');
      expect(snapshot(a).rows).toContain(publicKey);

      const packet = bundleOf(await exportAndWait(a, { callId: call.id }));
      const entries = await readEntries(packet);
      const manifest = JSON.parse(entries.get('manifest.json')?.toString('utf8') ?? '{}') as Json;
      expect(manifest['author']).toEqual({ id: coach.id, name: 'Cora Coach', publicKey });
      expect(entries.has('manifest.sig')).toBe(true);

      const { preview } = await importPacket(b, packet);
      expect(preview.signer).toMatchObject({ personId: coach.id, name: 'Cora Coach', publicKey, keyStatus: 'new' });
      expect(preview.signer?.fingerprint).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){3}$/);
      // Now B knows the key as Cora's: the next packet from her is "known".
      const again = await value<PacketPreview>(b.dispatch('packets.inspect', { file: b.files.register(packet) }));
      expect(again.signer?.keyStatus).toBe('known');
      await value(b.dispatch('packets.discard', { stageId: again.stageId }));

      // The author is whoever acts ("me"): the contract has no field to name someone else…
      const named = await a.dispatch('packets.export', { callId: call.id, authorId: rep.id });
      expect(named.ok ? '' : named.error.code).toBe('invalid_input');
      // …and with nobody marked as me there is no one to export as (the blind rule needs a viewer).
      await value(a.dispatch('people.setMe', { id: null }));
      const nobody = await a.dispatch('packets.export', { callId: call.id });
      expect(nobody.ok ? '' : nobody.error.code).toBe('no_actor');
    }));

  it('refuses a tampered review.json, a re-hashed manifest with the old signature, and a wrong key — library unchanged', () =>
    withLibraries(async (a, b, dir) => {
      const { call, coach } = await reviewedCall(a, dir);
      const packet = bundleOf(await exportAndWait(a, { callId: call.id }));
      await importPacket(b, packet);
      const peer = await value<Person>(b.dispatch('people.create', { name: 'Pia Peer', role: 'rep' }));
      await value(b.dispatch('people.setMe', { id: peer.id }));
      const raiseScores = (r: Json) => {
        for (const s of scorecardsOf(r)) s['strengths'] = 'Rewritten by someone else';
      };

      // review.json changed (a 4 became a 1: same size), manifest untouched: its checksum no longer fits.
      const entries = await readEntries(packet);
      const text = entries.get('review.json')?.toString('utf8') ?? '';
      expect(text).toContain('"score": 4');
      entries.set('review.json', Buffer.from(text.replace('"score": 4', '"score": 1')));
      const review = JSON.parse(text) as Json;
      const tamperedReview = join(dir, 'tampered-review.gamefilm');
      writeFileSync(tamperedReview, await writeZip([...entries].map(([name, data]) => ({ name, data }))));
      await expectRefused(b, tamperedReview, /review\.json does not match its checksum/);

      // The manifest re-hashed to fit, but the author's signature was made over the old one.
      const oldSignature = (await readEntries(packet)).get('manifest.sig')?.toString('utf8') ?? '';
      const rehashed = await altered(packet, dir, 'rehashed', {
        review: raiseScores,
        manifest: (m) => ((m['author'] as Json)['publicKey'] = publicKeyOf(a, coach.id)),
        sign: () => oldSignature,
      });
      await expectRefused(b, rehashed, /signature does not match its contents.*changed after Cora Coach signed it/);

      // Signed by the peer's key while naming Cora's: the signature does not verify.
      const peerSigned = await altered(packet, dir, 'peer-signed', {
        review: raiseScores,
        manifest: (m) => ((m['author'] as Json)['publicKey'] = publicKeyOf(a, coach.id)),
        sign: signWith(b, peer.id),
      });
      await expectRefused(b, peerSigned, /signature does not match its contents/);

      // Naming Cora as author with the peer's own key: it verifies, but it is not the key B knows as hers.
      const wrongKey = await altered(packet, dir, 'wrong-key', {
        review: raiseScores,
        manifest: (m) => {
          freshlyMade(m);
          (m['author'] as Json)['publicKey'] = publicKeyOf(b, peer.id);
        },
        sign: signWith(b, peer.id),
      });
      await expectRefused(
        b,
        wrongKey,
        /says it is from Cora Coach, but it is signed with a key this library does not know/,
      );
      expect(scorecardRow(b, (scorecardsOf(review)[0] as { id: string }).id).strengths).toBe('Curious, calm');
    }));

  it('refuses a time in the future, even signed by the author', () =>
    withLibraries(async (a, b, dir) => {
      const { call, coach } = await reviewedCall(a, dir);
      const packet = bundleOf(await exportAndWait(a, { callId: call.id }));
      await importPacket(b, packet);
      const future = await altered(packet, dir, 'future', {
        review: (r) => {
          const [card] = scorecardsOf(r);
          if (card) {
            card['strengths'] = 'Wins forever';
            card['updatedAt'] = '2099-01-01T00:00:00.000Z';
          }
        },
        manifest: freshlyMade,
        sign: signWith(a, coach.id),
      });
      await expectRefused(b, future, /time in the future \(scorecards\[0\]\.updatedAt: 2099-01-01 00:00\)/);
    }));

  it('a submitted scorecard changes only by its reviewer’s reopen; an older packet replayed is refused', () =>
    withLibraries(async (a, b, dir) => {
      const { call, coach, scorecard } = await reviewedCall(a, dir);
      const first = bundleOf(await exportAndWait(a, { callId: call.id }));
      await importPacket(b, first);

      // Cora's own packet, edited without a reopen (same submission time, newer edit): refused.
      const unopened = await altered(first, dir, 'not-reopened', {
        review: (r) => {
          const card = scorecardsOf(r).find((s) => s['id'] === scorecard.id);
          if (card) {
            card['strengths'] = 'Quietly changed after submitting';
            card['updatedAt'] = new Date().toISOString();
          }
        },
        manifest: freshlyMade,
        sign: signWith(a, coach.id),
      });
      const before = snapshot(b);
      const { preview } = await importPacket(b, unopened);
      expect(preview.items.find((i) => i.id === scorecard.id)).toMatchObject({
        action: 'refused',
        detail: expect.stringMatching(/changes only when Cora Coach reopens it/),
      });
      expect(preview.upToDate).toBe(true);
      expect(snapshot(b)).toEqual(before);

      // Cora reopens, edits and submits again: her next packet updates it.
      await new Promise((resolve) => setTimeout(resolve, 5));
      await value(a.dispatch('scorecards.reopen', { id: scorecard.id }));
      await value(a.dispatch('scorecards.update', { id: scorecard.id, strengths: 'Curious, calm, concise' }));
      await value<Scorecard>(a.dispatch('scorecards.submit', { id: scorecard.id }));
      const second = bundleOf(await exportAndWait(a, { callId: call.id }));
      const { preview: update } = await importPacket(b, second);
      expect(update.items.find((i) => i.id === scorecard.id)).toMatchObject({
        action: 'update',
        detail: 'Cora Coach reopened it and submitted it again.',
      });
      expect(scorecardRow(b, scorecard.id)).toMatchObject({ status: 'submitted', strengths: 'Curious, calm, concise' });

      // The first packet sent again (by anyone): older than what B took from Cora, so refused whole.
      await expectRefused(b, first, /older packet from Cora Coach.*could undo their later changes/);
      expect(scorecardRow(b, scorecard.id).strengths).toBe('Curious, calm, concise');
    }));

  it('a peer’s packet cannot edit the coach’s scorecard: refused with the reason, library unchanged', () =>
    withLibraries(async (a, b, dir) => {
      const { call, scorecard } = await reviewedCall(a, dir);
      await importPacket(b, bundleOf(await exportAndWait(a, { callId: call.id })));
      const peer = await value<Person>(b.dispatch('people.create', { name: 'Pia Peer', role: 'rep' }));
      await value(b.dispatch('people.setMe', { id: peer.id }));
      // The peer reviews the call too: once they have submitted, the coach's scorecard is theirs to see and send.
      const own = await value<Scorecard>(
        b.dispatch('scorecards.start', {
          callId: call.id,
          rubricVersionId: (
            b.db.prepare('SELECT rubric_version_id FROM scorecards WHERE id = ?').get(scorecard.id) as {
              rubric_version_id: string;
            }
          ).rubric_version_id,
        }),
      );
      await value(b.dispatch('scorecards.setScore', { id: own.id, criterionId: own.scores[0]!.criterionId, score: 3 }));
      await value(b.dispatch('scorecards.submit', { id: own.id }));
      const honest = bundleOf(await exportAndWait(b, { callId: call.id }));
      const { preview: back } = await importPacket(a, honest);
      expect(back.signer).toMatchObject({ name: 'Pia Peer', keyStatus: 'new' });

      const edited = await altered(honest, dir, 'peer-edit', {
        review: (r) => {
          const card = scorecardsOf(r).find((s) => s['id'] === scorecard.id);
          if (!card) throw new Error('the coach’s scorecard is in the peer’s packet');
          card['strengths'] = 'Peer says: weak call';
          card['status'] = 'draft';
          card['submittedAt'] = null;
          card['updatedAt'] = new Date().toISOString();
          for (const s of card['scores'] as Json[]) if (s['score'] !== null) s['score'] = 1;
        },
        manifest: freshlyMade,
        sign: signWith(b, peer.id),
      });
      const before = snapshot(a);
      const { preview } = await importPacket(a, edited);
      expect(preview.signer).toMatchObject({ name: 'Pia Peer', keyStatus: 'known' });
      expect(preview.items.find((i) => i.id === scorecard.id)).toMatchObject({
        kind: 'scorecard',
        action: 'refused',
        detail: expect.stringMatching(/only Cora Coach can change it and this packet is signed by Pia Peer/),
      });
      expect(snapshot(a)).toEqual(before);
      expect(scorecardRow(a, scorecard.id)).toMatchObject({ status: 'submitted', strengths: 'Curious, calm' });
    }));

  it('an unsigned packet (format 1, from an older Gamefilm) adds new items only', () =>
    withLibraries(async (a, b, dir) => {
      const { call, coach, scorecard } = await reviewedCall(a, dir);
      const packet = bundleOf(await exportAndWait(a, { callId: call.id }));
      await importPacket(b, packet);
      const now = new Date().toISOString();
      const noteId = newId();
      const old = await altered(packet, dir, 'format-1', {
        review: (r) => {
          r['schemaVersion'] = 1;
          for (const p of r['people'] as Json[]) {
            delete p['publicKeys'];
            delete p['aliases'];
          }
          const card = scorecardsOf(r).find((s) => s['id'] === scorecard.id);
          if (card) {
            card['strengths'] = 'Changed by an unsigned packet';
            card['updatedAt'] = now;
          }
          (r['annotations'] as Json[]).push({
            id: noteId,
            authorId: coach.id,
            startSec: 25,
            endSec: null,
            body: 'A note from the older copy',
            tagId: null,
            situation: '',
            behavior: '',
            impact: '',
            replies: [],
            createdAt: now,
            updatedAt: now,
          });
        },
        manifest: (m) => {
          freshlyMade(m);
          m['schemaVersion'] = 1;
          delete (m['author'] as Json)['publicKey'];
        },
      });
      const { preview } = await importPacket(b, old);
      expect(preview.signer).toBeNull();
      expect(
        preview.items
          .filter((i) => i.action !== 'unchanged')
          .map((i) => `${i.kind}:${i.action}`)
          .sort(),
      ).toEqual(['annotation:add', 'scorecard:refused']);
      expect(preview.items.find((i) => i.id === scorecard.id)?.detail).toMatch(/unsigned.*only its new items/);
      expect(scorecardRow(b, scorecard.id).strengths).toBe('Curious, calm');
      expect(b.db.prepare('SELECT body FROM annotations WHERE id = ?').get(noteId)).toEqual({
        body: 'A note from the older copy',
      });
    }));
});

describe('packets: people across libraries', () => {
  it('a round trip creates no duplicate person, and a person under another id is matched by their key', () =>
    withLibraries(async (a, b, dir) => {
      const { call, coach } = await reviewedCall(a, dir);
      const names = async (core: Core) =>
        (await value<Person[]>(core.dispatch('people.list', undefined))).map((p) => p.name).sort();
      const events: string[] = [];
      b.onAnyEvent((name, payload) => {
        if (name === 'people.changed') events.push((payload as { reason: string }).reason);
      });
      await importPacket(b, bundleOf(await exportAndWait(a, { callId: call.id })));
      // Issue 12, item 7: people added by a packet reach the screens that list people.
      expect(events).toEqual(['created']);
      const peer = await value<Person>(b.dispatch('people.create', { name: 'Pia Peer', role: 'rep' }));
      await value(b.dispatch('people.setMe', { id: peer.id }));
      await importPacket(a, bundleOf(await exportAndWait(b, { callId: call.id })));
      await importPacket(b, bundleOf(await exportAndWait(a, { callId: call.id })));
      expect(await names(a)).toEqual(['Cora Coach', 'Pia Peer', 'Ray Rep']);
      expect(await names(b)).toEqual(['Bea Receiver', 'Cora Coach', 'Pia Peer', 'Ray Rep']);

      // Cora's packet naming her under an id B has never seen: her key says who she is.
      const otherId = newId();
      const noteId = newId();
      const now = new Date().toISOString();
      const renamed = await altered(bundleOf(await exportAndWait(a, { callId: call.id })), dir, 'other-id', {
        review: (r) => {
          const text = JSON.stringify(r).split(coach.id).join(otherId);
          Object.assign(r, JSON.parse(text));
          (r['annotations'] as Json[]).push({
            id: noteId,
            authorId: otherId,
            startSec: 26,
            endSec: null,
            body: 'Written under another id',
            tagId: null,
            situation: '',
            behavior: '',
            impact: '',
            replies: [],
            createdAt: now,
            updatedAt: now,
          });
        },
        manifest: (m) => {
          freshlyMade(m);
          (m['author'] as Json)['id'] = otherId;
          (m['author'] as Json)['publicKey'] = publicKeyOf(a, coach.id);
        },
        sign: signWith(a, coach.id),
      });
      const { preview } = await importPacket(b, renamed);
      expect(preview.items.find((i) => i.id === otherId)).toMatchObject({
        kind: 'person',
        action: 'unchanged',
        detail: 'The same person as “Cora Coach” here (same signing key).',
      });
      expect(preview.signer).toMatchObject({ personId: coach.id, keyStatus: 'known' });
      expect(await names(b)).toEqual(['Bea Receiver', 'Cora Coach', 'Pia Peer', 'Ray Rep']);
      expect(b.db.prepare('SELECT author_id FROM annotations WHERE id = ?').get(noteId)).toEqual({
        author_id: coach.id,
      });
    }));
});
