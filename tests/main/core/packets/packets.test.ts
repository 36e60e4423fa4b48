import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPacketService } from '../../../../src/main/core/packets/service';
import type { Annotation, CallScorecards, Person, Scorecard } from '../../../../src/shared/domain';
import type { PacketMigration, PacketReview, RawPacket } from '../../../../src/shared/packets';
import { migratePacket, PACKET_SCHEMA_VERSION, PacketReview as ReviewSchema } from '../../../../src/shared/packets';
import { useTempDirs } from '../../../helpers/tmp';
import {
  bundleOf,
  claimSize,
  exportAndWait,
  importPacket,
  librariesIn,
  readEntries,
  reviewedCall,
  sha256,
  snapshot,
  value,
  withManifest,
  writeZip,
} from './helpers';
import { as } from '../../../helpers/acting';

const tempDir = useTempDirs();

const withLibraries = librariesIn(tempDir, 'gamefilm-packets-');

/**
 * The review data with each library's own names for shared vocabulary
 * replaced by what they mean: tags by name, seeded rubric versions by
 * rubric name and version, criteria by position.
 */
function normalized(review: PacketReview) {
  const tagName = new Map(review.tags.map((t) => [t.id, t.name]));
  const version = new Map(review.rubricVersions.map((v) => [v.id, `${v.rubricName}@${v.version}`]));
  const position = new Map(review.rubricVersions.flatMap((v) => v.criteria.map((c) => [c.id, c.position] as const)));
  return {
    ...review,
    tags: review.tags.map((t) => ({ name: t.name, color: t.color })),
    rubricVersions: review.rubricVersions.map((v) => ({
      name: v.rubricName,
      version: v.version,
      seedKey: v.seedKey,
      criteria: v.criteria.map((c) => ({ position: c.position, name: c.name, weight: c.weight, anchors: c.anchors })),
    })),
    annotations: review.annotations.map((a) => ({ ...a, tagId: a.tagId ? tagName.get(a.tagId) : null })),
    scorecards: review.scorecards.map((s) => ({
      ...s,
      rubricVersionId: version.get(s.rubricVersionId),
      scores: s.scores
        .map((x) => ({ ...x, criterionId: position.get(x.criterionId) }))
        .sort((p, q) => (p.criterionId ?? 0) - (q.criterionId ?? 0)),
    })),
  };
}

async function reviewIn(path: string): Promise<PacketReview> {
  const entries = await readEntries(path);
  return ReviewSchema.parse(JSON.parse(entries.get('review.json')?.toString('utf8') ?? 'null'));
}

describe('packets: export and import', () => {
  it('round trip: export → import into a fresh library → export again gives the same review data', () =>
    withLibraries(async (a, b, dir) => {
      const { call, coach } = await reviewedCall(a, dir);
      const first = await exportAndWait(a, { callId: call.id, media: 'whole', transcript: 'whole' });
      expect(first.files.map((f) => f.kind).sort()).toEqual(['bundle', 'html', 'pdf']);
      const entries = await readEntries(bundleOf(first));
      expect([...entries.keys()].sort()).toEqual(
        [
          'manifest.json',
          'manifest.sig',
          'review.html',
          'review.json',
          'review.pdf',
          `media/${call.media.fileName}`,
          ...(await reviewIn(bundleOf(first))).clips.map((c) => c.file),
        ].sort(),
      );
      const manifest = JSON.parse(entries.get('manifest.json')?.toString('utf8') ?? '{}') as {
        format: string;
        schemaVersion: number;
        author: { name: string };
        entries: Array<{ name: string; sha256: string; size: number }>;
      };
      expect(manifest).toMatchObject({
        format: 'gamefilm-packet',
        schemaVersion: PACKET_SCHEMA_VERSION,
        author: { name: 'Cora Coach' },
      });
      for (const e of manifest.entries) expect(sha256(entries.get(e.name) ?? Buffer.alloc(0))).toBe(e.sha256);
      const sent = await reviewIn(bundleOf(first));
      expect(sent.subject.kind === 'call' && sent.subject.call.notes).toBeNull(); // private notes stay home by default
      expect(sent.clips).toHaveLength(2);
      const page = entries.get('review.html')?.toString('utf8') ?? '';
      expect(page).toContain('data:audio/ogg;base64,');
      // Only the page's own script may run: its exact text is hashed into the CSP, inline scripts in general are not allowed.
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1] ?? '';
      const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
      expect(scripts).toHaveLength(1);
      const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src')) ?? '';
      expect(scriptSrc).toBe(`script-src 'sha256-${createHash('sha256').update(scripts[0]!).digest('base64')}'`);
      expect(csp).toContain("default-src 'none'");
      expect(page).not.toMatch(/\son[a-z]+=/i);

      // Criteria carry their skill, so the practice plan of the receiving library matches drills to them.
      expect(sent.rubricVersions[0]?.criteria.map((c) => c.skill)).toEqual([
        'discovery_opener',
        'value_pitch',
        'objection_handling',
        'next_step_close',
      ]);
      const { preview, result } = await importPacket(b, bundleOf(first));
      expect(preview.callAction).toBe('add');
      expect(preview.totals.conflict).toBe(0);
      expect(result.totals.add).toBeGreaterThan(5);
      const imported = await value<{ id: string; title: string; media: { sha256: string } }>(
        b.dispatch('calls.get', { id: call.id }),
      );
      expect(imported.title).toBe('Discovery with Acme');
      expect(imported.media.sha256).toBe(call.media.sha256);
      expect(await value<Annotation[]>(b.dispatch('annotations.list', { callId: call.id }))).toHaveLength(2);

      // Exported again by the coach (the reviewer, who may see their scorecard) from library B.
      await value(b.dispatch('people.setMe', { id: coach.id }));
      const second = await exportAndWait(b, { callId: call.id, media: 'whole', transcript: 'whole' });
      // Each library signs with its own key: the review data is what must match.
      const withoutKeys = (r: ReturnType<typeof normalized>) => ({
        ...r,
        people: r.people.map((p) => ({ ...p, publicKeys: [] })),
      });
      expect(withoutKeys(normalized(await reviewIn(bundleOf(second))))).toEqual(withoutKeys(normalized(sent)));

      // The same packet again changes nothing at all.
      const before = snapshot(b);
      const again = await importPacket(b, bundleOf(first));
      expect(again.preview.upToDate).toBe(true);
      expect(snapshot(b)).toEqual(before);
    }));

  it('a clips-only packet makes a call that plays its clips at their original moments', () =>
    withLibraries(async (a, b, dir) => {
      const { call } = await reviewedCall(a, dir);
      const job = await exportAndWait(a, {
        callId: call.id,
        media: 'clips',
        contextSec: 0.5,
        transcript: 'excerpts',
        includePrivate: true,
      });
      const sent = await reviewIn(bundleOf(job));
      expect(sent.subject.media.file).toBeNull();
      expect(sent.subject.kind === 'call' && sent.subject.call.notes).toBe('Private: Ray is up for promotion.');
      expect(sent.transcript?.segments.map((s) => s.text)).toEqual([
        'What budget have you set aside?',
        'Let us talk again soon.',
      ]);
      await importPacket(b, bundleOf(job));
      const imported = await value<{ media: { durationSec: number; sha256: string }; notes: string }>(
        b.dispatch('calls.get', { id: call.id }),
      );
      expect(imported.media.sha256).not.toBe(call.media.sha256);
      expect(Math.abs(imported.media.durationSec - 30)).toBeLessThan(0.2);
      expect(imported.notes).toBe('Private: Ray is up for promotion.');
      const viewer = (await value<Person[]>(b.dispatch('people.list', undefined))).find((p) => p.name === 'Cora Coach');
      const cards = await value<CallScorecards>(as(b, viewer!.id)('scorecards.forCall', { callId: call.id }));
      expect(cards.mine[0]?.scores.find((s) => s.score === 4)?.evidence).toHaveLength(2);
    }));

  it('a packet that comes back adds exactly the peer’s new scorecard and replies; the peer’s edit of the coach’s annotation is not taken', () =>
    withLibraries(async (a, b, dir) => {
      const { call, annotations, scorecard } = await reviewedCall(a, dir);
      const out = await exportAndWait(a, { callId: call.id, media: 'clips' });
      await importPacket(b, bundleOf(out));

      // The peer, in library B: a reply, their own scorecard, and an edit to the coach's first annotation.
      const peer = await value<Person>(b.dispatch('people.create', { name: 'Pia Peer', role: 'rep' }));
      await value(b.dispatch('people.setMe', { id: peer.id }));
      const [first, second] = annotations;
      await value(as(b, peer.id)('annotations.reply', { annotationId: second?.id, body: 'Same thing happened to me' }));
      // Only its author edits an annotation: the peer's edit is refused here…
      const edit = await b.dispatch('annotations.update', { id: first?.id, body: 'Great open question (peer edit)' });
      expect(edit).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      // …and a library that let it through (an older Gamefilm) still cannot pass it on.
      b.db
        .prepare('UPDATE annotations SET body = ?, updated_at = ? WHERE id = ?')
        .run('Great open question (peer edit)', new Date().toISOString(), first?.id);
      const mine = await value<Scorecard>(
        as(b, peer.id)('scorecards.start', {
          callId: call.id,
          rubricVersionId: await b
            .dispatch('scorecards.forCall', { callId: call.id })
            .then((r) => (r.ok ? (r.value as CallScorecards).groups[0]?.rubricVersionId : undefined)),
        }),
      );
      await value(
        b.dispatch('scorecards.setScore', { id: mine.id, criterionId: mine.scores[0]?.criterionId, score: 3 }),
      );
      await value(b.dispatch('scorecards.submit', { id: mine.id }));

      // Meanwhile the coach edits the same annotation in library A.
      await new Promise((resolve) => setTimeout(resolve, 5));
      await value(a.dispatch('annotations.update', { id: first?.id, body: 'Great open question (coach edit)' }));

      const back = await exportAndWait(b, { callId: call.id, media: 'clips' });
      const before = snapshot(a);
      const { preview } = await importPacket(a, bundleOf(back));
      const changed = preview.items.filter((i) => i.action !== 'unchanged');
      expect(changed.map((i) => `${i.kind}:${i.action}`).sort()).toEqual(
        ['person:add', 'reply:add', 'scorecard:add'].sort(),
      );
      expect(snapshot(a).rows).not.toEqual(before.rows);

      const list = await value<Annotation[]>(a.dispatch('annotations.list', { callId: call.id }));
      const edited = list.find((x) => x.id === first?.id);
      // Only the annotation's author changes it: the peer's edit (older than the coach's, and not theirs) is not taken.
      expect(edited?.body).toBe('Great open question (coach edit)');
      expect(edited?.replies.map((r) => r.body).join('\n')).not.toContain('peer edit');
      expect(list.find((x) => x.id === second?.id)?.replies.map((r) => r.body)).toEqual([
        'Agreed, I will book it',
        'Same thing happened to me',
      ]);
      const cards = await value<CallScorecards>(as(a, scorecard.reviewerId)('scorecards.forCall', { callId: call.id }));
      expect(cards.groups[0]?.reveal?.scorecards.map((s) => s.reviewerName).sort()).toEqual(['Cora Coach', 'Pia Peer']);

      // Importing the returning packet a second time changes nothing.
      const settled = snapshot(a);
      expect((await importPacket(a, bundleOf(back))).preview.upToDate).toBe(true);
      expect(snapshot(a)).toEqual(settled);
    }));

  it('reports progress and can be cancelled, leaving no files behind', () =>
    withLibraries(async (a, _b, dir) => {
      const { call } = await reviewedCall(a, dir);
      const seen: number[] = [];
      a.onAnyEvent((name, payload) => {
        if (name === 'packets.export') seen.push((payload as { fraction: number }).fraction);
      });
      const done = await exportAndWait(a, { callId: call.id });
      expect(seen.at(-1)).toBe(1);
      expect(seen.length).toBeGreaterThan(2);
      const started = await value<{ jobId: string }>(a.dispatch('packets.export', { callId: call.id, media: 'whole' }));
      await value(a.dispatch('packets.cancelExport', { jobId: started.jobId }));
      expect((await a.packets.settled(started.jobId)).state).toBe('cancelled');
      const { readdirSync } = await import('node:fs');
      expect(readdirSync(a.packets.exportsDir).sort()).toEqual(done.files.map((f) => f.fileName).sort());
    }));
});

describe('packets: bad packets are refused and the library stays byte-for-byte the same', () => {
  it('refuses truncated, altered, newer, zip-slip, linked, oversized and schema-violating packets', () =>
    withLibraries(async (a, b, dir) => {
      const { call } = await reviewedCall(a, dir);
      const job = await exportAndWait(a, { callId: call.id, media: 'clips' });
      const good = bundleOf(job);
      const entries = await readEntries(good);
      const { readFileSync } = await import('node:fs');
      const bytes = readFileSync(good);
      const clipName = [...entries.keys()].find((n) => n.startsWith('clips/')) as string;

      const bad = async (name: string, data: Buffer | Promise<Buffer>) => {
        const path = join(dir, `${name}.gamefilm`);
        writeFileSync(path, await data);
        return path;
      };
      const review = JSON.parse(entries.get('review.json')?.toString('utf8') ?? '{}') as Record<string, unknown>;
      const withReview = (edit: (r: Record<string, unknown>) => void) => {
        const copy = structuredClone(review);
        edit(copy);
        return new Map([...entries, ['review.json', Buffer.from(JSON.stringify(copy))]]);
      };
      const zeros = Buffer.alloc(50 * 1024 * 1024);
      const placeholder = 'clips/AAAAAAAAAAAAAA.ogg';
      const slip = await writeZip([...withManifest(entries), { name: placeholder, data: Buffer.from('x') }]);
      const slipBytes = Buffer.from(
        slip
          .toString('latin1')
          .split(placeholder)
          .join('../../../../evil.ogg'.padEnd(placeholder.length, 'x').slice(0, placeholder.length)),
        'latin1',
      );

      const cases: Array<[string, string, RegExp]> = [
        [
          'truncated',
          await bad('truncated', bytes.subarray(0, Math.floor(bytes.length * 0.6))),
          /truncated or damaged/,
        ],
        [
          'wrong hash',
          await bad(
            'hash',
            writeZip(
              withManifest(entries, (m) => {
                const list = m['entries'] as Array<{ name: string; sha256: string }>;
                const clip = list.find((e) => e.name === clipName);
                if (clip) clip.sha256 = '0'.repeat(64);
              }),
            ),
          ),
          /does not match its checksum/,
        ],
        [
          'newer schema',
          await bad('newer', writeZip(withManifest(entries, (m) => (m['schemaVersion'] = PACKET_SCHEMA_VERSION + 1)))),
          /made by a newer Gamefilm.*Update Gamefilm/,
        ],
        ['zip-slip name', await bad('slip', slipBytes), /unsafe file name/],
        [
          'symlink entry',
          await bad(
            'link',
            writeZip([
              ...withManifest(entries),
              { name: 'clips/link.ogg', data: Buffer.from('/etc/passwd'), mode: 0o120777 },
            ]),
          ),
          /contains a link/,
        ],
        [
          '10 GB zip bomb (header)',
          await bad(
            'bomb-header',
            writeZip(withManifest(entries)).then(async () =>
              claimSize(
                await writeZip([
                  ...withManifest(entries).filter((p) => p.name !== clipName),
                  { name: clipName, data: entries.get(clipName) as Buffer, zip64: true },
                ]),
                clipName,
                10 * 1024 ** 3,
              ),
            ),
          ),
          /too large to import safely.*10\.0 GB/,
        ],
        [
          'schema-violating review',
          await bad(
            'schema',
            writeZip(
              withManifest(
                withReview((r) => ((r['annotations'] as Array<Record<string, unknown>>)[0]!['startSec'] = -5)),
              ),
            ),
          ),
          /review data is invalid: annotations\.0\.startSec/,
        ],
        [
          'dangling reference',
          await bad('dangling', writeZip(withManifest(withReview((r) => (r['people'] = []))))),
          /not in the packet/,
        ],
        [
          'unlisted entry',
          await bad('unlisted', writeZip([...withManifest(entries), { name: 'extra.txt', data: Buffer.from('hi') }])),
          /does not list/,
        ],
      ];

      const before = snapshot(b);
      for (const [label, path, message] of cases) {
        const result = await b.dispatch('packets.inspect', { file: b.files.register(path) });
        expect(result.ok, label).toBe(false);
        if (!result.ok) expect(result.error.message, label).toMatch(message);
        expect(snapshot(b), label).toEqual(before);
      }

      // A bomb whose data really inflates past the cap: 50 MB of zeros deflate to ~50 KB; refused at a 10 MB cap.
      const lowCaps = createPacketService(
        { db: b.db, dataDir: b.dataDir, shell: 'web', emit: () => undefined },
        {
          mediaDir: b.mediaDir,
          caps: {
            maxEntryBytes: 10 * 1024 ** 2,
            maxTotalBytes: 20 * 1024 ** 2,
            maxJsonBytes: 1024 ** 2,
            maxEntries: 100,
          },
        },
      );
      const inflating = await bad('bomb-data', writeZip(withManifest(new Map([...entries, [clipName, zeros]]))));
      const started = Date.now();
      await expect(lowCaps.inspect(inflating)).rejects.toThrow(/too large to import safely/);
      expect(Date.now() - started).toBeLessThan(2000);
      await lowCaps.close();
      expect(snapshot(b)).toEqual(before);
    }));
});

describe('packets: schema migrations', () => {
  it('runs each step from an older version in order, as pure functions', () => {
    const old: RawPacket = {
      manifest: { format: 'gamefilm-packet', schemaVersion: 1, legacy: true },
      review: { schemaVersion: 1, notes: 'x' },
    };
    const frozen = structuredClone(old);
    const steps: Record<number, PacketMigration> = {
      1: (p) => ({ ...p, review: { ...p.review, notes: undefined, callNotes: p.review['notes'] } }),
      2: (p) => ({ ...p, manifest: { ...p.manifest, legacy: false } }),
    };
    const migrated = migratePacket(old, steps, 3);
    expect(migrated.manifest).toMatchObject({ schemaVersion: 3, legacy: false });
    expect(migrated.review).toMatchObject({ schemaVersion: 3, callNotes: 'x' });
    expect(old).toEqual(frozen);
    expect(() => migratePacket(old, {}, 3)).toThrow(/old format \(1\)/);
    expect(() => migratePacket({ ...old, manifest: { ...old.manifest, schemaVersion: 4 } }, steps, 3)).toThrow(
      /newer Gamefilm/,
    );
  });
});
