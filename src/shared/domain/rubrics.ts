import type { DrillSkill } from './drills';
import type { Id, Timestamp } from './ids';

/** Every criterion is scored on the same 1–5 scale; each level has a behavioral anchor. */
export const SCORE_MIN = 1;
export const SCORE_MAX = 5;
export const RUBRIC_MIN_CRITERIA = 4;
export const RUBRIC_MAX_CRITERIA = 8;

/** Anchors for levels 1..5, in order: `anchors[0]` describes a 1. */
export type Anchors = [string, string, string, string, string];

export interface Criterion {
  id: Id;
  /** Shared by the same criterion across versions of a rubric (progress charts group by it). */
  key: Id;
  position: number;
  name: string;
  description: string;
  /** Relative; the weighted score normalizes over the criteria that were scored. */
  weight: number;
  anchors: Anchors;
  /** The drill skill this criterion trains, shared across rubrics (the practice plan matches drills by it). */
  skill: DrillSkill | null;
}

export interface RubricVersion {
  id: Id;
  rubricId: Id;
  rubricName: string;
  version: number;
  criteria: Criterion[];
  /** Scorecards (including ones in the trash) that use this version; a used version is never edited in place. */
  scorecardCount: number;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  deletedAt: Timestamp | null;
}

export interface RubricVersionSummary {
  id: Id;
  version: number;
  scorecardCount: number;
  createdAt: Timestamp;
}

export interface Rubric {
  id: Id;
  name: string;
  description: string;
  /** Set for the templates shipped with Gamefilm (resources/rubrics). */
  seedKey: string | null;
  /** The version new scorecards use. */
  latest: RubricVersion;
  /** Live versions, newest first. */
  versions: RubricVersionSummary[];
  createdAt: Timestamp;
  updatedAt: Timestamp;
  deletedAt: Timestamp | null;
}

/** A row of the rubric picker / library. */
export interface RubricSummary {
  id: Id;
  name: string;
  description: string;
  latestVersionId: Id;
  latestVersion: number;
  criteriaCount: number;
  updatedAt: Timestamp;
}
