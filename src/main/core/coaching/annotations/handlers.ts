import type { Handlers } from '../../../../shared/contract';
import type { CoreContext } from '../../context';
import { actorOf } from '../../policy/actor';
import { requireAuthor, requireCanRemoveComment } from '../../policy/ownership';
import * as annotations from './repository';
import * as tags from './tags';

export const annotationsHandlers = ({ db, emit }: CoreContext): Handlers['annotations'] => {
  const changed = (callId: string, ids: string[]) => emit('annotations.changed', { callId, ids });
  return {
    list: ({ callId }) => annotations.listAnnotations(db, callId),
    create: (input, ctx) => {
      const annotation = annotations.createAnnotation(db, { ...input, authorId: actorOf(ctx).id });
      changed(annotation.callId, [annotation.id]);
      return annotation;
    },
    update: (patch, ctx) => {
      requireAuthor(actorOf(ctx), annotations.getAnnotation(db, patch.id).authorId, 'annotation');
      const annotation = annotations.updateAnnotation(db, patch);
      changed(annotation.callId, [annotation.id]);
      return annotation;
    },
    remove: ({ id }, ctx) => {
      requireCanRemoveComment(actorOf(ctx), annotations.getAnnotation(db, id).authorId, 'annotation');
      const annotation = annotations.removeAnnotation(db, id);
      changed(annotation.callId, [id]);
      return annotation;
    },
    restore: ({ id }, ctx) => {
      requireCanRemoveComment(
        actorOf(ctx),
        annotations.getAnnotation(db, id, { includeDeleted: true }).authorId,
        'annotation',
      );
      const annotation = annotations.restoreAnnotation(db, id);
      changed(annotation.callId, [id]);
      return annotation;
    },
    reply: (input, ctx) => {
      const { callId, ...reply } = annotations.addReply(db, { ...input, authorId: actorOf(ctx).id });
      changed(callId, [reply.annotationId]);
      return reply;
    },
    updateReply: (input, ctx) => {
      requireAuthor(actorOf(ctx), annotations.getReply(db, input.id).authorId, 'reply');
      const { callId, ...reply } = annotations.updateReply(db, input);
      changed(callId, [reply.annotationId]);
      return reply;
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
