/**
 * Reads one call's review out of the library into the packet's shape
 * (review.json), honouring what the person chose to include. One read
 * transaction, so the snapshot is consistent even while someone types.
 */
import type { Database } from 'better-sqlite3';
import type { PacketAttemptExportOptions, PacketExportOptions } from '../../../shared/contract/packets';
import type { BuyerMood, CallType, DrillSkill, Id, PersonRole, ReviewerKind } from '../../../shared/domain';
import type {
  PacketActionItem,
  PacketAnnotation,
  PacketClip,
  PacketEvidence,
  PacketPerson,
  PacketReview,
  PacketRubricVersion,
  PacketScorecard,
  PacketTag,
  PacketTranscript,
} from '../../../shared/packets';
import { PACKET_SCHEMA_VERSION, PacketReview as PacketReviewSchema } from '../../../shared/packets';
import { AppError } from '../../../shared/result';
import { createHash } from 'node:crypto';
import { canSeeScorecard } from '../policy/scoring';
import { all, get, sql } from '../db/sql';
import { aliasesOf } from '../people/merge';
import { keysOf } from '../signing/keys';
import { collectRecognition } from '../recognition/packets';
import { getTranscript } from '../transcription/transcript-repository';
import type { ClipWindow } from './windows';
import { clipWindows, overlaps } from './windows';

export const CLIP_EXT = 'ogg';

/**
 * A UUIDv7 that is a pure function of its inputs: the parent's timestamp
 * bits (so it sorts beside it) and a hash of what it names.
 */
export function derivedId(parentId: string, name: string): string {
  const hex = createHash('sha256').update(`${parentId}\u0000${name}`).digest('hex');
  const time = parentId.replace(/-/g, '').slice(0, 12);
  const variant = ((parseInt(hex.slice(15, 16), 16) & 0x3) | 0x8).toString(16);
  const raw = `${time}7${hex.slice(0, 3)}${variant}${hex.slice(3, 18)}`;
  return `${raw.slice(0, 8)}-${raw.slice(8, 12)}-${raw.slice(12, 16)}-${raw.slice(16, 20)}-${raw.slice(20, 32)}`;
}

interface CallRow {
  id: Id;
  title: string;
  source_name: string;
  rep_id: Id | null;
  customer: string;
  call_type: CallType;
  stage: string;
  call_date: string | null;
  notes: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  sha256: string;
  ext: string;
  size_bytes: number;
  duration_sec: number;
  channels: number;
  has_video: number;
}

export interface CollectedReview {
  review: PacketReview;
  /** Where each clip is cut from, in review.clips order. */
  windows: ClipWindow[];
  /** `<sha256>.<ext>` in the media folder. */
  mediaFileName: string;
}

/** `exporterId`: who is exporting; the packet carries only the scoring they may see (see `readScorecards`). */
export function collectReview(db: Database, options: PacketExportOptions, exporterId: Id | null): CollectedReview {
  return db.transaction(() => collect(db, { ...options, exporterId }))();
}

function collect(db: Database, o: PacketExportOptions & { exporterId: Id | null }): CollectedReview {
  const call = get<CallRow>(
    db,
    sql`SELECT c.id, c.title, c.source_name, c.rep_id, c.customer, c.call_type, c.stage, c.call_date, c.notes,
               c.created_at, c.updated_at, c.deleted_at, m.sha256, m.ext, m.size_bytes, m.duration_sec, m.channels,
               m.has_video
        FROM calls c JOIN media m ON m.sha256 = c.media_sha256 WHERE c.id = ${o.callId}`,
  );
  if (!call || call.deleted_at) throw new AppError('not_found', 'That call is not in the library.');
  const tags = all<{ tag: string }>(db, sql`SELECT tag FROM call_tags WHERE call_id = ${call.id} ORDER BY tag`).map(
    (t) => t.tag,
  );

  const people = new Set<Id>();
  if (call.rep_id) people.add(call.rep_id);

  const annotations = o.annotations ? readAnnotations(db, call.id) : [];
  for (const a of annotations) {
    people.add(a.authorId);
    for (const r of a.replies) people.add(r.authorId);
  }
  const tagIds = new Set(annotations.flatMap((a) => (a.tagId ? [a.tagId] : [])));
  const annotationStart = new Map(annotations.map((a) => [a.id, a.startSec]));

  const scorecards = o.scorecards ? readScorecards(db, { callId: call.id }, o, annotationStart) : [];
  for (const s of scorecards) {
    people.add(s.reviewerId);
    for (const item of s.actionItems) if (item.ownerId) people.add(item.ownerId);
  }
  const rubricVersions = readRubricVersions(db, [...new Set(scorecards.map((s) => s.rubricVersionId))]);

  const windows = clipWindows(annotations, o.contextSec, call.duration_sec);
  const clips: PacketClip[] = windows.map((w) => {
    // The same stretch of the same call is the same clip in every export: packets compare equal.
    const id = derivedId(call.id, `clip:${w.startSec}:${w.endSec}`);
    return {
      id,
      startSec: w.startSec,
      endSec: w.endSec,
      file: `clips/${id}.${CLIP_EXT}`,
      mimeType: 'audio/ogg',
      annotationIds: w.annotationIds,
    };
  });

  const transcript = o.transcript === 'none' ? null : readTranscript(db, call.sha256, o.transcript, windows);
  for (const s of transcript?.speakers ?? []) if (s.personId) people.add(s.personId);
  const recognition = collectRecognition(
    db,
    { callId: call.id },
    new Set(scorecards.map((s) => s.id)),
    new Set(annotations.map((a) => a.id)),
  );
  for (const id of recognition.people) people.add(id);

  const review: PacketReview = {
    schemaVersion: PACKET_SCHEMA_VERSION,
    subject: {
      kind: 'call',
      call: {
        id: call.id,
        title: call.title,
        sourceName: call.source_name,
        repId: call.rep_id,
        customer: call.customer,
        callType: call.call_type,
        stage: call.stage,
        callDate: call.call_date,
        tags,
        notes: o.includePrivate ? call.notes : null,
        createdAt: call.created_at,
        updatedAt: call.updated_at,
      },
      media: {
        sha256: call.sha256,
        ext: call.ext,
        sizeBytes: call.size_bytes,
        durationSec: call.duration_sec,
        channels: call.channels,
        hasVideo: call.has_video === 1,
        file: o.media === 'whole' ? `media/${call.sha256}.${call.ext}` : null,
      },
    },
    people: readPeople(db, [...people]),
    tags: readTags(db, [...tagIds]),
    rubricVersions,
    annotations,
    scorecards,
    clips,
    transcript,
    badges: recognition.badges,
    kudos: recognition.kudos,
    celebrations: recognition.celebrations,
  };
  // The exporter holds itself to the importer's rules: a packet we write is one we can read.
  const checked = PacketReviewSchema.safeParse(review);
  if (!checked.success) {
    throw new AppError(
      'internal',
      `The packet could not be built: ${checked.error.issues[0]?.message ?? 'invalid data'}`,
    );
  }
  return { review: checked.data, windows, mediaFileName: `${call.sha256}.${call.ext}` };
}

interface AttemptRow {
  id: Id;
  drill_id: Id;
  person_id: Id | null;
  duration_sec: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  sha256: string;
  ext: string;
  size_bytes: number;
  media_duration_sec: number;
  channels: number;
  has_video: number;
}

/**
 * One drill attempt's review: the drill, the whole recording (short, so it
 * always travels, and one clip of all of it plays on the page), the
 * transcript and the attempt's scorecards.
 */
export function collectAttemptReview(
  db: Database,
  options: PacketAttemptExportOptions,
  exporterId: Id | null,
): CollectedReview {
  return db.transaction(() => collectAttempt(db, { ...options, exporterId }))();
}

function collectAttempt(db: Database, o: PacketAttemptExportOptions & { exporterId: Id | null }): CollectedReview {
  const attempt = get<AttemptRow>(
    db,
    sql`SELECT a.id, a.drill_id, a.person_id, a.duration_sec, a.created_at, a.updated_at, a.deleted_at, m.sha256, m.ext,
               m.size_bytes, m.duration_sec AS media_duration_sec, m.channels, m.has_video
        FROM attempts a JOIN media m ON m.sha256 = a.media_sha256 WHERE a.id = ${o.attemptId}`,
  );
  if (!attempt || attempt.deleted_at) throw new AppError('not_found', 'That attempt is not in the library.');
  const drill = get<{
    id: Id;
    title: string;
    skill: DrillSkill;
    persona_role: string;
    persona_company: string;
    persona_mood: BuyerMood;
    prompt_text: string;
    time_limit_sec: number;
    notes: string;
    rubric_id: Id | null;
    rubric_name: string | null;
    rubric_seed_key: string | null;
    seed_key: string | null;
    created_at: string;
    updated_at: string;
  }>(
    db,
    sql`SELECT d.id, d.title, d.skill, d.persona_role, d.persona_company, d.persona_mood, d.prompt_text,
               d.time_limit_sec, d.notes, d.rubric_id, r.name AS rubric_name, r.seed_key AS rubric_seed_key, d.seed_key,
               d.created_at, d.updated_at
        FROM drills d LEFT JOIN rubrics r ON r.id = d.rubric_id WHERE d.id = ${attempt.drill_id}`,
  );
  if (!drill) throw new AppError('not_found', 'The attempt’s drill is not in the library.');
  const drillTags = all<{ tag: string }>(
    db,
    sql`SELECT tag FROM drill_tags WHERE drill_id = ${drill.id} ORDER BY tag`,
  ).map((t) => t.tag);

  const people = new Set<Id>();
  if (attempt.person_id) people.add(attempt.person_id);
  const scorecards = o.scorecards
    ? readScorecards(db, { attemptId: attempt.id }, { ...o, annotations: false }, new Map())
    : [];
  for (const s of scorecards) {
    people.add(s.reviewerId);
    for (const item of s.actionItems) if (item.ownerId) people.add(item.ownerId);
  }
  const rubricVersions = readRubricVersions(db, [...new Set(scorecards.map((s) => s.rubricVersionId))]);

  const duration = attempt.media_duration_sec > 0 ? attempt.media_duration_sec : attempt.duration_sec;
  const windows: ClipWindow[] = duration > 0 ? [{ startSec: 0, endSec: duration, annotationIds: [] }] : [];
  const clips: PacketClip[] = windows.map((w) => {
    const id = derivedId(attempt.id, `clip:${w.startSec}:${w.endSec}`);
    return {
      id,
      startSec: w.startSec,
      endSec: w.endSec,
      file: `clips/${id}.${CLIP_EXT}`,
      mimeType: 'audio/ogg',
      annotationIds: [],
    };
  });
  const transcript = o.transcript === 'none' ? null : readTranscript(db, attempt.sha256, 'whole', windows);
  for (const s of transcript?.speakers ?? []) if (s.personId) people.add(s.personId);
  const recognition = collectRecognition(
    db,
    { attemptId: attempt.id },
    new Set(scorecards.map((s) => s.id)),
    new Set(),
  );
  for (const id of recognition.people) people.add(id);

  const review: PacketReview = {
    schemaVersion: PACKET_SCHEMA_VERSION,
    subject: {
      kind: 'attempt',
      drill: {
        id: drill.id,
        title: drill.title,
        skill: drill.skill,
        persona: { role: drill.persona_role, company: drill.persona_company, mood: drill.persona_mood },
        promptText: drill.prompt_text,
        timeLimitSec: drill.time_limit_sec,
        notes: drill.notes,
        tags: drillTags,
        rubric:
          drill.rubric_id && drill.rubric_name
            ? { id: drill.rubric_id, name: drill.rubric_name, seedKey: drill.rubric_seed_key }
            : null,
        seedKey: drill.seed_key,
        createdAt: drill.created_at,
        updatedAt: drill.updated_at,
      },
      attempt: {
        id: attempt.id,
        drillId: drill.id,
        personId: attempt.person_id,
        durationSec: attempt.duration_sec,
        createdAt: attempt.created_at,
        updatedAt: attempt.updated_at,
      },
      media: {
        sha256: attempt.sha256,
        ext: attempt.ext,
        sizeBytes: attempt.size_bytes,
        durationSec: attempt.media_duration_sec,
        channels: attempt.channels,
        hasVideo: attempt.has_video === 1,
        file: `media/${attempt.sha256}.${attempt.ext}`,
      },
    },
    people: readPeople(db, [...people]),
    tags: [],
    rubricVersions,
    annotations: [],
    scorecards,
    clips,
    transcript,
    badges: recognition.badges,
    kudos: recognition.kudos,
    celebrations: recognition.celebrations,
  };
  const checked = PacketReviewSchema.safeParse(review);
  if (!checked.success) {
    throw new AppError(
      'internal',
      `The packet could not be built: ${checked.error.issues[0]?.message ?? 'invalid data'}`,
    );
  }
  return { review: checked.data, windows, mediaFileName: `${attempt.sha256}.${attempt.ext}` };
}

export function readPeople(db: Database, ids: Id[]): PacketPerson[] {
  // Names and roles only: e-mail addresses never leave the library in a packet.
  // Keys travel only when this library checked them (its own, or seen signing a packet): hearsay stays here.
  return ids
    .map((id) =>
      get<{ id: Id; name: string; role: PersonRole }>(db, sql`SELECT id, name, role FROM people WHERE id = ${id}`),
    )
    .filter((p) => p !== undefined)
    .map((p) => ({
      ...p,
      publicKeys: keysOf(db, p.id)
        .filter((k) => k.verified)
        .map((k) => k.publicKey),
      aliases: aliasesOf(db, p.id),
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

function readTags(db: Database, ids: Id[]): PacketTag[] {
  return ids
    .map((id) => get<PacketTag>(db, sql`SELECT id, name, color FROM annotation_tags WHERE id = ${id}`))
    .filter((t): t is PacketTag => t !== undefined)
    .sort((a, b) => a.id.localeCompare(b.id));
}

function readAnnotations(db: Database, callId: Id): PacketAnnotation[] {
  const rows = all<{
    id: Id;
    author_id: Id;
    start_sec: number;
    end_sec: number | null;
    body: string;
    tag_id: Id | null;
    situation: string;
    behavior: string;
    impact: string;
    created_at: string;
    updated_at: string;
  }>(
    db,
    sql`SELECT id, author_id, start_sec, end_sec, body, tag_id, situation, behavior, impact, created_at, updated_at
        FROM annotations WHERE call_id = ${callId} AND deleted_at IS NULL ORDER BY start_sec, created_at, id`,
  );
  const replies = all<{
    id: Id;
    annotation_id: Id;
    author_id: Id;
    body: string;
    created_at: string;
    updated_at: string;
  }>(
    db,
    sql`SELECT r.id, r.annotation_id, r.author_id, r.body, r.created_at, r.updated_at FROM annotation_replies r
        JOIN annotations a ON a.id = r.annotation_id
        WHERE a.call_id = ${callId} AND r.deleted_at IS NULL ORDER BY r.created_at, r.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    authorId: r.author_id,
    startSec: r.start_sec,
    endSec: r.end_sec,
    body: r.body,
    tagId: r.tag_id,
    situation: r.situation,
    behavior: r.behavior,
    impact: r.impact,
    replies: replies
      .filter((x) => x.annotation_id === r.id)
      .map((x) => ({
        id: x.id,
        authorId: x.author_id,
        body: x.body,
        createdAt: x.created_at,
        updatedAt: x.updated_at,
      })),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

type ScorecardOptions = Pick<PacketExportOptions, 'includePrivate' | 'actionItems' | 'annotations'> & {
  exporterId: Id | null;
};

function readScorecards(
  db: Database,
  owner: { callId: Id } | { attemptId: Id },
  o: ScorecardOptions,
  annotationStart: Map<Id, number>,
): PacketScorecard[] {
  const headers = all<{
    id: Id;
    rubric_version_id: Id;
    reviewer_id: Id;
    reviewer_kind: ReviewerKind;
    status: 'draft' | 'submitted';
    strengths: string;
    submitted_at: string | null;
    created_at: string;
    updated_at: string;
  }>(
    db,
    sql`SELECT id, rubric_version_id, reviewer_id, reviewer_kind, status, strengths, submitted_at, created_at, updated_at
        FROM scorecards
        WHERE ${'callId' in owner ? sql`call_id = ${owner.callId}` : sql`attempt_id = ${owner.attemptId}`}
          AND deleted_at IS NULL ORDER BY created_at, id`,
  );
  const ownerIds =
    'callId' in owner ? { call_id: owner.callId, attempt_id: null } : { call_id: null, attempt_id: owner.attemptId };
  // The policy's blind rule holds for packets too: the exporter sends only scoring they may see, and
  // a draft is a reviewer's unfinished thinking — the exporter's own travels only when they say so;
  // another's never does.
  const exporterId = o.exporterId;
  return headers
    .filter((h) => exporterId !== null && (h.status === 'submitted' || o.includePrivate))
    .filter((h) => exporterId !== null && canSeeScorecard(db, exporterId, { ...h, ...ownerIds }))
    .map((h) => {
      const scores = all<{
        id: Id;
        criterion_id: Id;
        score: number | null;
        comment: string;
        created_at: string;
        updated_at: string;
      }>(
        db,
        sql`SELECT id, criterion_id, score, comment, created_at, updated_at FROM scorecard_scores
            WHERE scorecard_id = ${h.id} ORDER BY id`,
      ).map((s) => ({
        id: s.id,
        criterionId: s.criterion_id,
        score: s.score,
        comment: s.comment,
        evidence: readEvidence(db, s.id, o.annotations, annotationStart),
        createdAt: s.created_at,
        updatedAt: s.updated_at,
      }));
      const actionItems: PacketActionItem[] = o.actionItems
        ? all<{
            id: Id;
            text: string;
            owner_id: Id | null;
            due_date: string | null;
            done_at: string | null;
            created_at: string;
            updated_at: string;
          }>(
            db,
            sql`SELECT id, text, owner_id, due_date, done_at, created_at, updated_at FROM action_items
                WHERE scorecard_id = ${h.id} AND deleted_at IS NULL ORDER BY created_at, id`,
          ).map((i) => ({
            id: i.id,
            text: i.text,
            ownerId: i.owner_id,
            dueDate: i.due_date,
            doneAt: i.done_at,
            createdAt: i.created_at,
            updatedAt: i.updated_at,
          }))
        : [];
      return {
        id: h.id,
        rubricVersionId: h.rubric_version_id,
        reviewerId: h.reviewer_id,
        reviewerKind: h.reviewer_kind,
        status: h.status,
        strengths: h.strengths,
        submittedAt: h.submitted_at,
        scores,
        actionItems,
        createdAt: h.created_at,
        updatedAt: h.updated_at,
      };
    });
}

function readEvidence(
  db: Database,
  scoreId: Id,
  withAnnotations: boolean,
  annotationStart: Map<Id, number>,
): PacketEvidence[] {
  const rows = all<{ id: Id; annotation_id: Id | null; at_sec: number | null }>(
    db,
    sql`SELECT e.id, e.annotation_id, e.at_sec FROM score_evidence e LEFT JOIN annotations a ON a.id = e.annotation_id
        WHERE e.score_id = ${scoreId} AND (e.annotation_id IS NULL OR a.deleted_at IS NULL) ORDER BY e.position, e.id`,
  );
  return rows.flatMap((e): PacketEvidence[] => {
    if (e.annotation_id === null) return [{ id: e.id, annotationId: null, atSec: e.at_sec ?? 0 }];
    if (withAnnotations && annotationStart.has(e.annotation_id))
      return [{ id: e.id, annotationId: e.annotation_id, atSec: null }];
    // Annotations left out: the moment the evidence points at still travels, as a bare time.
    const at =
      annotationStart.get(e.annotation_id) ??
      get<{ start_sec: number }>(db, sql`SELECT start_sec FROM annotations WHERE id = ${e.annotation_id}`)?.start_sec;
    return at === undefined ? [] : [{ id: e.id, annotationId: null, atSec: at }];
  });
}

function readRubricVersions(db: Database, ids: Id[]): PacketRubricVersion[] {
  return ids.map((id) => {
    const v = get<{
      id: Id;
      rubric_id: Id;
      name: string;
      description: string;
      seed_key: string | null;
      version: number;
      created_at: string;
      updated_at: string;
    }>(
      db,
      sql`SELECT v.id, v.rubric_id, r.name, r.description, r.seed_key, v.version, v.created_at, v.updated_at
          FROM rubric_versions v JOIN rubrics r ON r.id = v.rubric_id WHERE v.id = ${id}`,
    );
    if (!v) throw new AppError('internal', 'A scorecard’s rubric version is missing from the library.');
    const criteria = all<{
      id: Id;
      key: Id;
      position: number;
      name: string;
      description: string;
      weight: number;
      anchor_1: string;
      anchor_2: string;
      anchor_3: string;
      anchor_4: string;
      anchor_5: string;
      skill: DrillSkill | null;
    }>(
      db,
      sql`SELECT id, key, position, name, description, weight, anchor_1, anchor_2, anchor_3, anchor_4, anchor_5, skill
          FROM rubric_criteria WHERE rubric_version_id = ${id} ORDER BY position, id`,
    ).map((c) => ({
      id: c.id,
      key: c.key,
      position: c.position,
      name: c.name,
      description: c.description,
      weight: c.weight,
      anchors: [c.anchor_1, c.anchor_2, c.anchor_3, c.anchor_4, c.anchor_5] as [string, string, string, string, string],
      skill: c.skill,
    }));
    return {
      id: v.id,
      rubricId: v.rubric_id,
      rubricName: v.name,
      rubricDescription: v.description,
      seedKey: v.seed_key,
      version: v.version,
      criteria,
      createdAt: v.created_at,
      updatedAt: v.updated_at,
    };
  });
}

function readTranscript(
  db: Database,
  sha256: string,
  scope: 'whole' | 'excerpts',
  windows: ClipWindow[],
): PacketTranscript | null {
  const t = getTranscript(db, sha256);
  if (!t) return null;
  const segments = t.segments.filter((s) => scope === 'whole' || overlaps(s, windows));
  const speakerIds = new Set(segments.map((s) => s.speakerId));
  return {
    scope,
    modelId: t.modelId,
    language: t.language,
    verbatim: t.verbatim,
    speakers: t.speakers
      .filter((s) => scope === 'whole' || speakerIds.has(s.id))
      .map((s) => ({ id: s.id, channel: s.channel, label: s.label, personId: s.personId, isCustomer: s.isCustomer })),
    segments: segments.map((s) => ({
      id: s.id,
      ordinal: s.ordinal,
      startSec: s.startSec,
      endSec: s.endSec,
      text: s.text,
      speakerId: s.speakerId,
      confidence: s.confidence,
      edited: s.edited,
      words: s.words,
    })),
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}
