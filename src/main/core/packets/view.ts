/**
 * The review as people read it (HTML page and PDF share this): names
 * resolved, annotations grouped under the clip that plays them, each score
 * beside its anchor text.
 */
import type { PacketAnnotation, PacketReview } from '../../../shared/packets';
import { CALL_TYPE_LABELS, DRILL_SKILL_LABELS } from '../../../shared/domain';
import { span } from '../../../shared/packets';

export interface ViewScore {
  criterion: string;
  weight: number;
  score: number | null;
  anchor: string | null;
  comment: string;
  evidence: Array<{ atSec: number; label: string }>;
}

export interface ViewScorecard {
  id: string;
  title: string;
  overall: number | null;
  status: string;
  strengths: string;
  scores: ViewScore[];
  actionItems: Array<{ text: string; owner: string | null; dueDate: string | null; done: boolean }>;
}

export interface ViewAnnotation {
  id: string;
  when: string;
  startSec: number;
  author: string;
  tag: { name: string; color: string } | null;
  body: string;
  sbi: Array<{ label: string; text: string }>;
  replies: Array<{ author: string; body: string }>;
}

export interface ReviewView {
  title: string;
  facts: Array<{ label: string; value: string }>;
  notes: string | null;
  /** For a drill attempt: what the buyer said, and who the buyer was. */
  prompt: { text: string; persona: string } | null;
  clips: Array<{
    id: string;
    file: string;
    mimeType: string;
    startSec: number;
    endSec: number;
    annotations: ViewAnnotation[];
  }>;
  /** Annotations no clip plays (none today; kept so nothing is ever dropped from the page). */
  unclipped: ViewAnnotation[];
  scorecards: ViewScorecard[];
  transcript: Array<{ startSec: number; speaker: string | null; text: string }>;
}

export function reviewView(review: PacketReview, meta: { authorName: string | null; createdAt: string }): ReviewView {
  const { subject } = review;
  const person = new Map(review.people.map((p) => [p.id, p.name]));
  const tag = new Map(review.tags.map((t) => [t.id, t]));
  const nameOf = (id: string | null) => (id ? (person.get(id) ?? 'Someone') : null);
  const annotationById = new Map(review.annotations.map((a) => [a.id, a]));
  const view = (a: PacketAnnotation): ViewAnnotation => {
    const t = a.tagId ? tag.get(a.tagId) : undefined;
    return {
      id: a.id,
      when: span(a.startSec, a.endSec),
      startSec: a.startSec,
      author: nameOf(a.authorId) ?? 'Someone',
      tag: t ? { name: t.name, color: t.color } : null,
      body: a.body,
      sbi: [
        { label: 'Situation', text: a.situation },
        { label: 'Behavior', text: a.behavior },
        { label: 'Impact', text: a.impact },
      ].filter((x) => x.text.trim() !== ''),
      replies: a.replies.map((r) => ({ author: nameOf(r.authorId) ?? 'Someone', body: r.body })),
    };
  };
  const clipped = new Set(review.clips.flatMap((c) => c.annotationIds));
  const speakers = new Map(
    (review.transcript?.speakers ?? []).map((s) => [s.id, (s.personId && person.get(s.personId)) || s.label]),
  );

  const packetFrom = {
    label: 'Packet from',
    value: `${meta.authorName ?? 'Gamefilm'}, ${meta.createdAt.slice(0, 10)}`,
  };
  let head: Pick<ReviewView, 'title' | 'facts' | 'notes' | 'prompt'>;
  if (subject.kind === 'call') {
    const { call, media } = subject;
    const facts = [
      { label: 'Rep', value: nameOf(call.repId) ?? '—' },
      { label: 'Customer', value: call.customer || '—' },
      { label: 'Call type', value: CALL_TYPE_LABELS[call.callType] },
      { label: 'Stage', value: call.stage || '—' },
      { label: 'Date', value: call.callDate ?? call.createdAt.slice(0, 10) },
      { label: 'Length', value: clockOf(media.durationSec) },
      packetFrom,
    ];
    if (call.tags.length) facts.splice(5, 0, { label: 'Tags', value: call.tags.join(', ') });
    head = { title: call.title, facts, notes: call.notes && call.notes.trim() ? call.notes : null, prompt: null };
  } else {
    const { drill, attempt, media } = subject;
    const persona = [drill.persona.role, drill.persona.company].filter((x) => x.trim()).join(', ');
    head = {
      title: `Drill attempt: ${drill.title}`,
      facts: [
        { label: 'Rep', value: nameOf(attempt.personId) ?? '—' },
        { label: 'Drill', value: drill.title },
        { label: 'Skill', value: DRILL_SKILL_LABELS[drill.skill] },
        { label: 'Rubric', value: drill.rubric?.name ?? '—' },
        { label: 'Recorded', value: attempt.createdAt.slice(0, 10) },
        { label: 'Length', value: clockOf(media.durationSec) },
        packetFrom,
      ],
      notes: null,
      prompt: {
        text: drill.promptText.trim() || '(The prompt is a clip from a call; it is not in this packet.)',
        persona: `${persona || 'Buyer'} (${drill.persona.mood})`,
      },
    };
  }

  return {
    ...head,
    clips: review.clips.map((c) => ({
      id: c.id,
      file: c.file,
      mimeType: c.mimeType,
      startSec: c.startSec,
      endSec: c.endSec,
      annotations: c.annotationIds.flatMap((id) => {
        const a = annotationById.get(id);
        return a ? [view(a)] : [];
      }),
    })),
    unclipped: review.annotations.filter((a) => !clipped.has(a.id)).map(view),
    scorecards: review.scorecards.map((s): ViewScorecard => {
      const version = review.rubricVersions.find((v) => v.id === s.rubricVersionId);
      const criteria = [...(version?.criteria ?? [])].sort((a, b) => a.position - b.position);
      const scores = criteria.map((c): ViewScore => {
        const given = s.scores.find((x) => x.criterionId === c.id);
        const score = given?.score ?? null;
        return {
          criterion: c.name,
          weight: c.weight,
          score,
          anchor: score === null ? null : (c.anchors[score - 1] ?? null),
          comment: given?.comment ?? '',
          evidence: (given?.evidence ?? []).map((e) => {
            const a = e.annotationId ? annotationById.get(e.annotationId) : undefined;
            const atSec = a ? a.startSec : (e.atSec ?? 0);
            return { atSec, label: a ? `${clockOf(atSec)} ${a.body.slice(0, 60)}`.trim() : clockOf(atSec) };
          }),
        };
      });
      const scored = scores.filter((x) => x.score !== null);
      const weight = scored.reduce((sum, x) => sum + x.weight, 0);
      const overall = weight > 0 ? scored.reduce((sum, x) => sum + x.weight * (x.score ?? 0), 0) / weight : null;
      return {
        id: s.id,
        title: `${nameOf(s.reviewerId) ?? 'Someone'} (${s.reviewerKind}) · ${version?.rubricName ?? 'Rubric'} v${version?.version ?? '?'}`,
        overall,
        status: s.status === 'submitted' ? `Submitted ${s.submittedAt?.slice(0, 10) ?? ''}`.trim() : 'Draft',
        strengths: s.strengths,
        scores,
        actionItems: s.actionItems.map((i) => ({
          text: i.text,
          owner: nameOf(i.ownerId),
          dueDate: i.dueDate,
          done: i.doneAt !== null,
        })),
      };
    }),
    transcript: (review.transcript?.segments ?? []).map((s) => ({
      startSec: s.startSec,
      speaker: s.speakerId ? (speakers.get(s.speakerId) ?? null) : null,
      text: s.text,
    })),
  };
}

function clockOf(sec: number): string {
  return span(sec, null);
}
