import type { Id, Timestamp } from './ids';

/** One tag of the editable set (discovery, value, objection handling, …). */
export interface AnnotationTag {
  id: Id;
  name: string;
  /** #rrggbb, used for the annotation's region on the waveform. */
  color: string;
  position: number;
}

/** The tag set a fresh library starts with; editable afterwards (seeded once, never resurrected). */
export const DEFAULT_ANNOTATION_TAGS: ReadonlyArray<{ name: string; color: string }> = [
  { name: 'discovery', color: '#2f80ed' },
  { name: 'value', color: '#27ae60' },
  { name: 'objection handling', color: '#eb5757' },
  { name: 'next steps', color: '#9b51e0' },
  { name: 'rapport', color: '#f2994a' },
  { name: 'talk track', color: '#56ccf2' },
  { name: 'risk', color: '#b5543c' },
  { name: 'win', color: '#d4a514' },
];

/**
 * What the acting person may do with a comment, decided by the policy
 * (`policy/ownership.ts`) so a page shows only the controls that will work.
 */
export interface CommentPermissions {
  edit: boolean;
  remove: boolean;
}

export interface AnnotationReply {
  id: Id;
  annotationId: Id;
  authorId: Id;
  /** The author's name, kept even when the person has since been removed. */
  authorName: string;
  body: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  can: CommentPermissions;
}

/**
 * A comment pinned to a moment of a call: a point (`endSec` null) or a range.
 * Situation–Behavior–Impact fields are optional structure on top of `body`.
 */
export interface Annotation {
  id: Id;
  callId: Id;
  authorId: Id;
  authorName: string;
  startSec: number;
  endSec: number | null;
  body: string;
  tagId: Id | null;
  situation: string;
  behavior: string;
  impact: string;
  replies: AnnotationReply[];
  /** For the person asking: edit only their own, remove their own (a coach or admin any). */
  can: CommentPermissions;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** Set only on an annotation returned by `remove` (for undo). */
  deletedAt: Timestamp | null;
}
