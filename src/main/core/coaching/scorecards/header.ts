import type { Database } from 'better-sqlite3';
import type { Id, ReviewerKind, ScorecardStatus } from '../../../../shared/domain';
import { AppError } from '../../../../shared/result';
import { get, sql } from '../../db/sql';

/** A scorecard's own row with its rubric and reviewer names: enough for lists and lock checks. */
export interface ScorecardHeader {
  id: Id;
  call_id: Id | null;
  attempt_id: Id | null;
  rubric_id: Id;
  rubric_version_id: Id;
  rubric_name: string;
  rubric_version: number;
  reviewer_id: Id;
  reviewer_name: string;
  reviewer_kind: ReviewerKind;
  status: ScorecardStatus;
  strengths: string;
  submitted_at: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export const headerColumns = sql`s.id, s.call_id, s.attempt_id, v.rubric_id, s.rubric_version_id, r.name AS rubric_name,
  v.version AS rubric_version, s.reviewer_id, p.name AS reviewer_name, s.reviewer_kind, s.status, s.strengths,
  s.submitted_at, s.created_at, s.updated_at, s.deleted_at`;
export const headerFrom = sql`scorecards s JOIN rubric_versions v ON v.id = s.rubric_version_id
  JOIN rubrics r ON r.id = v.rubric_id JOIN people p ON p.id = s.reviewer_id`;

export function getHeader(db: Database, id: Id, opts: { includeDeleted?: boolean } = {}): ScorecardHeader {
  const row = get<ScorecardHeader>(db, sql`SELECT ${headerColumns} FROM ${headerFrom} WHERE s.id = ${id}`);
  if (!row || (row.deleted_at && !opts.includeDeleted))
    throw new AppError('not_found', 'That scorecard no longer exists.');
  return row;
}

/** Edits go only to drafts; the message says how to get back in. */
export function requireDraft(header: ScorecardHeader): void {
  if (header.status === 'submitted') {
    throw new AppError(
      'conflict',
      `This scorecard was submitted${header.submitted_at ? ` on ${header.submitted_at.slice(0, 10)}` : ''}, ` +
        'so it is locked. Reopen it to make changes.',
    );
  }
}

/** Whom a scorecard is about: the call's rep, or the attempt's owner (null when nobody is set). */
export function revieweeOf(db: Database, header: Pick<ScorecardHeader, 'call_id' | 'attempt_id'>): Id | null {
  const row = header.call_id
    ? get<{ id: Id | null }>(db, sql`SELECT rep_id AS id FROM calls WHERE id = ${header.call_id}`)
    : get<{ id: Id | null }>(db, sql`SELECT person_id AS id FROM attempts WHERE id = ${header.attempt_id}`);
  return row?.id ?? null;
}
