/**
 * Writes a merge plan into the library. Runs inside the caller's
 * transaction: every row of a packet lands, or none does. Rows keep the
 * ids and timestamps they had in the library that wrote them, so the same
 * packet imported twice finds everything already in place.
 */
import type { Database } from 'better-sqlite3';
import type { Id } from '../../../shared/domain';
import type { PacketManifest, PacketPerson, PacketReview, PacketScorecard } from '../../../shared/packets';
import { nowIso } from '../db/ids';
import { get, run, sql } from '../db/sql';
import type { ImportResult } from '../media';
import type { MergePlan } from './plan';
import type { PeoplePlan } from './plan-people';
import { mergePeople, resolvePersonId } from '../people/merge';
import { recordKey } from '../signing/keys';
import { recordReceipt } from '../signing/receipts';
import { applyRecognition } from '../recognition/packets';

/** The recording a new call gets (the packet's own, or the stand-in built from its clips). */
export type PlacedMedia = Pick<ImportResult, 'sha256' | 'ext' | 'sizeBytes' | 'durationSec' | 'probe' | 'peaks'>;

export interface ApplyContext {
  /** The data folder: a merge moves a signing-key file kept there. */
  dataDir: string;
  manifest: PacketManifest;
}

/** New people, merges the signer's library made, aliases and keys: what any signed packet says about people. */
export function applyPeople(
  db: Database,
  people: PacketPerson[],
  plan: Pick<PeoplePlan, 'newPeople' | 'merges' | 'aliases' | 'keys'>,
  dataDir: string,
): void {
  const now = nowIso();
  for (const p of people) {
    if (!plan.newPeople.has(p.id)) continue;
    run(
      db,
      sql`INSERT INTO people (id, name, role, email, is_me, created_at, updated_at)
          VALUES (${p.id}, ${p.name}, ${p.role}, NULL, 0, ${now}, ${now})`,
    );
  }
  // Merges first: every reference written after them resolves through them to the survivor.
  for (const m of plan.merges) mergePeople(db, dataDir, m.survivor, m.alias);
  for (const a of plan.aliases) {
    run(
      db,
      sql`INSERT OR IGNORE INTO person_aliases (alias_id, person_id, merged_at)
          VALUES (${a.aliasId}, ${resolvePersonId(db, a.personId)}, ${now})`,
    );
  }
  for (const k of plan.keys) recordKey(db, resolvePersonId(db, k.personId), k.publicKey, k.verified);
}

export function applyPlan(
  db: Database,
  review: PacketReview,
  plan: MergePlan,
  media: PlacedMedia | null,
  context: ApplyContext,
): void {
  const now = nowIso();
  const { subject } = review;
  const pid = (id: Id) => resolvePersonId(db, plan.personMap.get(id) ?? id);

  applyPeople(db, review.people, plan, context.dataDir);
  if (plan.signer) recordReceipt(db, plan.signer, plan.callId, context.manifest);

  for (const t of review.tags) {
    if (!plan.newTags.has(t.id)) continue;
    const position =
      get<{ n: number }>(db, sql`SELECT coalesce(max(position) + 1, 0) AS n FROM annotation_tags`)?.n ?? 0;
    run(
      db,
      sql`INSERT INTO annotation_tags (id, name, color, position, created_at, updated_at)
          VALUES (${t.id}, ${t.name}, ${t.color}, ${position}, ${now}, ${now})`,
    );
  }

  for (const { version: v, addRubric, seedKey, number } of plan.newRubricVersions) {
    if (addRubric) {
      run(
        db,
        sql`INSERT INTO rubrics (id, name, description, seed_key, created_at, updated_at)
            VALUES (${v.rubricId}, ${v.rubricName}, ${v.rubricDescription}, ${seedKey}, ${v.createdAt}, ${v.updatedAt})`,
      );
    }
    run(
      db,
      sql`INSERT INTO rubric_versions (id, rubric_id, version, created_at, updated_at)
          VALUES (${v.id}, ${v.rubricId}, ${number}, ${v.createdAt}, ${v.updatedAt})`,
    );
    for (const c of v.criteria) {
      run(
        db,
        sql`INSERT INTO rubric_criteria (id, rubric_version_id, key, position, name, description, weight,
              anchor_1, anchor_2, anchor_3, anchor_4, anchor_5, skill, created_at, updated_at)
            VALUES (${c.id}, ${v.id}, ${c.key}, ${c.position}, ${c.name}, ${c.description}, ${c.weight},
              ${c.anchors[0]}, ${c.anchors[1]}, ${c.anchors[2]}, ${c.anchors[3]}, ${c.anchors[4]}, ${c.skill ?? null},
              ${v.createdAt}, ${v.updatedAt})`,
      );
    }
  }

  let mediaSha: string | null = null;
  if (subject.kind === 'attempt') {
    mediaSha = applyAttempt(db, review, plan, media, now, pid);
  } else if (plan.callAction === 'add') {
    const { call } = subject;
    if (!media) throw new Error('A new call needs its recording placed first.');
    insertMedia(db, media, now);
    const repId =
      call.repId && get(db, sql`SELECT 1 FROM people WHERE id = ${pid(call.repId)}`) ? pid(call.repId) : null;
    run(
      db,
      sql`INSERT INTO calls (id, media_sha256, title, source_name, rep_id, customer, call_type, stage, call_date, notes,
            created_at, updated_at)
          VALUES (${plan.callId}, ${media.sha256}, ${call.title}, ${call.sourceName}, ${repId}, ${call.customer},
            ${call.callType}, ${call.stage}, ${call.callDate}, ${call.notes ?? ''}, ${call.createdAt}, ${call.updatedAt})`,
    );
    for (const tag of call.tags) {
      run(db, sql`INSERT OR IGNORE INTO call_tags (call_id, tag) VALUES (${plan.callId}, ${tag})`);
    }
    mediaSha = media.sha256;
  } else {
    mediaSha =
      get<{ media_sha256: string }>(db, sql`SELECT media_sha256 FROM calls WHERE id = ${plan.callId}`)?.media_sha256 ??
      null;
  }

  for (const d of plan.annotations) {
    const a = d.annotation;
    const tagId = a.tagId ? (plan.tagMap.get(a.tagId) ?? null) : null;
    if (d.action === 'add') {
      run(
        db,
        sql`INSERT INTO annotations (id, call_id, author_id, start_sec, end_sec, body, tag_id, situation, behavior, impact,
              created_at, updated_at)
            VALUES (${a.id}, ${plan.callId}, ${pid(a.authorId)}, ${a.startSec}, ${a.endSec}, ${a.body}, ${tagId},
              ${a.situation}, ${a.behavior}, ${a.impact}, ${a.createdAt}, ${a.updatedAt})`,
      );
    } else if (d.action === 'conflict') {
      if (d.conflictCopy) {
        run(
          db,
          sql`INSERT INTO annotation_replies (id, annotation_id, author_id, body, created_at, updated_at)
              VALUES (${d.conflictCopy.replyId}, ${a.id}, ${pid(d.conflictCopy.authorId)}, ${d.conflictCopy.body}, ${now}, ${now})`,
        );
      }
      if (d.takePacket) {
        run(
          db,
          sql`UPDATE annotations SET start_sec = ${a.startSec}, end_sec = ${a.endSec}, body = ${a.body}, tag_id = ${tagId},
                situation = ${a.situation}, behavior = ${a.behavior}, impact = ${a.impact}, updated_at = ${a.updatedAt}
              WHERE id = ${a.id}`,
        );
      }
    }
  }

  for (const { annotationId, reply: r, action } of plan.replies) {
    if (action === 'add') {
      run(
        db,
        sql`INSERT INTO annotation_replies (id, annotation_id, author_id, body, created_at, updated_at)
            VALUES (${r.id}, ${annotationId}, ${pid(r.authorId)}, ${r.body}, ${r.createdAt}, ${r.updatedAt})`,
      );
    } else if (action === 'update') {
      run(db, sql`UPDATE annotation_replies SET body = ${r.body}, updated_at = ${r.updatedAt} WHERE id = ${r.id}`);
    }
  }

  for (const { scorecard: s, action } of plan.scorecards) {
    if (action === 'add' || action === 'update')
      writeScorecard(db, plan, { ...s, reviewerId: pid(s.reviewerId) }, action);
  }

  for (const { scorecardId, item, action } of plan.actionItems) {
    if (action === 'add') {
      run(
        db,
        sql`INSERT INTO action_items (id, scorecard_id, text, owner_id, due_date, done_at, created_at, updated_at)
            VALUES (${item.id}, ${scorecardId}, ${item.text}, ${item.ownerId && pid(item.ownerId)}, ${item.dueDate}, ${item.doneAt},
              ${item.createdAt}, ${item.updatedAt})`,
      );
    } else if (action === 'update') {
      run(
        db,
        sql`UPDATE action_items SET text = ${item.text}, owner_id = ${item.ownerId && pid(item.ownerId)}, due_date = ${item.dueDate},
              done_at = ${item.doneAt}, updated_at = ${item.updatedAt}
            WHERE id = ${item.id}`,
      );
    }
  }

  if (plan.transcript === 'add' && review.transcript && mediaSha) writeTranscript(db, review, mediaSha, pid);

  applyRecognition(
    db,
    plan.recognition,
    subject.kind === 'call' ? { callId: plan.callId, attemptId: null } : { callId: null, attemptId: plan.callId },
    pid,
  );
}

function insertMedia(db: Database, media: PlacedMedia, now: string): void {
  const p = media.probe;
  run(
    db,
    sql`INSERT INTO media (sha256, ext, size_bytes, duration_sec, channels, source_channels, sample_rate, codec,
          format_name, has_video, video_codec, width, height, created_at)
        VALUES (${media.sha256}, ${media.ext}, ${media.sizeBytes}, ${media.durationSec}, ${media.peaks.channels},
          ${p.channels}, ${p.sampleRate}, ${p.codec}, ${p.formatName}, ${p.hasVideo}, ${p.videoCodec ?? null},
          ${p.width ?? null}, ${p.height ?? null}, ${now})
        ON CONFLICT (sha256) DO NOTHING`,
  );
}

/** An attempt packet's drill (when new) and attempt (when new); answers the attempt's recording. */
function applyAttempt(
  db: Database,
  review: PacketReview,
  plan: MergePlan,
  media: PlacedMedia | null,
  now: string,
  pid: (id: Id) => Id,
): string | null {
  const { subject } = review;
  if (subject.kind !== 'attempt' || !plan.drill) throw new Error('Expected an attempt packet.');
  const { drill: d, attempt } = subject;
  if (plan.drill.action === 'add') {
    const seedKey = d.seedKey && !get(db, sql`SELECT 1 FROM drills WHERE seed_key = ${d.seedKey}`) ? d.seedKey : null;
    run(
      db,
      sql`INSERT INTO drills (id, title, skill, persona_role, persona_company, persona_mood, prompt_text, time_limit_sec,
            rubric_id, notes, seed_key, created_at, updated_at)
          VALUES (${plan.drill.id}, ${d.title}, ${d.skill}, ${d.persona.role}, ${d.persona.company}, ${d.persona.mood},
            ${d.promptText.trim() ? d.promptText : d.title}, ${d.timeLimitSec}, ${plan.drill.rubricId}, ${d.notes},
            ${seedKey}, ${d.createdAt}, ${d.updatedAt})`,
    );
    for (const tag of d.tags) {
      run(db, sql`INSERT OR IGNORE INTO drill_tags (drill_id, tag) VALUES (${plan.drill.id}, ${tag})`);
    }
  }
  if (plan.callAction !== 'add') {
    return (
      get<{ media_sha256: string }>(db, sql`SELECT media_sha256 FROM attempts WHERE id = ${plan.callId}`)
        ?.media_sha256 ?? null
    );
  }
  if (!media) throw new Error('A new attempt needs its recording placed first.');
  insertMedia(db, media, now);
  const personId =
    attempt.personId && get(db, sql`SELECT 1 FROM people WHERE id = ${pid(attempt.personId)}`)
      ? pid(attempt.personId)
      : null;
  run(
    db,
    sql`INSERT INTO attempts (id, drill_id, person_id, media_sha256, duration_sec, created_at, updated_at)
        VALUES (${plan.callId}, ${plan.drill.id}, ${personId}, ${media.sha256}, ${attempt.durationSec},
          ${attempt.createdAt}, ${attempt.updatedAt})`,
  );
  return media.sha256;
}

function writeScorecard(db: Database, plan: MergePlan, s: PacketScorecard, action: 'add' | 'update'): void {
  const versionId = plan.rubricMap.get(s.rubricVersionId) ?? s.rubricVersionId;
  if (action === 'add') {
    run(
      db,
      sql`INSERT INTO scorecards (id, call_id, attempt_id, rubric_version_id, reviewer_id, reviewer_kind, status,
            strengths, submitted_at, created_at, updated_at)
          VALUES (${s.id}, ${plan.subjectKind === 'call' ? plan.callId : null},
            ${plan.subjectKind === 'attempt' ? plan.callId : null}, ${versionId}, ${s.reviewerId}, ${s.reviewerKind}, ${s.status}, ${s.strengths},
            ${s.submittedAt}, ${s.createdAt}, ${s.updatedAt})`,
    );
  } else {
    run(
      db,
      sql`UPDATE scorecards SET reviewer_kind = ${s.reviewerKind}, status = ${s.status}, strengths = ${s.strengths},
            submitted_at = ${s.submittedAt}, updated_at = ${s.updatedAt}
          WHERE id = ${s.id}`,
    );
  }
  for (const score of s.scores) {
    const criterionId = plan.criterionMap.get(score.criterionId) ?? score.criterionId;
    // One row per (scorecard, criterion): keep whichever id this library already has for it.
    const existing = get<{ id: Id }>(
      db,
      sql`SELECT id FROM scorecard_scores WHERE scorecard_id = ${s.id} AND criterion_id = ${criterionId}`,
    );
    const scoreId = existing?.id ?? score.id;
    if (existing) {
      run(
        db,
        sql`UPDATE scorecard_scores SET score = ${score.score}, comment = ${score.comment}, updated_at = ${score.updatedAt}
            WHERE id = ${scoreId}`,
      );
      run(db, sql`DELETE FROM score_evidence WHERE score_id = ${scoreId}`);
    } else {
      run(
        db,
        sql`INSERT INTO scorecard_scores (id, scorecard_id, criterion_id, score, comment, created_at, updated_at)
            VALUES (${scoreId}, ${s.id}, ${criterionId}, ${score.score}, ${score.comment}, ${score.createdAt}, ${score.updatedAt})`,
      );
    }
    score.evidence.forEach((e, position) => {
      // Evidence whose annotation this library keeps in its trash still points at it (hidden until restored).
      const annotationOk =
        e.annotationId === null || get(db, sql`SELECT 1 FROM annotations WHERE id = ${e.annotationId}`);
      if (!annotationOk) return;
      run(
        db,
        sql`INSERT INTO score_evidence (id, score_id, position, annotation_id, at_sec, created_at, updated_at)
            VALUES (${e.id}, ${scoreId}, ${position}, ${e.annotationId}, ${e.atSec}, ${score.updatedAt}, ${score.updatedAt})
            ON CONFLICT (id) DO UPDATE SET score_id = excluded.score_id, position = excluded.position`,
      );
    });
  }
}

function writeTranscript(db: Database, review: PacketReview, mediaSha: string, pid: (id: Id) => Id): void {
  const t = review.transcript;
  if (!t) return;
  const now = nowIso();
  const speakerMap = new Map<Id, Id>();
  for (const s of t.speakers) {
    const local =
      get<{ id: Id }>(db, sql`SELECT id FROM speakers WHERE id = ${s.id}`) ??
      (s.channel === null
        ? undefined
        : get<{ id: Id }>(
            db,
            sql`SELECT id FROM speakers WHERE media_sha256 = ${mediaSha} AND channel = ${s.channel}`,
          ));
    if (local) {
      speakerMap.set(s.id, local.id);
      continue;
    }
    const personId =
      s.personId && get(db, sql`SELECT 1 FROM people WHERE id = ${pid(s.personId)}`) ? pid(s.personId) : null;
    run(
      db,
      sql`INSERT INTO speakers (id, media_sha256, channel, label, person_id, is_customer, created_at, updated_at)
          VALUES (${s.id}, ${mediaSha}, ${s.channel}, ${s.label}, ${personId}, ${s.isCustomer}, ${now}, ${now})`,
    );
    speakerMap.set(s.id, s.id);
  }
  run(
    db,
    sql`INSERT INTO transcripts (media_sha256, model_id, language, verbatim, job_id, created_at, updated_at)
        VALUES (${mediaSha}, ${t.modelId}, ${t.language}, ${t.verbatim}, NULL, ${t.createdAt}, ${t.updatedAt})`,
  );
  // Excerpts keep their original ordinals' order but are renumbered densely (ordinals are unique per recording).
  const segments = [...t.segments].sort((a, b) => a.ordinal - b.ordinal);
  segments.forEach((s, ordinal) => {
    const segmentId = get(db, sql`SELECT 1 FROM transcript_segments WHERE id = ${s.id}`) ? null : s.id;
    if (!segmentId) return;
    run(
      db,
      sql`INSERT INTO transcript_segments (id, media_sha256, ordinal, start_sec, end_sec, text, speaker_id, confidence, edited, updated_at)
          VALUES (${segmentId}, ${mediaSha}, ${ordinal}, ${s.startSec}, ${Math.max(s.startSec, s.endSec)}, ${s.text},
            ${s.speakerId ? (speakerMap.get(s.speakerId) ?? null) : null}, ${s.confidence}, ${s.edited}, ${t.updatedAt})`,
    );
    s.words.forEach((w, j) => {
      run(
        db,
        sql`INSERT INTO transcript_words (segment_id, ordinal, start_sec, end_sec, text, confidence)
            VALUES (${segmentId}, ${j}, ${w.startSec}, ${Math.max(w.startSec, w.endSec)}, ${w.text}, ${w.confidence})`,
      );
    });
  });
}
