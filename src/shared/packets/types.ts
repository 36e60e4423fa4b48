/**
 * What the packet methods answer: export jobs, the import preview and the
 * import's outcome. The zod schemas of the file format are in schema.ts.
 */
import type { Id } from '../domain';
import type { PacketContents } from './schema';

export type PacketFileKind = 'bundle' | 'html' | 'pdf';

export interface PacketFile {
  kind: PacketFileKind;
  /** A name in the library's exports folder (download it with `api.exportUrl`). */
  fileName: string;
  /** Where the file is on this machine (what the desktop app shows). */
  path: string;
  sizeBytes: number;
}

export interface PacketExportJob {
  jobId: Id;
  /** What the packet is of: a call, or (callId null) a drill attempt. */
  callId: Id | null;
  attemptId: Id | null;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  /** 0..1 */
  fraction: number;
  /** What is happening now, for a person to read. */
  label: string;
  error: string | null;
  packetId: Id | null;
  files: PacketFile[];
}

export type MergeAction = 'add' | 'update' | 'unchanged' | 'conflict' | 'skip';

export type MergeKind =
  | 'call'
  | 'drill'
  | 'attempt'
  | 'person'
  | 'tag'
  | 'rubric'
  | 'annotation'
  | 'reply'
  | 'scorecard'
  | 'actionItem'
  | 'transcript';

/** One row of the preview: what importing will do to one thing. */
export interface MergeItem {
  kind: MergeKind;
  id: Id | string;
  action: MergeAction;
  /** A person-readable name: "Annotation at 1:23 by Cora", "Scorecard by Pia (peer)". */
  label: string;
  /** Why: "newer in the packet", "both changed: the other version is kept as a reply", … */
  detail: string | null;
}

export type MergeCounts = Record<MergeAction, number>;

export interface PacketPreview {
  /** Hand this to `packets.import` (or `packets.discard`). */
  stageId: string;
  packetId: Id;
  title: string;
  authorName: string | null;
  createdAt: string;
  appVersion: string;
  contents: PacketContents;
  /** A call's packet or a drill attempt's. */
  subjectKind: 'call' | 'attempt';
  /** The call's title, or for an attempt "<drill title> — <rep>". */
  callTitle: string;
  /** `add`: a new call (attempt); `update`/`unchanged`: merges into one already here. */
  callAction: MergeAction;
  totals: MergeCounts;
  items: MergeItem[];
  /** Nothing would change: the packet is already in this library. */
  upToDate: boolean;
}

export interface PacketImportResult {
  subjectKind: 'call' | 'attempt';
  /** The call the packet merged into (null for an attempt packet). */
  callId: Id | null;
  /** The attempt (and its drill) the packet merged into (null for a call packet). */
  attemptId: Id | null;
  drillId: Id | null;
  totals: MergeCounts;
  items: MergeItem[];
}
