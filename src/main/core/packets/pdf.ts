/**
 * review.pdf: call facts, each scorecard with the anchor text behind every
 * score, annotations with their timestamps, and action items. PDFKit's
 * built-in Helvetica needs no font files, but it only encodes WinAnsi, so
 * text is first folded to what that encoding can show.
 */
import PDFDocument from 'pdfkit';
import type { ReviewView, ViewAnnotation } from './view';
import { clock } from '../../../shared/packets';

/** Characters outside Latin-1 that WinAnsi (cp1252) still has. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

export function winAnsi(text: string): string {
  return Array.from(text.normalize('NFC'), (ch) => {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\n' || ch === '\t') return ch;
    if (code < 0x20) return '';
    if (code <= 0xff || WIN_ANSI_EXTRA.has(ch)) return ch;
    if (ch === '→') return '->';
    if (ch === '·' || ch === '•') return ch;
    // Accents the font lacks fall back to their base letter; the rest shows as "?".
    const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    return base.length && (base.codePointAt(0) ?? 0) <= 0xff ? base : '?';
  }).join('');
}

const INK = '#1d2330';
const MUTED = '#5b6475';
const ACCENT = '#2f6fdb';
const LINE = '#d9dee7';

export function buildReviewPdf(view: ReviewView): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    info: { Title: winAnsi(`${view.title} — Gamefilm review`), Creator: 'Gamefilm' },
    bufferPages: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const text = (t: string, opts: PDFKit.Mixins.TextOptions = {}) => doc.text(winAnsi(t), { width, ...opts });
  const heading = (t: string) => {
    doc.moveDown(0.8);
    if (doc.y > doc.page.height - 140) doc.addPage();
    doc.font('Helvetica-Bold').fontSize(14).fillColor(INK);
    text(t);
    const y = doc.y + 2;
    doc
      .moveTo(left, y)
      .lineTo(left + width, y)
      .lineWidth(0.5)
      .strokeColor(LINE)
      .stroke();
    doc.moveDown(0.5);
  };
  const keepRoom = (points: number) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - points) doc.addPage();
  };

  doc.font('Helvetica-Bold').fontSize(20).fillColor(INK);
  text(view.title);
  doc.font('Helvetica').fontSize(10).fillColor(MUTED);
  text(view.prompt ? 'A drill attempt review from Gamefilm' : 'A call review from Gamefilm');
  doc.moveDown(0.6);
  for (const f of view.facts) {
    const y = doc.y;
    doc.font('Helvetica').fontSize(10).fillColor(MUTED).text(winAnsi(f.label), left, y, { width: 90 });
    doc
      .font('Helvetica')
      .fontSize(10)
      .fillColor(INK)
      .text(winAnsi(f.value), left + 96, y, { width: width - 96 });
    doc.x = left;
  }
  if (view.notes) {
    doc.moveDown(0.5);
    doc.font('Helvetica-Bold').fontSize(10).fillColor(INK);
    text('Notes');
    doc.font('Helvetica').fillColor(INK);
    text(view.notes);
  }
  if (view.prompt) {
    doc.moveDown(0.5);
    doc.font('Helvetica-Bold').fontSize(10).fillColor(INK);
    text('Drill prompt');
    doc.font('Helvetica').fillColor(MUTED);
    text(view.prompt.persona);
    doc.fillColor(INK);
    text(view.prompt.text);
  }

  for (const s of view.scorecards) {
    heading(`Scorecard: ${s.title}`);
    doc.font('Helvetica').fontSize(10).fillColor(MUTED);
    text(`${s.status} · Overall ${s.overall === null ? '—' : s.overall.toFixed(1)} / 5`);
    if (s.strengths.trim()) {
      doc.moveDown(0.3).font('Helvetica-Bold').fillColor(INK);
      text('Strengths');
      doc.font('Helvetica');
      text(s.strengths);
    }
    for (const x of s.scores) {
      keepRoom(70);
      doc.moveDown(0.5);
      const y = doc.y;
      doc
        .font('Helvetica-Bold')
        .fontSize(11)
        .fillColor(INK)
        .text(winAnsi(x.criterion), left, y, { width: width - 60 });
      const after = doc.y;
      doc
        .font('Helvetica-Bold')
        .fontSize(11)
        .fillColor(x.score === null ? MUTED : ACCENT)
        .text(x.score === null ? 'not scored' : `${x.score} / 5`, left + width - 60, y, { width: 60, align: 'right' });
      doc.x = left;
      doc.y = after;
      if (x.anchor) {
        doc.font('Helvetica-Oblique').fontSize(9.5).fillColor(MUTED);
        text(`Anchor for ${x.score}: ${x.anchor}`);
      }
      if (x.comment.trim()) {
        doc.font('Helvetica').fontSize(10).fillColor(INK);
        text(x.comment);
      }
      if (x.evidence.length) {
        doc.font('Helvetica').fontSize(9.5).fillColor(MUTED);
        text(`Evidence: ${x.evidence.map((e) => e.label).join('; ')}`);
      }
    }
    if (s.actionItems.length) {
      keepRoom(50);
      doc.moveDown(0.6).font('Helvetica-Bold').fontSize(11).fillColor(INK);
      text('Action items');
      doc.font('Helvetica').fontSize(10);
      for (const i of s.actionItems) {
        const who = [i.owner, i.dueDate ? `due ${i.dueDate}` : null, i.done ? 'done' : null].filter(Boolean).join(', ');
        text(`•  ${i.text}${who ? ` (${who})` : ''}`, { indent: 6 });
      }
    }
  }

  const annotations: Array<{ a: ViewAnnotation; clip: string | null }> = [
    ...view.clips.flatMap((c, i) => c.annotations.map((a) => ({ a, clip: `clip ${i + 1}` }))),
    ...view.unclipped.map((a) => ({ a, clip: null })),
  ].sort((x, y) => x.a.startSec - y.a.startSec);
  if (annotations.length) {
    heading('Annotations');
    for (const { a, clip } of annotations) {
      keepRoom(50);
      doc.font('Helvetica-Bold').fontSize(10).fillColor(ACCENT);
      text(`${a.when}  ·  ${a.author}${a.tag ? `  ·  ${a.tag.name}` : ''}${clip ? `  ·  ${clip}` : ''}`);
      doc.font('Helvetica').fontSize(10).fillColor(INK);
      text(a.body || '(no comment)');
      for (const x of a.sbi) text(`${x.label}: ${x.text}`, { indent: 10 });
      doc.fillColor(MUTED);
      for (const r of a.replies) text(`${r.author}: ${r.body}`, { indent: 10 });
      doc.moveDown(0.5);
    }
  }

  if (view.transcript.length) {
    heading('Transcript');
    doc.font('Helvetica').fontSize(9.5).fillColor(INK);
    for (const t of view.transcript) text(`${clock(t.startSec)}  ${t.speaker ? `${t.speaker}: ` : ''}${t.text}`);
  }

  // Page numbers last, once the page count is known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(MUTED)
      .text(winAnsi(`${view.title} · page ${i + 1} of ${range.count}`), left, doc.page.height - 36, {
        width,
        align: 'center',
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
