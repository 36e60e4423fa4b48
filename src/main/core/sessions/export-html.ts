import type { Kudos, SessionFeedback, SessionSummary } from '../../../shared/domain';
import { clock } from '../../../shared/clock';
import { DEAL_TOPIC_LABELS, FEEDBACK_KIND_LABELS, SESSION_ITEM_KIND_LABELS } from '../../../shared/domain';

/** Text into HTML: everything a person typed is escaped, nothing is trusted as markup. */
const esc = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const feedbackLine = (f: SessionFeedback): string => {
  const sbi = [
    ['Situation', f.situation],
    ['Behavior', f.behavior],
    ['Impact', f.impact],
  ].filter(([, v]) => v);
  return `<li><strong>${FEEDBACK_KIND_LABELS[f.kind]}:</strong> ${esc(f.body)}${
    f.authorName ? ` <span class="muted">— ${esc(f.authorName)}</span>` : ''
  }${sbi.length ? `<dl>${sbi.map(([k, v]) => `<dt>${k}</dt><dd>${esc(v ?? '')}</dd>`).join('')}</dl>` : ''}</li>`;
};

/** Feedback given by someone lists whom it was for, instead of who gave it. */
const givenLine = (f: SessionFeedback): string =>
  feedbackLine({ ...f, authorName: f.subjectName ? `for ${f.subjectName}` : null });

const kudosLine = (k: Kudos): string =>
  `<li><strong>${esc(k.badgeName ?? 'Kudos')}</strong> for ${esc(k.recipientName)}${k.reason ? `: ${esc(k.reason)}` : ''}` +
  `${k.atSec !== null ? ` <span class="muted">at ${clock(k.atSec)}${k.callTitle ? ` in ${esc(k.callTitle)}` : ''}</span>` : ''}` +
  ` <span class="muted">— from ${esc(k.giverName)}</span></li>`;

/**
 * The session summary as one HTML file that opens anywhere: inline styles,
 * no scripts, no external requests. Dark text on white at body sizes for print.
 */
/** No script at all and no request of any kind: the page is text and inline styles. */
export const SUMMARY_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export function summaryHtml(summary: SessionSummary): { fileName: string; mimeType: string; content: string } {
  const items = summary.items
    .map(
      (i) =>
        `<tr><td>${i.position + 1}. ${esc(i.title)}<br><span class="muted">${SESSION_ITEM_KIND_LABELS[i.kind]}${
          i.presenterName ? ` · presented by ${esc(i.presenterName)}` : ''
        }</span>${
          i.dealNotes.length
            ? `<dl>${i.dealNotes.map((n) => `<dt>${DEAL_TOPIC_LABELS[n.topic]}</dt><dd>${esc(n.body)}</dd>`).join('')}</dl>`
            : ''
        }${
          i.scores.length
            ? `<p class="muted">${i.scores.map((s) => `${esc(s.criterionName)} ${s.mean.toFixed(1)} (${s.count})`).join(' · ')}</p>`
            : ''
        }</td><td>${i.covered ? 'Covered' : 'Skipped'}</td><td>${clock(i.spentSec)} / ${clock(i.plannedSec)}</td></tr>`,
    )
    .join('');
  const people = summary.people
    .map(
      (p) => `<section><h3>${esc(p.name)}</h3>
<p class="muted">${p.attended ? 'Attended' : 'Absent'} · presented ${p.presented} · reviewed ${p.reviewed} · facilitated ${p.facilitated}</p>
${p.feedback.length ? `<h4>Received</h4><ul>${p.feedback.map(feedbackLine).join('')}</ul>` : '<p class="muted">No feedback recorded.</p>'}
${p.feedbackGiven.length ? `<h4>Given</h4><ul>${p.feedbackGiven.map(givenLine).join('')}</ul>` : ''}
${p.kudos.length ? `<ul class="kudos">${p.kudos.map(kudosLine).join('')}</ul>` : ''}</section>`,
    )
    .join('');
  const actions = summary.actionItems.length
    ? `<ul>${summary.actionItems
        .map(
          (a) =>
            `<li>${a.done ? '☑' : '☐'} ${esc(a.text)} <span class="muted">— ${esc(a.ownerName ?? 'no owner')}${
              a.dueDate ? `, due ${a.dueDate}` : ''
            }</span></li>`,
        )
        .join('')}</ul>`
    : '<p class="muted">No action items.</p>';
  const content = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${SUMMARY_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(summary.title)} — session summary</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;color:#14171c;background:#fff;max-width:860px;margin:32px auto;padding:0 20px}
h1{margin-bottom:4px}h2{margin-top:32px;border-bottom:1px solid #d5d9e0}.muted{color:#4a5260}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:8px;border-bottom:1px solid #d5d9e0;vertical-align:top}
dt{font-weight:600}dd{margin:0 0 6px}
</style></head><body>
<h1>${esc(summary.title)}</h1>
<p class="muted">${esc(summary.date)} · ${summary.status === 'finished' ? 'finished' : summary.status} · time spent ${clock(
    summary.spentSec,
  )} of ${clock(summary.plannedSec)} planned</p>
${summary.notes ? `<p>${esc(summary.notes)}</p>` : ''}
<h2>Items</h2>
<table><thead><tr><th scope="col">Item</th><th scope="col">Status</th><th scope="col">Spent / planned</th></tr></thead>
<tbody>${items}</tbody></table>
<h2>Feedback and kudos per person</h2>
${people}
<h2>Action items</h2>
${actions}
<h2>Kudos</h2>
${summary.kudos.length ? `<ul>${summary.kudos.map(kudosLine).join('')}</ul>` : '<p class="muted">No kudos given.</p>'}
</body></html>
`;
  const slug = summary.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return { fileName: `${slug || 'session'}-${summary.date}.html`, mimeType: 'text/html', content };
}
