import type { Handlers, RequestContext } from '../../../../shared/contract';
import type { Annotation, AnnotationReply } from '../../../../shared/domain';
import type { CoreContext } from '../../context';
import { actorOf } from '../../policy/actor';
import { commentPermissions, requireAuthor, requireCanRemoveComment } from '../../policy/ownership';
import * as annotations from './repository';
import * as tags from './tags';

/** A comment as the acting person may handle it: `can` says which controls will work (the policy decides). */
function withPermissions<T extends Annotation | AnnotationReply>(item: T, ctx: RequestContext): T {
  const can = commentPermissions(ctx.actor, item.authorId);
  if (!('replies' in item)) return { ...item, can };
  return { ...item, can, replies: item.replies.map((r) => withPermissions(r, ctx)) };
}

export const annotationsHandlers = ({ db, emit }: CoreContext): Handlers['annotations'] => {
  const changed = (callId: string, ids: string[]) => emit('annotations.changed', { callId, ids });
  return {
    list: ({ callId }, ctx) => annotations.listAnnotations(db, callId).map((a) => withPermissions(a, ctx)),
    create: (input, ctx) => {
      const annotation = annotations.createAnnotation(db, { ...input, authorId: actorOf(ctx).id });
      changed(annotation.callId, [annotation.id]);
      return withPermissions(annotation, ctx);
    },
    update: (patch, ctx) => {
      requireAuthor(actorOf(ctx), annotations.getAnnotation(db, patch.id).authorId, 'annotation');
      const annotation = annotations.updateAnnotation(db, patch);
      changed(annotation.callId, [annotation.id]);
      return withPermissions(annotation, ctx);
    },
    remove: ({ id }, ctx) => {
      requireCanRemoveComment(actorOf(ctx), annotations.getAnnotation(db, id).authorId, 'annotation');
      const annotation = annotations.removeAnnotation(db, id);
      changed(annotation.callId, [id]);
      return withPermissions(annotation, ctx);
    },
    restore: ({ id }, ctx) => {
      requireCanRemoveComment(
        actorOf(ctx),
        annotations.getAnnotation(db, id, { includeDeleted: true }).authorId,
        'annotation',
      );
      const annotation = annotations.restoreAnnotation(db, id);
      changed(annotation.callId, [id]);
      return withPermissions(annotation, ctx);
    },
    reply: (input, ctx) => {
      const { callId, ...reply } = annotations.addReply(db, { ...input, authorId: actorOf(ctx).id });
      changed(callId, [reply.annotationId]);
      return withPermissions(reply, ctx);
    },
    updateReply: (input, ctx) => {
      requireAuthor(actorOf(ctx), annotations.getReply(db, input.id).authorId, 'reply');
      const { callId, ...reply } = annotations.updateReply(db, input);
      changed(callId, [reply.annotationId]);
      return withPermissions(reply, ctx);
    },
    removeReply: ({ id }, ctx) => {
      requireCanRemoveComment(actorOf(ctx), annotations.getReply(db, id).authorId, 'reply');
      const { callId, annotationId } = annotations.removeReply(db, id);
      changed(callId, [annotationId]);
    },
    tags: () => tags.listTags(db),
    createTag: (input) => {
      const tag = tags.createTag(db, input);
      emit('annotationTags.changed', { ids: [tag.id] });
      return tag;
    },
    updateTag: (input) => {
      const tag = tags.updateTag(db, input);
      emit('annotationTags.changed', { ids: [tag.id] });
      return tag;
    },
    removeTag: ({ id }) => {
      tags.removeTag(db, id);
      emit('annotationTags.changed', { ids: [id] });
    },
  };
};
