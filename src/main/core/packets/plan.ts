/**
 * What importing a packet would do to this library, decided before anything
 * is written (the preview shows it; the import applies it). Pure reads.
 *
 * Rules (ids are UUIDv7 and shared between libraries, so almost everything
 * matches by id):
 * - people: matched by id, alias or public key (plan-people.ts); added when
 *   unknown; a person already here is never overwritten.
 * - provenance: a change to something already here is taken only from its
 *   author's key (the packet's signer); a submitted scorecard changes only
 *   when its reviewer reopened it; an unsigned packet adds new items only.
 *   What a packet may not change is listed as `refused`, with the reason.
 * - tags and seeded rubrics are vocabulary each library made for itself, so
 *   they also match by name (tags) or seed key + identical criteria
 *   (rubric versions) before anything new is added.
 * - the call: by id, else by recording (the same bytes imported on both
 *   sides); an existing call's facts stay as this library has them.
 * - annotations: added when unknown. When both sides have one with different
 *   content, the newer edit becomes the annotation and the other version is
 *   kept beside it as a reply marked as a conflicting copy — nothing is
 *   silently dropped. (Packets carry no common ancestor, so "both changed"
 *   and "one side changed" cannot be told apart; keeping both is the safe
 *   reading of either.)
 * - replies, scorecards and action items have one author each: the newer
 *   edit wins (last writer wins by updated_at) when that author signed it.
 * - anything this library has put in the trash stays there.
 * - a transcript is added only when the recording has none here.
 */
import type { Database } from 'better-sqlite3';
import type { Id } from '../../../shared/domain';
import type {
  PacketAnnotation,
  PacketManifest,
  PacketReview,
  PacketRubricVersion,
  PacketScorecard,
} from '../../../shared/packets';
import { clock, span } from '../../../shared/packets';
import type { MergeAction, MergeCounts, MergeItem, MergeKind, PacketSigner } from '../../../shared/packets/types';
import { all, get, sql } from '../db/sql';
import { derivedId } from './collect';
import type { PeoplePlan } from './plan-people';
import { planPeople } from './plan-people';
import { refuseReplay } from '../signing/receipts';
import type { RecognitionPlan } from '../recognition/packets';
import { planRecognition } from '../recognition/packets';

export interface AnnotationDecision {
  annotation: PacketAnnotation;
  action: MergeAction;
  /** For a conflict: the version that becomes a reply, and that reply's (stable) id. */
  conflictCopy: { replyId: Id; authorId: Id; body: string } | null;
  /** The packet's version replaces the local one. */
  takePacket: boolean;
}

export interface MergePlan {
  subjectKind: 'call' | 'attempt';
  /** The local id of the subject: the call, or for an attempt packet the attempt. */
  callId: Id;
  /** What happens to the subject (the call or the attempt). */
  callAction: MergeAction;
  callTitle: string;
  /** An attempt packet's drill: its local id (matched by id, else by seed key), and whether it is added. */
  drill: { id: Id; action: MergeAction; rubricId: Id | null } | null;
  /** Local ids for the packet's vocabulary. */
  tagMap: Map<Id, Id>;
  newTags: Set<Id>;
  rubricMap: Map<Id, Id>;
  criterionMap: Map<Id, Id>;
  newRubricVersions: Array<{
    version: PacketRubricVersion;
    addRubric: boolean;
    seedKey: string | null;
    number: number;
  }>;
  newPeople: Set<Id>;
  /** Packet person id → this library's person id. */
  personMap: Map<Id, Id>;
  merges: PeoplePlan['merges'];
  aliases: PeoplePlan['aliases'];
  keys: PeoplePlan['keys'];
  signer: PacketSigner | null;
  annotations: AnnotationDecision[];
  replies: Array<{ annotationId: Id; reply: PacketAnnotation['replies'][number]; action: MergeAction }>;
  scorecards: Array<{ scorecard: PacketScorecard; action: MergeAction }>;
  actionItems: Array<{ scorecardId: Id; item: PacketScorecard['actionItems'][number]; action: MergeAction }>;
  transcript: MergeAction;
  /** Kudos, their badges and celebrations (recognition/packets.ts). */
  recognition: RecognitionPlan;
  items: MergeItem[];
  totals: MergeCounts;
}

const emptyCounts = (): MergeCounts => ({ add: 0, update: 0, unchanged: 0, conflict: 0, skip: 0, refused: 0 });

export function planMerge(db: Database, review: PacketReview, manifest: PacketManifest): MergePlan {
  const { subject } = review;
  const { media } = subject;
  const items: MergeItem[] = [];
  const note = (kind: MergeKind, id: string, action: MergeAction, label: string, detail: string | null = null) =>
    items.push({ kind, id, action, label, detail });
  const personName = new Map(review.people.map((p) => [p.id, p.name]));
  const nameOf = (id: Id) => personName.get(id) ?? 'someone';
  const people = planPeople(db, review.people, manifest);
  const { signer, personMap } = people;
  const pid = (id: Id) => personMap.get(id) ?? id;
  /** Whether the packet's signer is the one person who may change this item. */
  const byAuthor = (authorId: Id | null) => signer !== null && authorId !== null && pid(authorId) === signer.personId;
  const refusal = (authorId: Id) =>
    signer
      ? `Changed in the packet, but only ${nameOf(authorId)} can change it and this packet is signed by ${signer.name}; kept as it is here.`
      : 'This packet is unsigned (from an older Gamefilm), so only its new items are taken; kept as it is here.';

  // The subject: a call, or a drill attempt and its drill.
  let callId: Id;
  let callAction: MergeAction;
  let callTitle: string;
  let drill: MergePlan['drill'] = null;
  let localSubjectSha: string | null = null;
  if (subject.kind === 'call') {
    const { call } = subject;
    const byId = get<{ id: Id; title: string }>(db, sql`SELECT id, title FROM calls WHERE id = ${call.id}`);
    const byMedia = byId
      ? undefined
      : get<{ id: Id; title: string }>(db, sql`SELECT id, title FROM calls WHERE media_sha256 = ${media.sha256}`);
    const existingCall = byId ?? byMedia;
    callId = existingCall?.id ?? call.id;
    callAction = existingCall ? 'unchanged' : 'add';
    note(
      'call',
      callId,
      callAction,
      existingCall ? `Call “${existingCall.title}”` : `Call “${call.title}”`,
      existingCall
        ? byMedia
          ? 'The same recording is already here; the review merges into it.'
          : 'Already here; the review merges into it.'
        : media.file
          ? 'New call, with its whole recording.'
          : 'New call; it plays the packet’s clips at their moments, silent in between.',
    );
    callTitle = existingCall?.title ?? call.title;
    localSubjectSha = existingCall
      ? (get<{ media_sha256: string }>(db, sql`SELECT media_sha256 FROM calls WHERE id = ${callId}`)?.media_sha256 ??
        null)
      : media.file
        ? media.sha256
        : null;
  } else {
    const { drill: d, attempt } = subject;
    const localDrill =
      get<{ id: Id; title: string }>(db, sql`SELECT id, title FROM drills WHERE id = ${d.id}`) ??
      (d.seedKey
        ? get<{ id: Id; title: string }>(db, sql`SELECT id, title FROM drills WHERE seed_key = ${d.seedKey}`)
        : undefined);
    drill = { id: localDrill?.id ?? d.id, action: localDrill ? 'unchanged' : 'add', rubricId: null };
    note(
      'drill',
      drill.id,
      drill.action,
      `Drill “${localDrill?.title ?? d.title}”`,
      localDrill
        ? localDrill.id === d.id
          ? 'Already here.'
          : 'The same starter drill is already here.'
        : 'New drill.',
    );
    const byId = get<{ id: Id; media_sha256: string }>(
      db,
      sql`SELECT id, media_sha256 FROM attempts WHERE id = ${attempt.id}`,
    );
    // The same recorded bytes already kept as an attempt of this drill are the same attempt.
    const existing =
      byId ??
      get<{ id: Id; media_sha256: string }>(
        db,
        sql`SELECT id, media_sha256 FROM attempts WHERE media_sha256 = ${media.sha256} AND drill_id = ${drill.id}`,
      );
    const rep = review.people.find((p) => p.id === attempt.personId)?.name;
    callId = existing?.id ?? attempt.id;
    callAction = existing ? 'unchanged' : 'add';
    callTitle = `${localDrill?.title ?? d.title} — ${rep ?? 'attempt'} ${attempt.createdAt.slice(0, 10)}`;
    localSubjectSha = existing?.media_sha256 ?? media.sha256;
    note(
      'attempt',
      callId,
      callAction,
      `Drill attempt${rep ? ` by ${rep}` : ''}, ${attempt.createdAt.slice(0, 10)}`,
      existing ? 'Already here; its scorecards merge into it.' : 'New attempt, with its recording.',
    );
  }

  // People.
  const { newPeople } = people;
  for (const p of review.people) {
    const how = people.matchedBy.get(p.id);
    if (how === 'new') note('person', p.id, 'add', p.name, `New in People (${p.role})`);
    else if (how === 'key' || how === 'alias') {
      const here = get<{ name: string }>(db, sql`SELECT name FROM people WHERE id = ${pid(p.id)}`)?.name ?? p.name;
      note(
        'person',
        p.id,
        'unchanged',
        p.name,
        how === 'key' ? `The same person as “${here}” here (same signing key).` : `Merged into “${here}” here.`,
      );
    }
  }
  for (const m of people.merges) {
    note(
      'person',
      m.alias,
      'update',
      `Merge ${m.label}`,
      `${signer?.name ?? 'The sender'} merged these two records; they are merged here too.`,
    );
  }

  // Tags: by id, else by name.
  const tagMap = new Map<Id, Id>();
  const newTags = new Set<Id>();
  for (const t of review.tags) {
    const local =
      get<{ id: Id }>(db, sql`SELECT id FROM annotation_tags WHERE id = ${t.id}`) ??
      get<{ id: Id }>(db, sql`SELECT id FROM annotation_tags WHERE name = ${t.name} AND deleted_at IS NULL`);
    if (local) tagMap.set(t.id, local.id);
    else {
      tagMap.set(t.id, t.id);
      newTags.add(t.id);
      note('tag', t.id, 'add', `Tag “${t.name}”`);
    }
  }

  // Rubric versions: by id, else a seeded rubric's identical version, else added.
  const rubricMap = new Map<Id, Id>();
  const criterionMap = new Map<Id, Id>();
  const newRubricVersions: MergePlan['newRubricVersions'] = [];
  for (const v of review.rubricVersions) {
    if (get(db, sql`SELECT 1 FROM rubric_versions WHERE id = ${v.id}`)) {
      rubricMap.set(v.id, v.id);
      for (const c of v.criteria) criterionMap.set(c.id, c.id);
      continue;
    }
    const twin = v.seedKey ? findIdenticalSeededVersion(db, v) : null;
    if (twin) {
      rubricMap.set(v.id, twin.versionId);
      v.criteria.forEach((c) => criterionMap.set(c.id, twin.criteria.get(c.position) as Id));
      continue;
    }
    rubricMap.set(v.id, v.id);
    for (const c of v.criteria) criterionMap.set(c.id, c.id);
    const rubricHere = get(db, sql`SELECT 1 FROM rubrics WHERE id = ${v.rubricId}`);
    const seedTaken = v.seedKey ? get(db, sql`SELECT 1 FROM rubrics WHERE seed_key = ${v.seedKey}`) : undefined;
    const numberTaken = rubricHere
      ? get(db, sql`SELECT 1 FROM rubric_versions WHERE rubric_id = ${v.rubricId} AND version = ${v.version}`)
      : undefined;
    const number = numberTaken
      ? (get<{ n: number }>(db, sql`SELECT max(version) + 1 AS n FROM rubric_versions WHERE rubric_id = ${v.rubricId}`)
          ?.n ?? v.version)
      : v.version;
    newRubricVersions.push({ version: v, addRubric: !rubricHere, seedKey: seedTaken ? null : v.seedKey, number });
    note(
      'rubric',
      v.id,
      'add',
      `Rubric “${v.rubricName}” version ${number}`,
      rubricHere ? 'A version this library did not have.' : 'New rubric, used by a scorecard in the packet.',
    );
  }

  // An attempt packet's new drill keeps its rubric when this library has it (or gets it from this packet).
  if (drill && drill.action === 'add' && subject.kind === 'attempt' && subject.drill.rubric) {
    const r = subject.drill.rubric;
    const local =
      get<{ id: Id }>(db, sql`SELECT id FROM rubrics WHERE id = ${r.id}`) ??
      (r.seedKey ? get<{ id: Id }>(db, sql`SELECT id FROM rubrics WHERE seed_key = ${r.seedKey}`) : undefined);
    const addedHere = newRubricVersions.some((n) => n.addRubric && n.version.rubricId === r.id);
    drill.rubricId = local?.id ?? (addedHere ? r.id : null);
  }

  // Annotations and their replies.
  const annotations: AnnotationDecision[] = [];
  const replies: MergePlan['replies'] = [];
  for (const a of review.annotations) {
    const label = `Annotation at ${span(a.startSec, a.endSec)} by ${nameOf(a.authorId)}`;
    const local = get<{
      call_id: Id;
      start_sec: number;
      end_sec: number | null;
      body: string;
      tag_id: Id | null;
      situation: string;
      behavior: string;
      impact: string;
      updated_at: string;
      deleted_at: string | null;
      author_id: Id;
    }>(
      db,
      sql`SELECT call_id, start_sec, end_sec, body, tag_id, situation, behavior, impact, updated_at, deleted_at, author_id
          FROM annotations WHERE id = ${a.id}`,
    );
    const tagId = a.tagId ? (tagMap.get(a.tagId) ?? null) : null;
    let decision: AnnotationDecision;
    if (!local) {
      decision = { annotation: a, action: 'add', conflictCopy: null, takePacket: true };
      note('annotation', a.id, 'add', label);
    } else if (local.deleted_at) {
      decision = { annotation: a, action: 'skip', conflictCopy: null, takePacket: false };
      note('annotation', a.id, 'skip', label, 'In this library’s trash; left there.');
    } else if (
      local.start_sec === a.startSec &&
      local.end_sec === a.endSec &&
      local.body === a.body &&
      local.tag_id === tagId &&
      local.situation === a.situation &&
      local.behavior === a.behavior &&
      local.impact === a.impact
    ) {
      decision = { annotation: a, action: 'unchanged', conflictCopy: null, takePacket: false };
      note('annotation', a.id, 'unchanged', label);
    } else if (!byAuthor(a.authorId)) {
      // Not the author's word: a newer version is refused, an older one is just behind this library.
      const packetNewer = a.updatedAt > local.updated_at;
      decision = {
        annotation: a,
        action: packetNewer ? 'refused' : 'unchanged',
        conflictCopy: null,
        takePacket: false,
      };
      note('annotation', a.id, decision.action, label, packetNewer ? refusal(a.authorId) : 'Newer here.');
    } else {
      const packetNewer = a.updatedAt > local.updated_at;
      const loser = packetNewer
        ? {
            text: versionText(local.body, local.situation, local.behavior, local.impact),
            at: local.updated_at,
            from: 'this library',
          }
        : {
            text: versionText(a.body, a.situation, a.behavior, a.impact),
            at: a.updatedAt,
            from: `${nameOf(a.authorId)} via packet`,
          };
      const where =
        packetNewer && (local.start_sec !== a.startSec || local.end_sec !== a.endSec)
          ? ` (was at ${span(local.start_sec, local.end_sec)})`
          : !packetNewer && (local.start_sec !== a.startSec || local.end_sec !== a.endSec)
            ? ` (at ${span(a.startSec, a.endSec)})`
            : '';
      const body = `Conflicting copy from ${loser.from}, edited ${loser.at.slice(0, 16).replace('T', ' ')}${where}:\n${loser.text || '(empty)'}`;
      const replyId = derivedId(a.id, `conflict:${body}`);
      const already = get(db, sql`SELECT 1 FROM annotation_replies WHERE id = ${replyId}`);
      if (already && !packetNewer) {
        decision = { annotation: a, action: 'unchanged', conflictCopy: null, takePacket: false };
        note('annotation', a.id, 'unchanged', label, 'Its conflicting copy is already kept as a reply.');
      } else {
        decision = {
          annotation: a,
          action: 'conflict',
          conflictCopy: already ? null : { replyId, authorId: packetNewer ? local.author_id : a.authorId, body },
          takePacket: packetNewer,
        };
        note(
          'annotation',
          a.id,
          'conflict',
          label,
          packetNewer
            ? 'Edited on both sides: the packet’s newer version is used and this library’s is kept as a reply.'
            : 'Edited on both sides: this library’s newer version stays and the packet’s is kept as a reply.',
        );
      }
    }
    annotations.push(decision);
    for (const r of a.replies) {
      const localReply = get<{ body: string; updated_at: string; deleted_at: string | null }>(
        db,
        sql`SELECT body, updated_at, deleted_at FROM annotation_replies WHERE id = ${r.id}`,
      );
      const rLabel = `Reply by ${nameOf(r.authorId)} on the annotation at ${clock(a.startSec)}`;
      const newer = localReply && localReply.body !== r.body && r.updatedAt > localReply.updated_at;
      const action: MergeAction =
        decision.action === 'skip'
          ? 'skip'
          : !localReply
            ? 'add'
            : localReply.deleted_at
              ? 'skip'
              : newer
                ? byAuthor(r.authorId)
                  ? 'update'
                  : 'refused'
                : 'unchanged';
      replies.push({ annotationId: a.id, reply: r, action });
      note(
        'reply',
        r.id,
        action,
        rLabel,
        action === 'update' ? `Edited by ${nameOf(r.authorId)}.` : action === 'refused' ? refusal(r.authorId) : null,
      );
    }
  }

  // Scorecards and action items.
  const scorecards: MergePlan['scorecards'] = [];
  const actionItems: MergePlan['actionItems'] = [];
  for (const s of review.scorecards) {
    const version = review.rubricVersions.find((v) => v.id === s.rubricVersionId);
    const label = `Scorecard by ${nameOf(s.reviewerId)} (${s.reviewerKind}) on ${version?.rubricName ?? 'a rubric'}`;
    const local = get<{ updated_at: string; deleted_at: string | null; status: string; submitted_at: string | null }>(
      db,
      sql`SELECT updated_at, deleted_at, status, submitted_at FROM scorecards WHERE id = ${s.id}`,
    );
    let action: MergeAction;
    let detail: string | null = null;
    if (!local) {
      const owner = subject.kind === 'call' ? sql`call_id = ${callId}` : sql`attempt_id = ${callId}`;
      const clash = get(
        db,
        sql`SELECT 1 FROM scorecards WHERE ${owner} AND reviewer_id = ${pid(s.reviewerId)}
            AND rubric_version_id = ${rubricMap.get(s.rubricVersionId) ?? s.rubricVersionId} AND deleted_at IS NULL`,
      );
      action = clash ? 'skip' : 'add';
      if (clash) detail = `${nameOf(s.reviewerId)} already has a different scorecard on this rubric here; it is kept.`;
    } else if (local.deleted_at) {
      action = 'skip';
      detail = 'In this library’s trash; left there.';
    } else if (s.updatedAt > local.updated_at) {
      // Reopening clears submitted_at and submitting again sets a later one: that is the only way a submitted card moves.
      const reopened =
        s.status === 'draft' ||
        (s.submittedAt !== null && local.submitted_at !== null && s.submittedAt > local.submitted_at);
      if (!byAuthor(s.reviewerId)) {
        action = 'refused';
        detail = refusal(s.reviewerId);
      } else if (local.status === 'submitted' && !reopened) {
        action = 'refused';
        detail = `Submitted here; it changes only when ${nameOf(s.reviewerId)} reopens it, and this version was not reopened.`;
      } else {
        action = 'update';
        detail =
          local.status === 'submitted'
            ? `${nameOf(s.reviewerId)} reopened it${s.status === 'submitted' ? ' and submitted it again' : ''}.`
            : `Edited by ${nameOf(s.reviewerId)}.`;
      }
    } else {
      action = 'unchanged';
    }
    scorecards.push({ scorecard: s, action });
    note('scorecard', s.id, action, label, detail);
    for (const item of s.actionItems) {
      const localItem = get<{
        updated_at: string;
        deleted_at: string | null;
        text: string;
        owner_id: Id | null;
        due_date: string | null;
      }>(db, sql`SELECT updated_at, deleted_at, text, owner_id, due_date FROM action_items WHERE id = ${item.id}`);
      // The reviewer wrote the item; its owner may only tick it done (or undo that).
      const mayChange =
        byAuthor(s.reviewerId) ||
        (byAuthor(item.ownerId) &&
          localItem !== undefined &&
          localItem.text === item.text &&
          localItem.owner_id === (item.ownerId ? pid(item.ownerId) : null) &&
          localItem.due_date === item.dueDate);
      const itemAction: MergeAction =
        action === 'skip'
          ? 'skip'
          : !localItem
            ? 'add'
            : localItem.deleted_at
              ? 'skip'
              : item.updatedAt > localItem.updated_at
                ? mayChange
                  ? 'update'
                  : 'refused'
                : 'unchanged';
      actionItems.push({ scorecardId: s.id, item, action: itemAction });
      note(
        'actionItem',
        item.id,
        itemAction,
        `Action item: ${item.text.slice(0, 80)}`,
        itemAction === 'refused' ? refusal(s.reviewerId) : null,
      );
    }
  }

  // Transcript.
  let transcript: MergeAction = 'unchanged';
  if (review.transcript) {
    const localSha = localSubjectSha;
    const has = localSha ? get(db, sql`SELECT 1 FROM transcripts WHERE media_sha256 = ${localSha}`) : undefined;
    transcript = has ? 'unchanged' : 'add';
    note(
      'transcript',
      `transcript:${subject.kind === 'call' ? subject.call.id : subject.attempt.id}`,
      transcript,
      review.transcript.scope === 'whole' ? 'Transcript' : 'Transcript excerpts',
      has
        ? 'This recording already has a transcript here; it is kept.'
        : `${review.transcript.segments.length} segments`,
    );
  }

  const recognition = planRecognition(db, review, pid, (item) => items.push(item));

  if (signer) refuseReplay(db, signer, callId, manifest);

  const totals = emptyCounts();
  for (const i of items) totals[i.action] += 1;
  return {
    subjectKind: subject.kind,
    callId,
    callAction,
    callTitle,
    drill,
    tagMap,
    newTags,
    rubricMap,
    criterionMap,
    newRubricVersions,
    newPeople,
    personMap,
    merges: people.merges,
    aliases: people.aliases,
    keys: people.keys,
    signer,
    annotations,
    replies,
    scorecards,
    actionItems,
    transcript,
    recognition,
    items,
    totals,
  };
}

function versionText(body: string, situation: string, behavior: string, impact: string): string {
  return [
    body,
    situation && `Situation: ${situation}`,
    behavior && `Behavior: ${behavior}`,
    impact && `Impact: ${impact}`,
  ]
    .filter(Boolean)
    .join('\n');
}

/** A version of the same seeded rubric whose criteria read exactly the same (names, weights, anchors). */
function findIdenticalSeededVersion(
  db: Database,
  v: PacketRubricVersion,
): { versionId: Id; criteria: Map<number, Id> } | null {
  const candidates = all<{ id: Id }>(
    db,
    sql`SELECT rv.id FROM rubric_versions rv JOIN rubrics r ON r.id = rv.rubric_id
        WHERE r.seed_key = ${v.seedKey} ORDER BY rv.version DESC, rv.id DESC`,
  );
  const wanted = [...v.criteria].sort((a, b) => a.position - b.position);
  for (const c of candidates) {
    const local = all<{
      id: Id;
      position: number;
      name: string;
      weight: number;
      anchor_1: string;
      anchor_2: string;
      anchor_3: string;
      anchor_4: string;
      anchor_5: string;
    }>(
      db,
      sql`SELECT id, position, name, weight, anchor_1, anchor_2, anchor_3, anchor_4, anchor_5
          FROM rubric_criteria WHERE rubric_version_id = ${c.id} ORDER BY position, id`,
    );
    const same =
      local.length === wanted.length &&
      local.every((l, i) => {
        const w = wanted[i];
        return (
          w !== undefined &&
          l.position === w.position &&
          l.name === w.name &&
          l.weight === w.weight &&
          [l.anchor_1, l.anchor_2, l.anchor_3, l.anchor_4, l.anchor_5].every((x, k) => x === w.anchors[k])
        );
      });
    if (same) return { versionId: c.id, criteria: new Map(local.map((l) => [l.position, l.id])) };
  }
  return null;
}
