import { useCallback, useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { AnnotationTag, KudosBadge } from '../../../../shared/domain';
import { api } from '../../api/client';
import type { BadgeIcon as BadgeIconName } from '../../../../shared/domain';
import { BADGE_ICONS } from '../../../../shared/domain';
import { BadgeIcon } from '../kudos/BadgeIcon';
import { unwrap } from '../../api/unwrap';
import { reportError } from '../../app/notices';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import './vocabulary.css';

/** A name that saves when it loses focus (Enter too); Escape puts it back. */
function NameField({ label, value, onSave }: { label: string; value: string; onSave: (name: string) => void }) {
  const [draft, setDraft] = useState(value);
  return (
    <input
      aria-label={label}
      value={draft}
      maxLength={40}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => (draft.trim() && draft.trim() !== value ? onSave(draft.trim()) : setDraft(value))}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
        if (e.key === 'Escape') setDraft(value);
      }}
    />
  );
}

function AddForm({ label, onAdd }: { label: string; onAdd: (name: string) => Promise<boolean> }) {
  const [name, setName] = useState('');
  const id = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() && (await onAdd(name.trim()))) setName('');
  };
  return (
    <form className="vocabulary-add" onSubmit={(e) => void submit(e)} aria-label={label}>
      <label htmlFor={id}>New</label>
      <input id={id} value={name} maxLength={40} onChange={(e) => setName(e.target.value)} />
      <button type="submit" className="button" disabled={!name.trim()}>
        Add
      </button>
    </form>
  );
}

/** Keeps a list in step with the core: loads once, reloads on its change event. */
function useList<T>(load: () => Promise<T[]>, event: 'annotationTags.changed' | 'kudosBadges.changed') {
  const [items, setItems] = useState<T[]>([]);
  const refresh = useCallback(() => {
    load().then(setItems, reportError);
  }, [load]);
  useEffect(() => {
    refresh();
    return api.on(event, refresh);
  }, [refresh, event]);
  return [items, refresh] as const;
}

const loadTags = () => unwrap(api.annotations.tags());
const loadBadges = () => unwrap(api.kudos.badges());

const attempt = async (pending: Promise<unknown>): Promise<boolean> => {
  try {
    await pending;
    return true;
  } catch (error) {
    reportError(error);
    return false;
  }
};

/**
 * The team's shared words: the tags a coach puts on a moment and the badges
 * kudos are given with. Removing one only takes it out of the pickers —
 * everything already tagged or given keeps it.
 */
export function VocabularySettings() {
  const [tags, refreshTags] = useList<AnnotationTag>(loadTags, 'annotationTags.changed');
  const [badges, refreshBadges] = useList<KudosBadge>(loadBadges, 'kudosBadges.changed');
  const [pending, setPending] = useState<{ kind: 'tag' | 'badge'; id: string; name: string } | null>(null);

  const change = (pendingCall: Promise<unknown>, refresh: () => void) =>
    attempt(pendingCall).then((done) => {
      refresh();
      return done;
    });

  return (
    <section className="panel" aria-labelledby="vocabulary-heading">
      <h2 id="vocabulary-heading">Tags and badges</h2>
      <div className="vocabulary">
        <div>
          <h3>Annotation tags</h3>
          <ul className="vocabulary-list" aria-label="Annotation tags">
            {tags.map((tag) => (
              <li key={`${tag.id}:${tag.name}`} aria-label={tag.name}>
                <input
                  type="color"
                  aria-label={`Colour of ${tag.name}`}
                  value={tag.color}
                  onChange={(e) =>
                    void change(api.annotations.updateTag({ id: tag.id, color: e.target.value }), refreshTags)
                  }
                />
                <NameField
                  label={`Name of tag ${tag.name}`}
                  value={tag.name}
                  onSave={(name) => void change(unwrap(api.annotations.updateTag({ id: tag.id, name })), refreshTags)}
                />
                <button
                  type="button"
                  className="button button-quiet"
                  aria-label={`Remove tag ${tag.name}`}
                  onClick={() => setPending({ kind: 'tag', id: tag.id, name: tag.name })}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <AddForm
            label="Add an annotation tag"
            onAdd={(name) => change(unwrap(api.annotations.createTag({ name })), refreshTags)}
          />
        </div>
        <div>
          <h3>Kudos badges</h3>
          <ul className="vocabulary-list vocabulary-badges" aria-label="Kudos badges">
            {badges.map((badge) => (
              <li key={`${badge.id}:${badge.name}`} aria-label={badge.name}>
                <span className="vocabulary-emoji">
                  <BadgeIcon icon={badge.icon} size={22} />
                </span>
                <select
                  aria-label={`Icon of badge ${badge.name}`}
                  value={badge.icon}
                  onChange={(e) =>
                    void change(
                      unwrap(api.kudos.updateBadge({ id: badge.id, icon: e.target.value as BadgeIconName })),
                      refreshBadges,
                    )
                  }
                >
                  {BADGE_ICONS.map((icon) => (
                    <option key={icon} value={icon}>
                      {icon}
                    </option>
                  ))}
                </select>
                <NameField
                  label={`Name of badge ${badge.name}`}
                  value={badge.name}
                  onSave={(name) => void change(unwrap(api.kudos.updateBadge({ id: badge.id, name })), refreshBadges)}
                />
                <button
                  type="button"
                  className="button button-quiet"
                  aria-label={`Remove badge ${badge.name}`}
                  onClick={() => setPending({ kind: 'badge', id: badge.id, name: badge.name })}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <AddForm
            label="Add a kudos badge"
            onAdd={(name) => change(unwrap(api.kudos.addBadge({ name })), refreshBadges)}
          />
        </div>
      </div>
      <ConfirmDialog
        open={pending !== null}
        onOpenChange={(open) => !open && setPending(null)}
        title={`Remove “${pending?.name ?? ''}”?`}
        description={
          pending?.kind === 'tag'
            ? 'It leaves the tag picker. Annotations already tagged with it keep the tag.'
            : 'It leaves the badge picker. Kudos already given with it keep the badge.'
        }
        confirmLabel="Remove"
        onConfirm={() => {
          if (!pending) return;
          if (pending.kind === 'tag') void change(unwrap(api.annotations.removeTag({ id: pending.id })), refreshTags);
          else void change(unwrap(api.kudos.removeBadge({ id: pending.id })), refreshBadges);
          setPending(null);
        }}
      />
    </section>
  );
}
