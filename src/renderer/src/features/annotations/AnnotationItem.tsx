import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent, RefObject } from 'react';
import type { Annotation, AnnotationTag } from '../../../../shared/domain';
import { useCall } from '../call/store';
import { usePlayer } from '../player/store';
import { GiveKudosDialog } from '../recognition/GiveKudosDialog';
import { momentLabel, tagOf, UNTAGGED_COLOR } from './format';
import type { TextPatch } from './journal';
import { useAnnotations } from './store';

const SBI_FIELDS: ReadonlyArray<{
  key: keyof TextPatch & ('situation' | 'behavior' | 'impact');
  label: string;
  hint: string;
}> = [
  { key: 'situation', label: 'Situation', hint: 'When and where: what was going on in the call' },
  { key: 'behavior', label: 'Behavior', hint: 'What the rep said or did, observably' },
  { key: 'impact', label: 'Impact', hint: 'What it changed for the buyer or the deal' },
];

function TagPicker({ annotation, tags, label }: { annotation: Annotation; tags: AnnotationTag[]; label: string }) {
  const setTag = useAnnotations((s) => s.setTag);
  const current = tagOf(annotation, tags);
  // A tag removed from the set still shows on the annotations that use it, greyed in the picker.
  const removed = annotation.tagId !== null && !current;
  return (
    <select
      className="annotation-tag"
      aria-label={`Tag for ${label}`}
      value={annotation.tagId ?? ''}
      style={{ borderLeftColor: current?.color ?? UNTAGGED_COLOR }}
      onChange={(e) => void setTag(annotation.id, e.target.value || null)}
    >
      <option value="">No tag</option>
      {removed ? (
        <option value={annotation.tagId ?? ''} disabled>
          (removed tag)
        </option>
      ) : null}
      {tags.map((t) => (
        <option key={t.id} value={t.id}>
          {t.name}
        </option>
      ))}
    </select>
  );
}

function Replies({ annotation, label }: { annotation: Annotation; label: string }) {
  const { reply, removeReply } = useAnnotations();
  const [draft, setDraft] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (draft.trim() && (await reply(annotation.id, draft.trim()))) setDraft('');
  };
  return (
    <div className="annotation-replies">
      {annotation.replies.length ? (
        <ul aria-label={`Replies to ${label}`}>
          {annotation.replies.map((r) => (
            <li key={r.id}>
              <span className="annotation-author">{r.authorName}</span> {r.body}
              {r.can.remove ? (
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Delete reply by ${r.authorName}`}
                  onClick={() => void removeReply(r)}
                >
                  ×
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <form className="annotation-reply-form" onSubmit={(e) => void submit(e)}>
        <input
          aria-label={`Reply to ${label}`}
          placeholder="Reply…"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" className="button button-quiet" disabled={!draft.trim()}>
          Reply
        </button>
      </form>
    </div>
  );
}

/** Someone else's comment: read, not edited (the core would refuse; `can` says so ahead). */
function ReadOnlyComment({ annotation, moment, tagName }: { annotation: Annotation; moment: string; tagName: string }) {
  return (
    <>
      <p className="annotation-body annotation-body-read" aria-label={`Comment ${moment}`}>
        {annotation.body || <span className="hint">(no words yet)</span>}
      </p>
      {annotation.situation || annotation.behavior || annotation.impact ? (
        <dl className="annotation-sbi-read">
          {SBI_FIELDS.filter((f) => annotation[f.key]).map((f) => (
            <div key={f.key}>
              <dt>{f.label}</dt>
              <dd>{annotation[f.key]}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <span className="visually-hidden">Tag: {tagName}</span>
    </>
  );
}

/**
 * One annotation in the list: its moment (click to play), tag, author, comment, optional SBI, replies.
 * Only the controls the core says the viewer may use are shown (`annotation.can`).
 */
export function AnnotationItem({ annotation, tags }: { annotation: Annotation; tags: AnnotationTag[] }) {
  const { remove, focused } = useAnnotations();
  const focusMe = useAnnotations((s) => s.focusId === annotation.id);
  const body = useRef<HTMLTextAreaElement>(null);
  const bodyId = useId();
  const moment = momentLabel(annotation);
  const label = `${annotation.endSec === null ? 'comment at' : 'comment on'} ${moment}`;
  const hasSbi = Boolean(annotation.situation || annotation.behavior || annotation.impact);

  useEffect(() => {
    if (!focusMe || !body.current) return;
    body.current.focus();
    body.current.scrollIntoView({ block: 'nearest' });
    focused();
  }, [focusMe, focused]);

  const tag = tagOf(annotation, tags);
  return (
    <li
      className="annotation"
      aria-label={`Annotation ${moment}`}
      style={{ borderLeftColor: tag?.color ?? UNTAGGED_COLOR }}
    >
      <div className="annotation-head">
        <button
          type="button"
          className="annotation-time"
          aria-label={`Play from ${moment}`}
          onClick={() => usePlayer.getState().seek(annotation.startSec)}
        >
          {annotation.endSec === null ? '◆' : '▬'} {moment}
        </button>
        {annotation.can.edit ? (
          <TagPicker annotation={annotation} tags={tags} label={label} />
        ) : tag ? (
          <span className="annotation-tag annotation-tag-read" style={{ borderLeftColor: tag.color }}>
            {tag.name}
          </span>
        ) : null}
        <span className="annotation-author" title="Author">
          {annotation.authorName}
        </span>
        <GiveKudosDialog
          on={{ kind: 'annotation', annotationId: annotation.id }}
          recipientId={useCall.getState().call?.repId ?? null}
          what={`the moment at ${moment}`}
          label="Kudos"
          ariaLabel={`Give kudos for the moment at ${moment}`}
          className="button button-quiet"
        />
        {annotation.can.remove ? (
          <button
            type="button"
            className="button button-quiet annotation-delete"
            aria-label={`Delete annotation ${moment}`}
            onClick={() => void remove(annotation)}
          >
            Delete
          </button>
        ) : null}
      </div>
      {annotation.can.edit ? (
        <EditableComment annotation={annotation} moment={moment} hasSbi={hasSbi} body={body} bodyId={bodyId} />
      ) : (
        <ReadOnlyComment annotation={annotation} moment={moment} tagName={tag?.name ?? 'none'} />
      )}
      <Replies annotation={annotation} label={label} />
    </li>
  );
}

function EditableComment({
  annotation,
  moment,
  hasSbi,
  body,
  bodyId,
}: {
  annotation: Annotation;
  moment: string;
  hasSbi: boolean;
  body: RefObject<HTMLTextAreaElement | null>;
  bodyId: string;
}) {
  const { editText, flush } = useAnnotations();
  return (
    <>
      <label htmlFor={bodyId} className="visually-hidden">
        Comment {moment}
      </label>
      <textarea
        ref={body}
        id={bodyId}
        className="annotation-body"
        rows={2}
        placeholder="What happened here?"
        value={annotation.body}
        onChange={(e) => editText(annotation.id, { body: e.target.value })}
        onBlur={() => flush(annotation.id)}
      />
      <details className="annotation-sbi" open={hasSbi || undefined}>
        <summary>Situation – Behavior – Impact</summary>
        {SBI_FIELDS.map((f) => (
          <label key={f.key} className="field">
            <span>{f.label}</span>
            <textarea
              rows={2}
              aria-label={`${f.label} ${moment}`}
              placeholder={f.hint}
              value={annotation[f.key]}
              onChange={(e) => editText(annotation.id, { [f.key]: e.target.value })}
              onBlur={() => flush(annotation.id)}
            />
          </label>
        ))}
      </details>
    </>
  );
}
