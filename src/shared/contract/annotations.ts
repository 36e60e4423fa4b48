import { z } from 'zod';
import type { Annotation, AnnotationReply, AnnotationTag } from '../domain';
import { Id } from '../domain';
import { method, NoInput } from './define';

const Seconds = z.number().finite().min(0, 'A time in the call cannot be negative');
const Body = z.string().max(20_000, 'Keep a comment under 20,000 characters');
const SbiField = z.string().max(5_000, 'Keep each Situation–Behavior–Impact field under 5,000 characters');
const TagName = z.string().trim().min(1, 'A tag needs a name').max(40, 'Keep tag names under 40 characters');
const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #2f80ed');
const rangeEndsAfterStart = (a: { startSec?: number | undefined; endSec?: number | null | undefined }) =>
  a.endSec == null || a.startSec === undefined || a.endSec > a.startSec;
const rangeMessage = { message: 'A range must end after it starts', path: ['endSec'] };

export const annotationsContract = {
  /** The call's live annotations with their replies, sorted by start time. */
  list: method<Annotation[]>()(z.object({ callId: Id }).strict()),
  /**
   * An empty body is allowed so `M` can drop an annotation at the playhead
   * instantly; the text follows through `update` as it is typed.
   */
  create: method<Annotation>()(
    z
      .object({
        callId: Id,
        startSec: Seconds,
        endSec: Seconds.nullish(),
        body: Body.default(''),
        tagId: Id.nullish(),
        situation: SbiField.default(''),
        behavior: SbiField.default(''),
        impact: SbiField.default(''),
      })
      .strict()
      .refine(rangeEndsAfterStart, rangeMessage),
  ),
  /**
   * Saved as typed: the UI calls this (debounced) on every edit, with only
   * the fields that changed. `endSec: null` turns a range into a point.
   */
  update: method<Annotation>()(
    z
      .object({
        id: Id,
        startSec: Seconds.optional(),
        endSec: Seconds.nullable().optional(),
        body: Body.optional(),
        tagId: Id.nullable().optional(),
        situation: SbiField.optional(),
        behavior: SbiField.optional(),
        impact: SbiField.optional(),
      })
      .strict()
      .refine(rangeEndsAfterStart, rangeMessage),
  ),
  /** To the trash; answers the removed annotation so the UI can offer undo (`restore`). */
  remove: method<Annotation>()(z.object({ id: Id }).strict()),
  restore: method<Annotation>()(z.object({ id: Id }).strict()),

  reply: method<AnnotationReply>()(
    z.object({ annotationId: Id, body: Body.trim().min(1, 'A reply needs some text') }).strict(),
  ),
  updateReply: method<AnnotationReply>()(
    z.object({ id: Id, body: Body.trim().min(1, 'A reply needs some text') }).strict(),
  ),
  removeReply: method<void>()(z.object({ id: Id }).strict()),

  /** The editable tag set, in display order. */
  tags: method<AnnotationTag[]>()(NoInput),
  createTag: method<AnnotationTag>()(z.object({ name: TagName, color: Color.optional() }).strict()),
  updateTag: method<AnnotationTag>()(
    z
      .object({
        id: Id,
        name: TagName.optional(),
        color: Color.optional(),
        position: z.number().int().min(0).optional(),
      })
      .strict(),
  ),
  /** Annotations keep pointing at a removed tag (shown greyed); it just leaves the picker. */
  removeTag: method<void>()(z.object({ id: Id }).strict()),
};
