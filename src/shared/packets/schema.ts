/**
 * The `.gamefilm` packet format: what another copy of Gamefilm trusts only
 * after these schemas accept it. Both sides use the same definitions — the
 * exporter validates what it writes, the importer what it reads — so a packet
 * this version writes is always one it can read.
 *
 * Subjects: `subject` is a union on `kind` (`call`, and `attempt` for a drill
 * attempt; a set of clips from several calls would add a member), and
 * clips are a top-level list that points at the subject by time, not by call.
 */
import { z } from 'zod';
import {
  BADGE_ICONS,
  BuyerMood,
  CallType,
  CELEBRATION_KINDS,
  DrillSkill,
  Id,
  IsoDate,
  MediaSha256,
  PersonRole,
  REVIEWER_KINDS,
} from '../domain';

export const PACKET_FORMAT = 'gamefilm-packet';
/** Bump on any change a reader of the previous version could misread; add a step in migrate.ts. */
export const PACKET_SCHEMA_VERSION = 2;
export const PACKET_EXTENSION = '.gamefilm';
export const MANIFEST_ENTRY = 'manifest.json';
export const REVIEW_ENTRY = 'review.json';
export const HTML_ENTRY = 'review.html';
export const PDF_ENTRY = 'review.pdf';
/** The author's Ed25519 signature over manifest.json's exact bytes (base64); the one entry the manifest cannot list. */
export const SIGNATURE_ENTRY = 'manifest.sig';

/** ISO-8601 as stored in the database (`2026-01-02T03:04:05.678Z`). */
const Timestamp = z.iso.datetime({ offset: true, message: 'Expected an ISO-8601 timestamp' });
const Seconds = z.number().finite().min(0);
const Text = (max: number) => z.string().max(max);
/** Entry names are plain relative paths: one optional folder, safe characters only (see zip-read.ts). */
export const EntryName = z
  .string()
  .regex(/^(?:[a-z]+\/)?[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/, 'Unexpected file name in the packet')
  .refine((n) => !n.split('/').includes('..'), 'Unexpected file name in the packet');
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'Expected a SHA-256 in lowercase hex');

/** Raw Ed25519 public key, base64url (32 bytes → 43 characters). */
export const PublicKey = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'Expected an Ed25519 public key');

export const PacketPerson = z
  .object({
    id: Id,
    name: Text(120).min(1),
    /** Packets from before roles were reworked may say 'manager': that role scored as a coach. */
    role: z.union([PersonRole, z.literal('manager').transform(() => 'coach' as const)]),
    /** The keys this person signs packets with, as the exporting library knows them (format 2). */
    publicKeys: z.array(PublicKey).max(20),
    /** Records merged into this one in the exporting library; importers merge them too (format 2). */
    aliases: z.array(Id).max(50),
  })
  .strict();
export type PacketPerson = z.infer<typeof PacketPerson>;

export const PacketCall = z
  .object({
    id: Id,
    title: Text(200).min(1),
    sourceName: Text(300),
    repId: Id.nullable(),
    customer: Text(200),
    callType: CallType,
    stage: Text(80),
    callDate: IsoDate.nullable(),
    tags: z.array(Text(40).min(1)).max(30),
    /** Private: null unless the person chose to include private notes. */
    notes: Text(20_000).nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .strict();
export type PacketCall = z.infer<typeof PacketCall>;

/** The recording the call's times refer to. `file` is set only when the whole recording travels. */
export const PacketMedia = z
  .object({
    sha256: MediaSha256,
    ext: z.string().regex(/^[a-z0-9]{1,8}$/),
    sizeBytes: z.number().int().min(0),
    durationSec: Seconds,
    channels: z.number().int().min(1).max(8),
    hasVideo: z.boolean(),
    file: EntryName.nullable(),
  })
  .strict();
export type PacketMedia = z.infer<typeof PacketMedia>;

export const PacketClip = z
  .object({
    id: Id,
    /** Where the clip sits in the subject's recording. */
    startSec: Seconds,
    endSec: Seconds,
    file: EntryName,
    mimeType: z.enum(['audio/ogg', 'audio/mp4']),
    annotationIds: z.array(Id).max(500),
  })
  .strict()
  .refine((c) => c.endSec > c.startSec, { message: 'A clip must end after it starts', path: ['endSec'] });
export type PacketClip = z.infer<typeof PacketClip>;

export const PacketTag = z
  .object({ id: Id, name: Text(40).min(1), color: z.string().regex(/^#[0-9a-fA-F]{6}$/) })
  .strict();
export type PacketTag = z.infer<typeof PacketTag>;

export const PacketReply = z
  .object({
    id: Id,
    authorId: Id,
    body: Text(20_000).min(1),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .strict();
export type PacketReply = z.infer<typeof PacketReply>;

export const PacketAnnotation = z
  .object({
    id: Id,
    authorId: Id,
    startSec: Seconds,
    endSec: Seconds.nullable(),
    body: Text(20_000),
    tagId: Id.nullable(),
    situation: Text(5_000),
    behavior: Text(5_000),
    impact: Text(5_000),
    replies: z.array(PacketReply).max(1_000),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .strict()
  .refine((a) => a.endSec === null || a.endSec > a.startSec, {
    message: 'A range must end after it starts',
    path: ['endSec'],
  });
export type PacketAnnotation = z.infer<typeof PacketAnnotation>;

const Anchor = Text(2_000).min(1);
export const PacketCriterion = z
  .object({
    id: Id,
    key: Id,
    position: z.number().int().min(0),
    name: Text(120).min(1),
    description: Text(2_000),
    weight: z.number().positive().finite(),
    anchors: z.tuple([Anchor, Anchor, Anchor, Anchor, Anchor]),
    /** The drill skill the criterion trains (the practice plan's match across rubrics); absent in older packets. */
    skill: DrillSkill.nullable().default(null),
  })
  .strict();
export type PacketCriterion = z.infer<typeof PacketCriterion>;

/** The one rubric version a scorecard in the packet uses (never the whole rubric history). */
export const PacketRubricVersion = z
  .object({
    id: Id,
    rubricId: Id,
    rubricName: Text(200).min(1),
    rubricDescription: Text(2_000),
    /** Set for the templates shipped with Gamefilm: lets libraries that seeded them separately match up. */
    seedKey: Text(80).nullable(),
    version: z.number().int().min(1),
    criteria: z.array(PacketCriterion).min(1).max(20),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .strict();
export type PacketRubricVersion = z.infer<typeof PacketRubricVersion>;

export const PacketEvidence = z.union([
  z.object({ id: Id, annotationId: Id, atSec: z.null() }).strict(),
  z.object({ id: Id, annotationId: z.null(), atSec: Seconds }).strict(),
]);
export type PacketEvidence = z.infer<typeof PacketEvidence>;

export const PacketScore = z
  .object({
    id: Id,
    criterionId: Id,
    score: z.number().int().min(1).max(5).nullable(),
    comment: Text(20_000),
    evidence: z.array(PacketEvidence).max(50),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .strict();
export type PacketScore = z.infer<typeof PacketScore>;

export const PacketActionItem = z
  .object({
    id: Id,
    text: Text(2_000).min(1),
    ownerId: Id.nullable(),
    dueDate: IsoDate.nullable(),
    doneAt: Timestamp.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .strict();
export type PacketActionItem = z.infer<typeof PacketActionItem>;

export const PacketScorecard = z
  .object({
    id: Id,
    rubricVersionId: Id,
    reviewerId: Id,
    reviewerKind: z.enum(REVIEWER_KINDS),
    status: z.enum(['draft', 'submitted']),
    strengths: Text(20_000),
    submittedAt: Timestamp.nullable(),
    scores: z.array(PacketScore).max(20),
    actionItems: z.array(PacketActionItem).max(500),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .strict()
  .refine((s) => (s.status === 'submitted') === (s.submittedAt !== null), {
    message: 'A submitted scorecard needs its submission time',
    path: ['submittedAt'],
  });
export type PacketScorecard = z.infer<typeof PacketScorecard>;

export const PacketSpeaker = z
  .object({
    id: Id,
    channel: z.number().int().min(0).nullable(),
    label: Text(120).min(1),
    personId: Id.nullable(),
    isCustomer: z.boolean(),
  })
  .strict();

export const PacketSegment = z
  .object({
    id: Id,
    ordinal: z.number().int().min(0),
    startSec: Seconds,
    endSec: Seconds,
    text: Text(20_000),
    speakerId: Id.nullable(),
    confidence: z.number().min(0).max(1).nullable(),
    edited: z.boolean(),
    words: z
      .array(
        z
          .object({
            text: Text(200),
            startSec: Seconds,
            endSec: Seconds,
            confidence: z.number().min(0).max(1).nullable(),
          })
          .strict(),
      )
      .max(5_000),
  })
  .strict();
export type PacketSegment = z.infer<typeof PacketSegment>;

export const PacketTranscript = z
  .object({
    /** `excerpts`: only the segments that overlap the clips. */
    scope: z.enum(['whole', 'excerpts']),
    modelId: Text(80).min(1),
    language: Text(20).nullable(),
    verbatim: z.boolean(),
    speakers: z.array(PacketSpeaker).max(50),
    segments: z.array(PacketSegment).max(200_000),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .strict();
export type PacketTranscript = z.infer<typeof PacketTranscript>;

/** The drill an attempt answers: what the rep heard and is scored against (the prompt clip stays home). */
export const PacketDrill = z
  .object({
    id: Id,
    title: Text(200).min(1),
    skill: DrillSkill,
    persona: z.object({ role: Text(120), company: Text(120), mood: BuyerMood }).strict(),
    promptText: Text(5_000),
    timeLimitSec: z.number().int().min(10).max(300),
    /** "What good sounds like". */
    notes: Text(20_000),
    tags: z.array(Text(40).min(1)).max(30),
    /** The rubric the drill is scored on, by reference (its versions travel with the scorecards). */
    rubric: z
      .object({ id: Id, name: Text(200).min(1), seedKey: Text(80).nullable() })
      .strict()
      .nullable(),
    /** Set for the starter drills: libraries that seeded them separately match up by it. */
    seedKey: Text(80).nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .strict();
export type PacketDrill = z.infer<typeof PacketDrill>;

export const PacketAttempt = z
  .object({
    id: Id,
    drillId: Id,
    /** The rep who answered. */
    personId: Id.nullable(),
    durationSec: Seconds,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .strict();
export type PacketAttempt = z.infer<typeof PacketAttempt>;

/** A kudos badge as the exporting library names it; matched by id, then by name, else added. */
export const PacketBadge = z.object({ id: Id, name: Text(40).min(1), icon: z.enum(BADGE_ICONS) }).strict();
export type PacketBadge = z.infer<typeof PacketBadge>;

/** Kudos given on the packet's subject (a moment, an annotation, a scorecard of it). Never edited: added or known. */
export const PacketKudos = z
  .object({
    id: Id,
    giverId: Id,
    recipientId: Id,
    badgeId: Id.nullable(),
    reason: Text(280),
    annotationId: Id.nullable(),
    scorecardId: Id.nullable(),
    atSec: Seconds.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .strict()
  .refine((k) => k.badgeId !== null || k.reason.trim().length > 0, {
    message: 'Kudos need a badge or a message',
    path: ['reason'],
  })
  .refine((k) => k.giverId !== k.recipientId, { message: 'Kudos are never to oneself', path: ['recipientId'] });
export type PacketKudos = z.infer<typeof PacketKudos>;

/** An automatic celebration about the subject; matched by its natural key (kind, person, subject, period). */
export const PacketCelebration = z
  .object({
    id: Id,
    kind: z.enum(CELEBRATION_KINDS),
    personId: Id,
    subjectKey: Text(200).min(1),
    period: Text(100),
    title: Text(300).min(1),
    scorecardId: Id.nullable(),
    occurredAt: Timestamp,
  })
  .strict();
export type PacketCelebration = z.infer<typeof PacketCelebration>;

/**
 * Added to format 1 without a version bump: a call packet reads exactly as
 * before, and an attempt packet is a member an older Gamefilm refuses as
 * invalid data rather than misreads.
 */
export const PacketSubject = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('call'), call: PacketCall, media: PacketMedia }).strict(),
  z.object({ kind: z.literal('attempt'), drill: PacketDrill, attempt: PacketAttempt, media: PacketMedia }).strict(),
]);
export type PacketSubject = z.infer<typeof PacketSubject>;

export const PacketContents = z
  .object({
    media: z.enum(['whole', 'clips']),
    contextSec: z.number().min(0).max(120),
    transcript: z.enum(['whole', 'excerpts', 'none']),
    annotations: z.boolean(),
    scorecards: z.boolean(),
    actionItems: z.boolean(),
    privateNotes: z.boolean(),
  })
  .strict();
export type PacketContents = z.infer<typeof PacketContents>;

/** review.json */
export const PacketReview = z
  .object({
    schemaVersion: z.literal(PACKET_SCHEMA_VERSION),
    subject: PacketSubject,
    people: z.array(PacketPerson).max(1_000),
    tags: z.array(PacketTag).max(200),
    rubricVersions: z.array(PacketRubricVersion).max(50),
    annotations: z.array(PacketAnnotation).max(10_000),
    scorecards: z.array(PacketScorecard).max(200),
    clips: z.array(PacketClip).max(2_000),
    transcript: PacketTranscript.nullable(),
    // Recognition (issue 15): absent from older packets, which read as none.
    badges: z.array(PacketBadge).max(200).default([]),
    kudos: z.array(PacketKudos).max(5_000).default([]),
    celebrations: z.array(PacketCelebration).max(1_000).default([]),
  })
  .strict()
  .superRefine((review, ctx) => {
    // Every reference resolves inside the packet: the importer never has to guess.
    const people = new Set(review.people.map((p) => p.id));
    const tags = new Set(review.tags.map((t) => t.id));
    const annotations = new Set(review.annotations.map((a) => a.id));
    const criteria = new Map(review.rubricVersions.map((v) => [v.id, new Set(v.criteria.map((c) => c.id))]));
    const missing = (path: Array<string | number>, what: string) =>
      ctx.addIssue({ code: 'custom', path, message: `${what} is not in the packet` });
    const subject = review.subject;
    if (subject.kind === 'call') {
      if (subject.call.repId !== null && !people.has(subject.call.repId))
        missing(['subject', 'call', 'repId'], 'The rep');
    } else {
      const { attempt } = subject;
      if (attempt.personId !== null && !people.has(attempt.personId))
        missing(['subject', 'attempt', 'personId'], 'The rep');
      if (attempt.drillId !== subject.drill.id)
        ctx.addIssue({
          code: 'custom',
          path: ['subject', 'attempt', 'drillId'],
          message: 'The attempt’s drill is not in the packet',
        });
      // An attempt is short: its whole recording always travels, and nothing is annotated on it.
      if (subject.media.file === null)
        ctx.addIssue({
          code: 'custom',
          path: ['subject', 'media', 'file'],
          message: 'The attempt’s recording is not in the packet',
        });
      if (review.annotations.length > 0)
        ctx.addIssue({ code: 'custom', path: ['annotations'], message: 'An attempt packet has no annotations' });
    }
    review.annotations.forEach((a, i) => {
      if (!people.has(a.authorId)) missing(['annotations', i, 'authorId'], 'An annotation’s author');
      if (a.tagId !== null && !tags.has(a.tagId)) missing(['annotations', i, 'tagId'], 'An annotation’s tag');
      a.replies.forEach((r, j) => {
        if (!people.has(r.authorId)) missing(['annotations', i, 'replies', j, 'authorId'], 'A reply’s author');
      });
    });
    const badges = new Set(review.badges.map((b) => b.id));
    const scorecardIds = new Set(review.scorecards.map((s) => s.id));
    review.kudos.forEach((k, i) => {
      if (!people.has(k.giverId)) missing(['kudos', i, 'giverId'], 'A kudos giver');
      if (!people.has(k.recipientId)) missing(['kudos', i, 'recipientId'], 'A kudos recipient');
      if (k.badgeId !== null && !badges.has(k.badgeId)) missing(['kudos', i, 'badgeId'], 'A kudos badge');
      if (k.annotationId !== null && !annotations.has(k.annotationId))
        missing(['kudos', i, 'annotationId'], 'A kudos annotation');
      if (k.scorecardId !== null && !scorecardIds.has(k.scorecardId))
        missing(['kudos', i, 'scorecardId'], 'A kudos scorecard');
    });
    review.celebrations.forEach((c, i) => {
      if (!people.has(c.personId)) missing(['celebrations', i, 'personId'], 'A celebrated person');
    });
    review.scorecards.forEach((s, i) => {
      const known = criteria.get(s.rubricVersionId);
      if (!known) missing(['scorecards', i, 'rubricVersionId'], 'A scorecard’s rubric');
      if (!people.has(s.reviewerId)) missing(['scorecards', i, 'reviewerId'], 'A scorecard’s reviewer');
      s.scores.forEach((score, j) => {
        if (known && !known.has(score.criterionId)) missing(['scorecards', i, 'scores', j], 'A scored criterion');
        score.evidence.forEach((e, k) => {
          if (e.annotationId !== null && !annotations.has(e.annotationId))
            missing(['scorecards', i, 'scores', j, 'evidence', k], 'An evidence annotation');
        });
      });
      s.actionItems.forEach((item, j) => {
        if (item.ownerId !== null && !people.has(item.ownerId))
          missing(['scorecards', i, 'actionItems', j, 'ownerId'], 'An action item’s owner');
      });
    });
  });
export type PacketReview = z.infer<typeof PacketReview>;

export const PacketEntry = z.object({ name: EntryName, sha256: Sha256, size: z.number().int().min(0) }).strict();
export type PacketEntry = z.infer<typeof PacketEntry>;

/**
 * manifest.json of any signed bundle: read first, and the only entry not
 * listed in itself. A review packet's must list review.json (below); a team
 * change file about a person has records only.
 */
export const BundleManifest = z
  .object({
    format: z.literal(PACKET_FORMAT),
    schemaVersion: z.literal(PACKET_SCHEMA_VERSION),
    packetId: Id,
    appVersion: Text(40).min(1),
    createdAt: Timestamp,
    /** Who made and signed the packet; `publicKey` null for an unsigned packet (format 1, or no "me"). */
    author: z
      .object({ id: Id, name: Text(120).min(1), publicKey: PublicKey.nullable() })
      .strict()
      .nullable(),
    title: Text(300).min(1),
    contents: PacketContents,
    entries: z.array(PacketEntry).min(1).max(5_000),
  })
  .strict()
  .refine((m) => new Set(m.entries.map((e) => e.name)).size === m.entries.length, {
    message: 'An entry is listed twice',
    path: ['entries'],
  });

/** manifest.json of a review packet. */
export const PacketManifest = BundleManifest.refine((m) => m.entries.some((e) => e.name === REVIEW_ENTRY), {
  message: 'The review data (review.json) is not listed',
  path: ['entries'],
});
export type PacketManifest = z.infer<typeof PacketManifest>;
