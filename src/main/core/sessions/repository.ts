import type { Database } from 'better-sqlite3';
import type {
  DealTopic,
  Id,
  ReviewSession,
  ReviewSessionSummary,
  SessionCriterion,
  SessionFeedback,
  SessionItem,
  SessionItemKind,
  SessionScore,
  SessionStatus,
} from '../../../shared/domain';
import { DEAL_TOPICS } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import type { ActionItemRow } from '../coaching/scorecards/action-items';
import { actionItemColumns, toActionItem } from '../coaching/scorecards/action-items';
import { all, get, sql } from '../db/sql';
import { listKudos } from '../recognition/kudos';
import { sessionSender } from './team-folder';

export interface SessionRow {
  id: Id;
  title: string;
  session_date: string;
  template_key: string | null;
  status: SessionStatus;
  current_item_id: Id | null;
  playing: number;
  position_sec: number;
  position_at: string | null;
  notes: string;
  started_at: string | null;
  finished_at: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

interface ItemRow {
  id: Id;
  session_id: Id;
  position: number;
  kind: SessionItemKind;
  title: string;
  call_id: Id | null;
  call_title: string | null;
  rep_name: string | null;
  attempt_id: Id | null;
  attempt_title: string | null;
  sha256: string | null;
  ext: string | null;
  media_duration: number | null;
  start_sec: number | null;
  end_sec: number | null;
  rubric_version_id: Id | null;
  rubric_id: Id | null;
  rubric_name: string | null;
  timebox_sec: number;
  presenter_id: Id | null;
  facilitator_id: Id | null;
  timer_accumulated_ms: number;
  timer_started_at: string | null;
  covered_at: string | null;
}

/** A live session row, or a clear refusal. */
export function requireSession(db: Database, id: Id): SessionRow {
  const row = get<SessionRow>(db, sql`SELECT * FROM review_sessions WHERE id = ${id}`);
  if (!row || row.deleted_at) throw new AppError('not_found', 'That review session no longer exists.');
  return row;
}

export function requireItem(db: Database, id: Id): { id: Id; session_id: Id; kind: SessionItemKind } {
  const row = get<{ id: Id; session_id: Id; kind: SessionItemKind }>(
    db,
    sql`SELECT i.id, i.session_id, i.kind FROM session_items i JOIN review_sessions s ON s.id = i.session_id
        WHERE i.id = ${id} AND i.deleted_at IS NULL AND s.deleted_at IS NULL`,
  );
  if (!row) throw new AppError('not_found', 'That agenda item no longer exists.');
  return row;
}

/** The live items of a session, in agenda order, as bare rows. */
export function itemRows(db: Database, sessionId: Id): ItemRow[] {
  return all<ItemRow>(
    db,
    sql`SELECT i.id, i.session_id, i.position, i.kind, i.title, i.call_id, c.title AS call_title,
          CASE WHEN a.id IS NULL THEN cr.name ELSE ap.name END AS rep_name,
          i.attempt_id, CASE WHEN a.id IS NULL THEN NULL
            ELSE d.title || coalesce(' — ' || ap.name, '') END AS attempt_title,
          m.sha256, m.ext, coalesce(a.duration_sec, m.duration_sec) AS media_duration,
          i.start_sec, i.end_sec, i.rubric_version_id, v.rubric_id, r.name AS rubric_name, i.timebox_sec,
          i.presenter_id, i.facilitator_id, i.timer_accumulated_ms, i.timer_started_at, i.covered_at
        FROM session_items i
        LEFT JOIN calls c ON c.id = i.call_id
        LEFT JOIN people cr ON cr.id = c.rep_id
        LEFT JOIN attempts a ON a.id = i.attempt_id
        LEFT JOIN drills d ON d.id = a.drill_id
        LEFT JOIN people ap ON ap.id = a.person_id
        LEFT JOIN media m ON m.sha256 = coalesce(c.media_sha256, a.media_sha256)
        LEFT JOIN rubric_versions v ON v.id = i.rubric_version_id
        LEFT JOIN rubrics r ON r.id = v.rubric_id
        WHERE i.session_id = ${sessionId} AND i.deleted_at IS NULL
        ORDER BY i.position, i.id`,
  );
}

function criteriaOf(db: Database, versionIds: Id[]): Map<Id, SessionCriterion[]> {
  const byVersion = new Map<Id, SessionCriterion[]>();
  for (const versionId of new Set(versionIds)) {
    byVersion.set(
      versionId,
      all<SessionCriterion>(
        db,
        sql`SELECT id, name, position FROM rubric_criteria WHERE rubric_version_id = ${versionId} ORDER BY position, id`,
      ),
    );
  }
  return byVersion;
}

function toItem(
  r: ItemRow,
  criteria: Map<Id, SessionCriterion[]>,
  reviewers: Map<Id, Id[]>,
  notes: Map<Id, Record<DealTopic, string>>,
): SessionItem {
  const hasSubject =
    r.kind === 'deal' ||
    (r.kind === 'attempt' ? r.attempt_id !== null : r.call_id !== null && (r.kind === 'call' || r.end_sec !== null));
  return {
    id: r.id,
    sessionId: r.session_id,
    position: r.position,
    kind: r.kind,
    title: r.title,
    callId: r.call_id,
    callTitle: r.call_title,
    repName: r.rep_name,
    attemptId: r.attempt_id,
    attemptTitle: r.attempt_title,
    media:
      r.sha256 && r.ext && r.media_duration !== null
        ? { sha256: r.sha256, fileName: `${r.sha256}.${r.ext}`, durationSec: r.media_duration }
        : null,
    startSec: r.kind === 'clip' ? r.start_sec : null,
    endSec: r.kind === 'clip' ? r.end_sec : null,
    rubricId: r.rubric_id,
    rubricVersionId: r.rubric_version_id,
    rubricName: r.rubric_name,
    criteria: r.rubric_version_id ? (criteria.get(r.rubric_version_id) ?? []) : [],
    timeboxSec: r.timebox_sec,
    presenterId: r.presenter_id,
    facilitatorId: r.facilitator_id,
    reviewerIds: reviewers.get(r.id) ?? [],
    timer: { accumulatedMs: r.timer_accumulated_ms, startedAt: r.timer_started_at },
    coveredAt: r.covered_at,
    dealNotes: notes.get(r.id) ?? emptyNotes(),
    ready: hasSubject,
  };
}

const emptyNotes = (): Record<DealTopic, string> =>
  Object.fromEntries(DEAL_TOPICS.map((t) => [t, ''])) as Record<DealTopic, string>;

export function loadItems(db: Database, sessionId: Id): SessionItem[] {
  const rows = itemRows(db, sessionId);
  const criteria = criteriaOf(
    db,
    rows.flatMap((r) => (r.rubric_version_id ? [r.rubric_version_id] : [])),
  );
  const reviewers = new Map<Id, Id[]>();
  for (const r of all<{ item_id: Id; person_id: Id }>(
    db,
    sql`SELECT v.item_id, v.person_id FROM session_item_reviewers v
        JOIN session_items i ON i.id = v.item_id
        JOIN session_participants p ON p.session_id = i.session_id AND p.person_id = v.person_id
        WHERE i.session_id = ${sessionId} ORDER BY p.position, v.person_id, v.item_id`,
  )) {
    reviewers.set(r.item_id, [...(reviewers.get(r.item_id) ?? []), r.person_id]);
  }
  const notes = new Map<Id, Record<DealTopic, string>>();
  for (const n of all<{ item_id: Id; topic: DealTopic; body: string }>(
    db,
    sql`SELECT n.item_id, n.topic, n.body FROM session_deal_notes n JOIN session_items i ON i.id = n.item_id
        WHERE i.session_id = ${sessionId}`,
  )) {
    const record = notes.get(n.item_id) ?? emptyNotes();
    record[n.topic] = n.body;
    notes.set(n.item_id, record);
  }
  return rows.map((r) => toItem(r, criteria, reviewers, notes));
}

interface FeedbackRow {
  id: Id;
  session_id: Id;
  item_id: Id | null;
  author_id: Id | null;
  author_name: string | null;
  subject_id: Id | null;
  subject_name: string | null;
  kind: SessionFeedback['kind'];
  body: string;
  situation: string;
  behavior: string;
  impact: string;
  at_sec: number | null;
  created_at: string;
}

const toFeedback = (r: FeedbackRow): SessionFeedback => ({
  id: r.id,
  sessionId: r.session_id,
  itemId: r.item_id,
  authorId: r.author_id,
  authorName: r.author_name,
  subjectId: r.subject_id,
  subjectName: r.subject_name,
  kind: r.kind,
  body: r.body,
  situation: r.situation,
  behavior: r.behavior,
  impact: r.impact,
  atSec: r.at_sec,
  createdAt: r.created_at,
});

const feedbackSelect = sql`SELECT f.id, f.session_id, f.item_id, f.author_id, a.name AS author_name, f.subject_id,
    s.name AS subject_name, f.kind, f.body, f.situation, f.behavior, f.impact, f.at_sec, f.created_at
  FROM session_feedback f LEFT JOIN people a ON a.id = f.author_id LEFT JOIN people s ON s.id = f.subject_id`;

export function listFeedback(db: Database, sessionId: Id): SessionFeedback[] {
  return all<FeedbackRow>(
    db,
    sql`${feedbackSelect} WHERE f.session_id = ${sessionId} AND f.deleted_at IS NULL ORDER BY f.created_at, f.id`,
  ).map(toFeedback);
}

export function getFeedback(db: Database, id: Id): SessionFeedback {
  const row = get<FeedbackRow>(db, sql`${feedbackSelect} WHERE f.id = ${id} AND f.deleted_at IS NULL`);
  if (!row) throw new AppError('not_found', 'That feedback no longer exists.');
  return toFeedback(row);
}

export function listSessionActionItems(db: Database, sessionId: Id) {
  return all<ActionItemRow>(
    db,
    sql`SELECT ${actionItemColumns} FROM action_items i LEFT JOIN scorecards s ON s.id = i.scorecard_id
        WHERE i.session_id = ${sessionId} AND i.deleted_at IS NULL ORDER BY i.created_at, i.id`,
  ).map(toActionItem);
}

function listScores(db: Database, sessionId: Id): SessionScore[] {
  return all<SessionScore>(
    db,
    sql`SELECT sc.item_id AS itemId, sc.reviewer_id AS reviewerId, sc.criterion_id AS criterionId, sc.score
        FROM session_scores sc JOIN session_items i ON i.id = sc.item_id
        WHERE i.session_id = ${sessionId} AND i.deleted_at IS NULL`,
  );
}

export function participantRows(db: Database, sessionId: Id) {
  return all<{ person_id: Id; name: string; attended: number; position: number }>(
    db,
    sql`SELECT sp.person_id, p.name, sp.attended, sp.position FROM session_participants sp
        JOIN people p ON p.id = sp.person_id WHERE sp.session_id = ${sessionId} ORDER BY sp.position, sp.person_id`,
  );
}

/** The whole session as the control and presenter views show it. */
export function getSession(db: Database, id: Id): ReviewSession {
  const row = requireSession(db, id);
  return {
    id: row.id,
    title: row.title,
    date: row.session_date,
    templateKey: row.template_key,
    status: row.status,
    participants: participantRows(db, id).map((p) => ({
      personId: p.person_id,
      name: p.name,
      attended: p.attended === 1,
    })),
    items: loadItems(db, id),
    currentItemId: row.current_item_id,
    playback: { playing: row.playing === 1, positionSec: row.position_sec, at: row.position_at },
    notes: row.notes,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    feedback: listFeedback(db, id),
    actionItems: listSessionActionItems(db, id),
    kudos: listKudos(db, { sessionId: id }),
    scores: listScores(db, id),
    receivedFrom: sessionSender(db, id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function listSessions(db: Database): ReviewSessionSummary[] {
  return all<{
    id: Id;
    title: string;
    session_date: string;
    status: SessionStatus;
    item_count: number;
    participant_count: number;
    planned_sec: number;
    sender_name: string | null;
  }>(
    db,
    sql`SELECT s.id, s.title, s.session_date, s.status,
          (SELECT count(*) FROM session_items i WHERE i.session_id = s.id AND i.deleted_at IS NULL) AS item_count,
          (SELECT count(*) FROM session_participants p WHERE p.session_id = s.id) AS participant_count,
          (SELECT coalesce(sum(timebox_sec), 0) FROM session_items i WHERE i.session_id = s.id AND i.deleted_at IS NULL)
            AS planned_sec,
          (SELECT p.name FROM team_sessions t JOIN people p ON p.id = t.owner_id WHERE t.session_id = s.id)
            AS sender_name
        FROM review_sessions s WHERE s.deleted_at IS NULL
        ORDER BY s.session_date DESC, s.created_at DESC, s.id DESC`,
  ).map((r) => ({
    id: r.id,
    title: r.title,
    date: r.session_date,
    status: r.status,
    itemCount: r.item_count,
    participantCount: r.participant_count,
    plannedSec: r.planned_sec,
    receivedFrom: r.sender_name,
  }));
}
