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

/** `refused`: the packet would change something it may not (not its author's key, submitted, unsigned). */
export type MergeAction = 'add' | 'update' | 'unchanged' | 'conflict' | 'skip' | 'refused';

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
  | 'transcript'
  | 'badge'
  | 'kudos'
  | 'celebration';

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

/**
 * Who signed a packet, as this library sees it: `known` — the key is already
 * recorded as theirs here; `new` — first time this library sees their key
 * (it is remembered on import). A key that contradicts the one recorded for
 * the person is refused before any preview.
 */
export interface PacketSigner {
  personId: Id;
  name: string;
  publicKey: string;
  /** First 8 bytes of the key's SHA-256 in four groups, for a person to compare. */
  fingerprint: string;
  keyStatus: 'known' | 'new';
}

export interface PacketPreview {
  /** Hand this to `packets.import` (or `packets.discard`). */
  stageId: string;
  packetId: Id;
  title: string;
  authorName: string | null;
  /** null: an unsigned packet (from an older Gamefilm) — it can only add new items. */
  signer: PacketSigner | null;
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
