/**
 * review.html: the packet for people without Gamefilm. One file, no network:
 * CSS and script inline, every clip embedded as a data: URL, and a CSP that
 * forbids any request at all (so nothing in it can phone home even if a
 * comment contained markup — which is escaped anyway).
 */
import type { ReviewView, ViewAnnotation } from './view';
import { createHash } from 'node:crypto';
import { clock } from '../../../shared/packets';

const esc = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
const para = (text: string) => esc(text).replace(/\n/g, '<br>');

const STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1d2330;--muted:#5b6475;--line:#d9dee7;--card:#f6f8fb;--accent:#2f6fdb}
@media (prefers-color-scheme:dark){:root{--bg:#14171d;--fg:#e8ebf1;--muted:#a3acbd;--line:#2c323d;--card:#1b2029;--accent:#7aa7ff}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:980px;margin:0 auto;padding:24px 20px 64px}h1{font-size:1.6rem;margin:0 0 4px}h2{font-size:1.2rem;margin:32px 0 12px;border-bottom:1px solid var(--line);padding-bottom:6px}
h3{font-size:1rem;margin:0 0 8px}.muted{color:var(--muted)}dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:12px 0}dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
.clip{display:grid;grid-template-columns:minmax(240px,320px) 1fr;gap:16px;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px;margin:12px 0}
@media (max-width:700px){.clip{grid-template-columns:1fr}}audio{width:100%}.note{border-left:4px solid var(--accent);padding:4px 10px;margin:0 0 12px}
.note header{font-size:.85rem;color:var(--muted)}.tag{display:inline-block;border-radius:999px;padding:0 8px;font-size:.75rem;color:#fff;margin-left:6px}
.reply{margin:6px 0 0 12px;font-size:.92rem}.sbi{font-size:.9rem;margin:4px 0 0}.sbi b{color:var(--muted);font-weight:600}
button.seek{font:inherit;font-size:.85rem;border:1px solid var(--line);background:var(--bg);color:var(--accent);border-radius:6px;padding:0 6px;cursor:pointer}
table{width:100%;border-collapse:collapse;margin:8px 0}th,td{text-align:left;vertical-align:top;border-bottom:1px solid var(--line);padding:6px 8px}th{font-size:.85rem;color:var(--muted)}
td.score{font-weight:700;font-size:1.1rem;white-space:nowrap}.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px;margin:12px 0}
ul.items{padding-left:20px}.done{text-decoration:line-through;color:var(--muted)}.transcript p{margin:2px 0}.transcript .t{color:var(--muted);font-variant-numeric:tabular-nums;margin-right:8px}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}`;

// Seek buttons find the clip that covers a moment and play it from there.
const SCRIPT = `
document.addEventListener('click',function(e){var b=e.target.closest&&e.target.closest('button.seek');if(!b)return;
var at=parseFloat(b.dataset.at),clips=document.querySelectorAll('audio[data-start]');
for(var i=0;i<clips.length;i++){var a=clips[i],s=parseFloat(a.dataset.start),en=parseFloat(a.dataset.end);
if(at>=s-0.01&&at<=en+0.01){a.currentTime=Math.max(0,at-s);a.play();a.scrollIntoView({block:'center'});return;}}});`;

/**
 * The page runs on someone else's machine: only this exact script may run
 * (its SHA-256 in the CSP), so a slip in escaping cannot execute there.
 * No inline event handlers, no other script, no request of any kind.
 */
export const REVIEW_HTML_CSP =
  "default-src 'none'; media-src data:; img-src data:; style-src 'unsafe-inline'; " +
  `script-src 'sha256-${createHash('sha256').update(SCRIPT, 'utf8').digest('base64')}'; ` +
  "base-uri 'none'; form-action 'none'";

function annotationHtml(a: ViewAnnotation, clipStart: number | null): string {
  const tag = a.tag ? `<span class="tag" style="background:${esc(a.tag.color)}">${esc(a.tag.name)}</span>` : '';
  const seek =
    clipStart === null
      ? esc(a.when)
      : `<button type="button" class="seek" data-at="${a.startSec}" aria-label="Play from ${esc(a.when)}">${esc(a.when)}</button>`;
  return `<article class="note"><header>${seek} · ${esc(a.author)}${tag}</header>
<p>${para(a.body || '(no comment)')}</p>${a.sbi.map((x) => `<p class="sbi"><b>${x.label}:</b> ${para(x.text)}</p>`).join('')}
${a.replies.map((r) => `<p class="reply"><b>${esc(r.author)}:</b> ${para(r.body)}</p>`).join('')}</article>`;
}

export function buildReviewHtml(view: ReviewView, clipData: ReadonlyMap<string, Buffer>): string {
  const clips = view.clips
    .map((c, i) => {
      const data = clipData.get(c.file);
      const src = data ? `data:${c.mimeType};base64,${data.toString('base64')}` : '';
      return `<section class="clip" aria-label="Clip ${i + 1}, ${clock(c.startSec)} to ${clock(c.endSec)}">
<div><h3>Clip ${i + 1} · ${clock(c.startSec)}–${clock(c.endSec)}</h3>
<audio controls preload="metadata" src="${src}" data-start="${c.startSec}" data-end="${c.endSec}" aria-label="Clip ${i + 1}"></audio></div>
<div>${c.annotations.map((a) => annotationHtml(a, c.startSec)).join('')}</div></section>`;
    })
    .join('\n');
  const unclipped = view.unclipped.map((a) => annotationHtml(a, null)).join('');
  const scorecards = view.scorecards
    .map(
      (s) => `<section class="card" aria-label="Scorecard: ${esc(s.title)}"><h3>${esc(s.title)}</h3>
<p class="muted">${esc(s.status)} · Overall ${s.overall === null ? '—' : s.overall.toFixed(1)} / 5</p>
${s.strengths.trim() ? `<p><b>Strengths:</b> ${para(s.strengths)}</p>` : ''}
<table><thead><tr><th scope="col">Criterion</th><th scope="col">Score</th><th scope="col">What that score means</th><th scope="col">Comment and evidence</th></tr></thead><tbody>
${s.scores
  .map(
    (
      x,
    ) => `<tr><th scope="row">${esc(x.criterion)}</th><td class="score">${x.score ?? '—'}</td><td>${x.anchor ? para(x.anchor) : '<span class="muted">Not scored</span>'}</td>
<td>${para(x.comment)}${x.evidence
      .map(
        (e) =>
          ` <button type="button" class="seek" data-at="${e.atSec}" aria-label="Play evidence at ${clock(e.atSec)}">${esc(e.label)}</button>`,
      )
      .join('')}</td></tr>`,
  )
  .join('\n')}</tbody></table>
${
  s.actionItems.length
    ? `<h3>Action items</h3><ul class="items">${s.actionItems
        .map(
          (i) =>
            `<li class="${i.done ? 'done' : ''}">${esc(i.text)}${i.owner ? ` — ${esc(i.owner)}` : ''}${i.dueDate ? `, due ${esc(i.dueDate)}` : ''}${i.done ? ' (done)' : ''}</li>`,
        )
        .join('')}</ul>`
    : ''
}</section>`,
    )
    .join('\n');
  const transcript = view.transcript.length
    ? `<h2>Transcript</h2><div class="transcript">${view.transcript
        .map(
          (t) =>
            `<p><span class="t">${clock(t.startSec)}</span>${t.speaker ? `<b>${esc(t.speaker)}:</b> ` : ''}${esc(t.text)}</p>`,
        )
        .join('')}</div>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REVIEW_HTML_CSP}">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(view.title)} — Gamefilm review</title><style>${STYLE}</style></head>
<body><main>
<h1>${esc(view.title)}</h1><p class="muted">${view.prompt ? 'A drill attempt review' : 'A call review'} from Gamefilm</p>
<dl class="facts">${view.facts.map((f) => `<dt>${esc(f.label)}</dt><dd>${esc(f.value)}</dd>`).join('')}</dl>
${view.notes ? `<div class="card"><h3>Notes</h3><p>${para(view.notes)}</p></div>` : ''}
${view.prompt ? `<div class="card"><h3>Drill prompt</h3><p class="muted">${esc(view.prompt.persona)}</p><p>${para(view.prompt.text)}</p></div>` : ''}
${view.clips.length || unclipped ? `<h2>${view.prompt ? 'The answer' : 'Moments'}</h2>${clips}${unclipped}` : ''}
${scorecards ? `<h2>Scorecards</h2>${scorecards}` : ''}
${transcript}
</main><script>${SCRIPT}</script></body></html>
`;
}
