/**
 * Builds a packet for one call: the review data, the clips, the HTML page
 * and the PDF, zipped into a `.gamefilm` bundle in the library's exports
 * folder, with the page and the PDF also beside it as their own files.
 * Cancelling (the signal) removes everything this run wrote.
 */
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { PacketAttemptExportOptions, PacketExportOptions } from '../../../shared/contract/packets';
import type { PacketContents, PacketManifest, PacketReview } from '../../../shared/packets';
import type { Id } from '../../../shared/domain';
import {
  HTML_ENTRY,
  PACKET_EXTENSION,
  PACKET_FORMAT,
  PACKET_SCHEMA_VERSION,
  PDF_ENTRY,
  REVIEW_ENTRY,
} from '../../../shared/packets';
import type { PacketFile } from '../../../shared/packets/types';
import { AppError } from '../../../shared/result';
import { newId, nowIso } from '../db/ids';
import { isMediaError } from '../media';
import { APP_VERSION } from '../version';
import type { BundleSource } from './bundle';
import { describeEntry, writeBundle } from './bundle';
import { cutClip } from './clips';
import type { CollectedReview } from './collect';
import { collectAttemptReview, collectReview, readPeople } from './collect';
import { packetAuthor } from '../signing/author';
import type { SigningKey } from '../signing/keys';
import { ensureSigningKey, signBytes } from '../signing/keys';
import { buildReviewHtml } from './html';
import { buildReviewPdf } from './pdf';
import { reviewView } from './view';

export interface ExportDeps {
  db: Database;
  /** The data folder: where the author's private signing key is kept. */
  dataDir: string;
  mediaDir: string;
  exportsDir: string;
}

export interface ExportRun {
  signal?: AbortSignal;
  onProgress?: (fraction: number, label: string) => void;
}

export interface ExportedPacket {
  packetId: string;
  files: PacketFile[];
}

/** A file name anyone's file system accepts, from a call title. */
export function fileSlug(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'call';
}

export async function exportPacket(
  deps: ExportDeps,
  options: PacketExportOptions | PacketAttemptExportOptions,
  run: ExportRun = {},
): Promise<ExportedPacket> {
  const { signal, onProgress } = run;
  const progress = (fraction: number, label: string) => onProgress?.(Math.min(1, Math.max(0, fraction)), label);
  const check = () => {
    if (signal?.aborted) throw new AppError('cancelled', 'The export was cancelled.');
  };

  progress(0.02, 'Reading the review');
  const signer = readSigner(deps);
  const collected = collectSubject(deps.db, options);
  const { windows, mediaFileName, title, contents } = collected;
  const review = signer ? withAuthor(deps.db, collected.review, signer.id) : collected.review;
  const author = signer ? { id: signer.id, name: signer.name, publicKey: signer.key.publicKey } : null;
  const packetId = newId();
  const createdAt = nowIso();
  const base = `${fileSlug(title)}-${createdAt.slice(0, 10)}-${packetId.slice(-6)}`;
  const work = join(deps.exportsDir, `.work-${packetId}`);
  await mkdir(join(work, 'clips'), { recursive: true });
  const written: string[] = [];

  try {
    const mediaPath = join(deps.mediaDir, mediaFileName);
    const clipData = new Map<string, Buffer>();
    for (const [i, clip] of review.clips.entries()) {
      check();
      progress(0.05 + (0.6 * i) / Math.max(1, review.clips.length), `Cutting clip ${i + 1} of ${review.clips.length}`);
      const window = windows[i];
      if (!window) break;
      const out = join(work, clip.file);
      try {
        await cutClip(mediaPath, window.startSec, window.endSec, out, signal);
      } catch (error) {
        if (signal?.aborted) throw new AppError('cancelled', 'The export was cancelled.');
        if (isMediaError(error) && error.code === 'tool_missing')
          throw new AppError('unsupported', 'ffmpeg could not be started.');
        throw new AppError(
          'unsupported',
          `A clip could not be cut from the recording (is the file still there?): ${String(error)}`,
        );
      }
      clipData.set(clip.file, await readFile(out));
    }
    check();

    progress(0.7, 'Writing the page and the PDF');
    const view = reviewView(review, { authorName: author?.name ?? null, createdAt });
    const html = Buffer.from(buildReviewHtml(view, clipData));
    const pdf = await buildReviewPdf(view);
    check();

    const sources: BundleSource[] = [
      { name: REVIEW_ENTRY, data: Buffer.from(JSON.stringify(review, null, 2)), compress: true },
      { name: HTML_ENTRY, data: html, compress: true },
      { name: PDF_ENTRY, data: pdf, compress: true },
      ...review.clips.map((c) => ({ name: c.file, data: clipData.get(c.file) ?? Buffer.alloc(0), compress: false })),
    ];
    const mediaEntry = review.subject.media.file;
    if (mediaEntry)
      sources.push({ name: mediaEntry, path: mediaPath, compress: false, sha256: review.subject.media.sha256 });

    progress(0.8, 'Packing the bundle');
    const entries = [];
    for (const s of sources) entries.push(await describeEntry(s));
    const manifest: PacketManifest = {
      format: PACKET_FORMAT,
      schemaVersion: PACKET_SCHEMA_VERSION,
      packetId,
      appVersion: APP_VERSION,
      createdAt,
      author,
      title,
      contents,
      entries,
    };
    const bundle = join(deps.exportsDir, `${base}${PACKET_EXTENSION}`);
    const part = `${bundle}.part`;
    written.push(part);
    await writeBundle(part, manifest, sources, signal, signer ? (bytes) => signBytes(signer.key, bytes) : undefined);
    check();
    await rename(part, bundle);
    written.push(bundle);
    const htmlPath = join(deps.exportsDir, `${base}.html`);
    const pdfPath = join(deps.exportsDir, `${base}.pdf`);
    written.push(htmlPath, pdfPath);
    await writeFile(htmlPath, html);
    await writeFile(pdfPath, pdf);
    progress(1, 'Done');
    const { size } = await stat(bundle);
    return {
      packetId,
      files: [
        { kind: 'bundle', fileName: `${base}${PACKET_EXTENSION}`, path: bundle, sizeBytes: size },
        { kind: 'html', fileName: `${base}.html`, path: htmlPath, sizeBytes: html.length },
        { kind: 'pdf', fileName: `${base}.pdf`, path: pdfPath, sizeBytes: pdf.length },
      ],
    };
  } catch (error) {
    await Promise.all(written.map((f) => rm(f, { force: true })));
    if (signal?.aborted) throw new AppError('cancelled', 'The export was cancelled.');
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** A call's or an attempt's review, with the packet's title and what the person chose to include. */
function collectSubject(
  db: Database,
  options: PacketExportOptions | PacketAttemptExportOptions,
): CollectedReview & { title: string; contents: PacketContents } {
  if ('attemptId' in options) {
    const collected = collectAttemptReview(db, options, packetAuthor(db)?.id ?? null);
    const { review } = collected;
    const { subject } = review;
    if (subject.kind !== 'attempt') throw new AppError('internal', 'Expected an attempt.');
    const rep = review.people.find((p) => p.id === subject.attempt.personId)?.name;
    return {
      ...collected,
      title: `${subject.drill.title} — ${rep ?? 'attempt'} ${subject.attempt.createdAt.slice(0, 10)}`.slice(0, 300),
      contents: {
        media: 'whole',
        contextSec: 0,
        transcript: review.transcript ? 'whole' : 'none',
        annotations: false,
        scorecards: options.scorecards,
        actionItems: options.actionItems && options.scorecards,
        privateNotes: options.includePrivate,
      },
    };
  }
  const collected = collectReview(db, options, packetAuthor(db)?.id ?? null);
  const { subject, transcript } = collected.review;
  if (subject.kind !== 'call') throw new AppError('internal', 'Expected a call.');
  return {
    ...collected,
    title: subject.call.title,
    contents: {
      media: options.media,
      contextSec: options.contextSec,
      transcript: transcript ? options.transcript : 'none',
      annotations: options.annotations,
      scorecards: options.scorecards,
      actionItems: options.actionItems,
      privateNotes: options.includePrivate,
    },
  };
}

/**
 * The packet's author and their key (made now if they have none yet). Only
 * "me" holds a private key on this machine, so nobody else can be named as
 * the author; with no "me" the packet goes unsigned (importers then take
 * only its new items).
 */
function readSigner(deps: ExportDeps): { id: Id; name: string; key: SigningKey } | null {
  const me = packetAuthor(deps.db);
  return me ? { ...me, key: ensureSigningKey(deps.db, deps.dataDir, me.id) } : null;
}

/** The signer travels among the packet's people, so the importer knows whose key it is. */
function withAuthor(db: Database, review: PacketReview, authorId: Id): PacketReview {
  const people = [...review.people.filter((p) => p.id !== authorId), ...readPeople(db, [authorId])].sort((a, b) =>
    a.id.localeCompare(b.id),
  );
  return { ...review, people };
}
