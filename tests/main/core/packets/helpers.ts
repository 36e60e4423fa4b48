/**
 * Set-up for the packet tests: real cores on temp folders, a real recording
 * (so clips are really cut), a reviewed call made through the contract, and
 * tools to snapshot a library and to take packets apart and put bad ones
 * together.
 */
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ZipFile } from 'yazl';
import { openPromise } from 'yauzl';
import { createCore } from '../../../../src/main/core';
import type { Core } from '../../../../src/main/core';
import { replaceTranscript, ensureSpeakers } from '../../../../src/main/core/transcription/transcript-repository';
import type { PacketExportOptions } from '../../../../src/shared/contract/packets';
import type { Annotation, Call, Person, RubricSummary, Rubric, Scorecard } from '../../../../src/shared/domain';
import type { PacketExportJob, PacketImportResult, PacketPreview } from '../../../../src/shared/packets';
import type { Result } from '../../../../src/shared/result';
import { makeMedia } from '../../../fixtures/media';
import { as } from '../../../helpers/acting';

export async function value<T>(pending: Promise<Result<unknown>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

export function openCore(dataDir: string): Core {
  return createCore({ dataDir, shell: 'web' });
}

/** Imports a recording through the queue and resolves with its call. */
export async function importRecording(core: Core, path: string): Promise<Call> {
  const imported = new Promise<Call>((resolve) => core.onCallImported(resolve));
  await value(core.dispatch('calls.import', { files: [core.files.register(path)] }));
  return imported;
}

export interface ReviewedCall {
  call: Call;
  rep: Person;
  coach: Person;
  annotations: Annotation[];
  scorecard: Scorecard;
}

/** A 30-second call with a rep, a coach's annotations (one with a reply), a submitted scorecard with evidence and an action item, and a transcript. */
export async function reviewedCall(core: Core, mediaDir: string): Promise<ReviewedCall> {
  const file = await makeMedia(mediaDir, 'ogg', { durationSec: 30, name: 'acme-discovery' });
  const imported = await importRecording(core, file);
  const rep = await value<Person>(core.dispatch('people.create', { name: 'Ray Rep', role: 'rep' }));
  const coach = await value<Person>(core.dispatch('people.create', { name: 'Cora Coach', role: 'coach' }));
  await value(core.dispatch('people.setMe', { id: coach.id }));
  const call = await value<Call>(
    core.dispatch('calls.update', {
      id: imported.id,
      title: 'Discovery with Acme',
      repId: rep.id,
      customer: 'Acme',
      callType: 'discovery',
      callDate: '2026-03-02',
      notes: 'Private: Ray is up for promotion.',
      tags: ['q2'],
    }),
  );
  const tags = await value<Array<{ id: string; name: string }>>(core.dispatch('annotations.tags', undefined));
  const a1 = await value<Annotation>(
    as(core, coach.id)('annotations.create', {
      callId: call.id,
      startSec: 4,
      endSec: 7,
      body: 'Great open question about budget',
      tagId: tags.find((t) => t.name === 'discovery')?.id,
      situation: 'Opening',
      behavior: 'Asked what budget was set aside',
      impact: 'Buyer shared the range',
    }),
  );
  const a2 = await value<Annotation>(
    as(core, coach.id)('annotations.create', { callId: call.id, startSec: 20, body: 'Missed the next step' }),
  );
  await value(as(core, rep.id)('annotations.reply', { annotationId: a2.id, body: 'Agreed, I will book it' }));
  const rubrics = await value<RubricSummary[]>(core.dispatch('rubrics.list', undefined));
  const rubric = await value<Rubric>(
    core.dispatch('rubrics.get', { id: rubrics.find((r) => r.name === 'Sales Call Fundamentals')?.id }),
  );
  let scorecard = await value<Scorecard>(
    as(core, coach.id)('scorecards.start', { callId: call.id, rubricId: rubric.id }),
  );
  const [c1, c2] = scorecard.scores;
  await value(
    core.dispatch('scorecards.setScore', {
      id: scorecard.id,
      criterionId: c1?.criterionId,
      score: 4,
      comment: 'Solid discovery',
      evidence: [{ annotationId: a1.id }, { atSec: 12 }],
    }),
  );
  await value(core.dispatch('scorecards.setScore', { id: scorecard.id, criterionId: c2?.criterionId, score: 2 }));
  await value(core.dispatch('scorecards.update', { id: scorecard.id, strengths: 'Curious, calm' }));
  await value(
    core.dispatch('scorecards.addActionItem', {
      scorecardId: scorecard.id,
      text: 'Book the next step on the call',
      dueDate: '2026-03-09',
    }),
  );
  scorecard = await value<Scorecard>(core.dispatch('scorecards.submit', { id: scorecard.id }));

  core.db.transaction(() => {
    const [speaker] = ensureSpeakers(core.db, call.media.sha256, 1);
    replaceTranscript(core.db, {
      mediaSha256: call.media.sha256,
      modelId: 'tiny.en',
      language: 'en',
      verbatim: false,
      jobId: null,
      segments: [
        {
          startSec: 0,
          endSec: 3,
          text: 'Hi, thanks for joining.',
          speakerId: speaker?.id ?? null,
          confidence: 0.9,
          words: [],
        },
        {
          startSec: 4,
          endSec: 7,
          text: 'What budget have you set aside?',
          speakerId: speaker?.id ?? null,
          confidence: 0.9,
          words: [],
        },
        {
          startSec: 13,
          endSec: 16,
          text: 'Something unrelated in the middle.',
          speakerId: null,
          confidence: 0.8,
          words: [],
        },
        { startSec: 20, endSec: 22, text: 'Let us talk again soon.', speakerId: null, confidence: 0.8, words: [] },
      ],
    });
  })();
  const annotations = await value<Annotation[]>(core.dispatch('annotations.list', { callId: call.id }));
  return { call, rep, coach, annotations, scorecard };
}

export async function exportAndWait(
  core: Core,
  options: Partial<PacketExportOptions> & { callId: string },
): Promise<PacketExportJob> {
  const started = await value<PacketExportJob>(core.dispatch('packets.export', options));
  const job = await core.packets.settled(started.jobId);
  if (job.state !== 'done') throw new Error(`export ${job.state}: ${job.error ?? ''}`);
  return job;
}

export const bundleOf = (job: PacketExportJob): string => {
  const file = job.files.find((f) => f.kind === 'bundle');
  if (!file) throw new Error('no bundle');
  return file.path;
};

export async function importPacket(
  core: Core,
  path: string,
): Promise<{ preview: PacketPreview; result: PacketImportResult }> {
  const preview = await value<PacketPreview>(core.dispatch('packets.inspect', { file: core.files.register(path) }));
  const result = await value<PacketImportResult>(core.dispatch('packets.import', { stageId: preview.stageId }));
  return { preview, result };
}

/** Every row of every table, plus the database file's bytes after a checkpoint, plus the media folder. */
export function snapshot(core: Core): { rows: string; dbHash: string; media: string[] } {
  const tables = core.db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all() as Array<{ name: string }>;
  const rows = tables.map((t) => `${t.name}: ${JSON.stringify(core.db.prepare(`SELECT * FROM "${t.name}"`).all())}`);
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  const dbHash = createHash('sha256')
    .update(readFileSync(join(core.dataDir, 'gamefilm.sqlite')))
    .digest('hex');
  const media = readdirSync(core.mediaDir)
    .sort()
    .map((n) => `${n}:${statSync(join(core.mediaDir, n)).size}`);
  return { rows: rows.join('\n'), dbHash, media };
}

/** A packet's entries, read back with yauzl (for tests that take a good packet apart). */
export async function readEntries(path: string): Promise<Map<string, Buffer>> {
  const zip = await openPromise(path, { autoClose: false });
  const out = new Map<string, Buffer>();
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    out.set(entry.fileName, Buffer.concat(chunks));
  }
  zip.close();
  return out;
}

export interface ZipPart {
  name: string;
  data: Buffer;
  mode?: number;
  compress?: boolean;
  zip64?: boolean;
}

export async function writeZip(parts: ZipPart[]): Promise<Buffer> {
  const zip = new ZipFile();
  for (const p of parts) {
    zip.addBuffer(p.data, p.name, {
      compress: p.compress ?? true,
      ...(p.mode ? { mode: p.mode } : {}),
      forceZip64Format: p.zip64 ?? false,
    });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * Rewrites manifest.json so its entry list (hashes, sizes) matches the given
 * entries. The old signature no longer fits, so the packet becomes unsigned
 * (author without a key) unless `sign` signs the new manifest — as someone
 * holding a private key would (see `signWith`).
 */
export function withManifest(
  entries: Map<string, Buffer>,
  edit: (manifest: Record<string, unknown>) => void = () => {},
  sign?: (manifestBytes: Buffer) => string,
): ZipPart[] {
  const manifest = JSON.parse((entries.get('manifest.json') ?? Buffer.from('{}')).toString('utf8')) as Record<
    string,
    unknown
  >;
  const others = [...entries].filter(([name]) => name !== 'manifest.json' && name !== 'manifest.sig');
  manifest['entries'] = others.map(([name, data]) => ({ name, sha256: sha256(data), size: data.length }));
  const author = manifest['author'] as Record<string, unknown> | null;
  if (author && !sign) author['publicKey'] = null;
  edit(manifest);
  const bytes = Buffer.from(JSON.stringify(manifest));
  return [
    { name: 'manifest.json', data: bytes },
    ...(sign ? [{ name: 'manifest.sig', data: Buffer.from(sign(bytes)) }] : []),
    ...others.map(([name, data]) => ({ name, data })),
  ];
}

/** Signs as `personId` with the private key their library keeps (what a person holding that machine can do). */
export function signWith(core: Core, personId: string): (bytes: Buffer) => string {
  const key = createPrivateKey(readFileSync(join(core.dataDir, 'keys', `${personId}.pem`)));
  return (bytes) => sign(null, bytes, key).toString('base64');
}

/** Sets the uncompressed size a ZIP64 central-directory record claims for `name` (a zip bomb's header). */
export function claimSize(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip);
  let at = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  while (at >= 0) {
    const nameLength = out.readUInt16LE(at + 28);
    const extraLength = out.readUInt16LE(at + 30);
    const commentLength = out.readUInt16LE(at + 32);
    const entryName = out.toString('utf8', at + 46, at + 46 + nameLength);
    if (entryName === name) {
      let p = at + 46 + nameLength;
      const end = p + extraLength;
      while (p < end) {
        const id = out.readUInt16LE(p);
        const len = out.readUInt16LE(p + 2);
        if (id === 0x0001) {
          out.writeBigUInt64LE(BigInt(size), p + 4);
          return out;
        }
        p += 4 + len;
      }
      throw new Error('no zip64 extra field');
    }
    at = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 46 + nameLength + extraLength + commentLength);
  }
  throw new Error(`no central directory record for ${name}`);
}

/**
 * Two fresh libraries side by side (one exports, the other imports), closed
 * after the test. `tempDir` is the calling file's useTempDirs().
 */
export function librariesIn(tempDir: (prefix?: string) => string, prefix: string) {
  return async (run: (a: Core, b: Core, dir: string) => Promise<void>): Promise<void> => {
    const dir = tempDir(prefix);
    const a = openCore(join(dir, 'a'));
    const b = openCore(join(dir, 'b'));
    try {
      // Taking a packet in is done by someone (the policy asks who): the receiving library has a "me".
      const receiver = await value<Person>(b.dispatch('people.create', { name: 'Bea Receiver', role: 'coach' }));
      await value(b.dispatch('people.setMe', { id: receiver.id }));
      await run(a, b, dir);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  };
}
