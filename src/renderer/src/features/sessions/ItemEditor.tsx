import { useEffect, useState } from 'react';
import type {
  Annotation,
  Attempt,
  Call,
  DrillSummary,
  Id,
  ReviewSession,
  RubricSummary,
  SessionItem,
} from '../../../../shared/domain';
import { SESSION_ITEM_KIND_LABELS } from '../../../../shared/domain';
import { api } from '../../api/client';
import { unwrap } from '../../api/unwrap';
import { clock, itemLabel, parseClock, useSession } from './store';

/** What the agenda's pickers offer: calls, rubrics and drills in the library. */
export interface Choices {
  calls: Call[];
  rubrics: RubricSummary[];
  drills: DrillSummary[];
}

type ItemChange = Omit<Parameters<typeof api.sessions.updateItem>[0], 'id'>;

/** A point comment becomes a clip from a little before it to a little after. */
const POINT_BEFORE_SEC = 5;
const POINT_AFTER_SEC = 25;

/**
 * The call's annotated moments, to set a clip's start and end in one pick
 * instead of typing m:ss: a range comment as it is, a point comment with a
 * little context around it.
 */
function MomentPicker({
  item,
  calls,
  onChange,
}: {
  item: SessionItem;
  calls: Call[];
  onChange: (c: ItemChange) => void;
}) {
  const callId = item.callId;
  const [moments, setMoments] = useState<Annotation[]>([]);
  useEffect(() => {
    if (!callId) return;
    let live = true;
    unwrap(api.annotations.list({ callId }))
      .then((list) => live && setMoments(list))
      .catch(() => live && setMoments([]));
    return () => {
      live = false;
    };
  }, [callId]);
  const duration = calls.find((c) => c.id === callId)?.media.durationSec ?? Infinity;
  const label = (a: Annotation) =>
    `${clock(a.startSec)}${a.endSec !== null ? `–${clock(a.endSec)}` : ''} ${a.body.length > 60 ? `${a.body.slice(0, 59)}…` : a.body}`;
  return (
    <div className="field field-pair">
      <label htmlFor={`moment-${item.id}`}>Clip of an annotated moment</label>
      <select
        id={`moment-${item.id}`}
        value=""
        disabled={moments.length === 0}
        onChange={(e) => {
          const a = moments.find((m) => m.id === e.target.value);
          if (!a) return;
          const startSec = a.endSec !== null ? a.startSec : Math.max(0, a.startSec - POINT_BEFORE_SEC);
          const endSec = Math.min(duration, a.endSec ?? a.startSec + POINT_AFTER_SEC);
          onChange({ startSec, endSec });
        }}
      >
        <option value="">{moments.length ? 'Choose a moment…' : 'No annotated moments on this call'}</option>
        {moments.map((a) => (
          <option key={a.id} value={a.id}>
            {label(a)}
          </option>
        ))}
      </select>
    </div>
  );
}

function AttemptPicker({
  item,
  drills,
  onChange,
}: {
  item: SessionItem;
  drills: DrillSummary[];
  onChange: (c: ItemChange) => void;
}) {
  const [drillId, setDrillId] = useState<Id | ''>('');
  const [attempts, setAttempts] = useState<Attempt[]>([]);
  useEffect(() => {
    if (!drillId) return;
    let live = true;
    unwrap(api.drills.history({ drillId }))
      .then((h) => live && setAttempts([...h.attempts].reverse()))
      .catch(() => live && setAttempts([]));
    return () => {
      live = false;
    };
  }, [drillId]);
  const withAttempts = drills.filter((d) => d.attemptCount > 0);
  return (
    <>
      <div className="field field-pair">
        <label htmlFor={`drill-${item.id}`}>Drill</label>
        <select id={`drill-${item.id}`} value={drillId} onChange={(e) => setDrillId(e.target.value)}>
          <option value="">{withAttempts.length ? 'Choose a drill…' : 'No recorded attempts yet'}</option>
          {withAttempts.map((d) => (
            <option key={d.id} value={d.id}>
              {d.title} ({d.attemptCount})
            </option>
          ))}
        </select>
      </div>
      <div className="field field-pair">
        <label htmlFor={`attempt-${item.id}`}>Attempt</label>
        <select
          id={`attempt-${item.id}`}
          value={item.attemptId ?? ''}
          onChange={(e) => e.target.value && onChange({ attemptId: e.target.value })}
        >
          <option value="">{item.attemptTitle ?? 'Choose an attempt…'}</option>
          {attempts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.personName ?? 'Someone'} · {new Date(a.createdAt).toLocaleString()} · {clock(a.durationSec)}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}

/** A time field that saves once it reads as a time (m:ss). */
function ClockField({
  id,
  label,
  value,
  onSave,
}: {
  id: string;
  label: string;
  value: number | null;
  onSave: (sec: number) => void;
}) {
  const [text, setText] = useState(value === null ? '' : clock(value));
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={text}
        placeholder="m:ss"
        inputMode="numeric"
        onChange={(e) => setText(e.target.value)}
        onBlur={() => {
          const sec = parseClock(text);
          if (sec !== null && sec !== value) onSave(sec);
        }}
      />
    </div>
  );
}

/** One agenda item being planned: its subject, time box, rubric and roles. */
/** One role on an item (presenter, facilitator): a participant, or nobody yet. */
function PersonSelect({
  label,
  id,
  people,
  value,
  onChange,
}: {
  label: string;
  id: string;
  people: ReadonlyArray<{ personId: string; name: string }>;
  value: string | null;
  onChange: (personId: string | null) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">Nobody yet</option>
        {people.map((p) => (
          <option key={p.personId} value={p.personId}>
            {p.name}
          </option>
        ))}
      </select>
    </div>
  );
}

export function ItemEditor({
  session,
  item,
  choices,
}: {
  session: ReviewSession;
  item: SessionItem;
  choices: Choices;
}) {
  const apply = useSession((s) => s.apply);
  const change = (c: ItemChange) => void apply(api.sessions.updateItem({ id: item.id, ...c }));
  const people = session.participants;
  const n = item.position + 1;
  const isRecording = item.kind === 'clip' || item.kind === 'call';
  return (
    <li className="agenda-item" aria-label={`Item ${n}: ${itemLabel(item)}`}>
      <div className="agenda-item-head">
        <h3>
          {n}. {SESSION_ITEM_KIND_LABELS[item.kind]}
        </h3>
        {!item.ready ? (
          <span className="waiting-badge">{item.kind === 'attempt' ? 'Choose an attempt' : 'Choose a call'}</span>
        ) : null}
        <button
          type="button"
          className="button button-quiet"
          disabled={item.position === 0}
          aria-label={`Move item ${n} up`}
          onClick={() => void apply(api.sessions.moveItem({ id: item.id, position: item.position - 1 }))}
        >
          ↑
        </button>
        <button
          type="button"
          className="button button-quiet"
          disabled={item.position === session.items.length - 1}
          aria-label={`Move item ${n} down`}
          onClick={() => void apply(api.sessions.moveItem({ id: item.id, position: item.position + 1 }))}
        >
          ↓
        </button>
        <button
          type="button"
          className="button button-quiet"
          aria-label={`Remove item ${n}`}
          onClick={() => void apply(api.sessions.removeItem({ id: item.id }))}
        >
          Remove
        </button>
      </div>
      <div className="field">
        <label htmlFor={`title-${item.id}`}>Title</label>
        <input
          id={`title-${item.id}`}
          defaultValue={item.title}
          key={item.title}
          onBlur={(e) => e.target.value !== item.title && change({ title: e.target.value })}
        />
      </div>
      {isRecording ? (
        <div className="field field-pair">
          <label htmlFor={`call-${item.id}`}>Call</label>
          <select
            id={`call-${item.id}`}
            value={item.callId ?? ''}
            onChange={(e) => {
              const call = choices.calls.find((c) => c.id === e.target.value);
              if (!call) return;
              // A clip starts as the first minute (or the whole call if shorter); the times refine it.
              const end = Math.min(60, Math.floor(call.media.durationSec * 1000) / 1000);
              change(item.kind === 'clip' ? { callId: call.id, startSec: 0, endSec: end } : { callId: call.id });
            }}
          >
            <option value="">Choose a call…</option>
            {choices.calls.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title} ({clock(c.media.durationSec)})
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {item.kind === 'clip' && item.callId ? (
        <>
          <MomentPicker item={item} calls={choices.calls} onChange={change} />
          <ClockField
            key={`s${item.startSec}`}
            id={`start-${item.id}`}
            label="Clip starts at"
            value={item.startSec}
            onSave={(startSec) => change({ startSec })}
          />
          <ClockField
            key={`e${item.endSec}`}
            id={`end-${item.id}`}
            label="Clip ends at"
            value={item.endSec}
            onSave={(endSec) => change({ endSec })}
          />
        </>
      ) : null}
      {item.kind === 'attempt' ? <AttemptPicker item={item} drills={choices.drills} onChange={change} /> : null}
      <div className="field">
        <label htmlFor={`box-${item.id}`}>Time box (minutes)</label>
        <input
          id={`box-${item.id}`}
          type="number"
          min={1}
          max={120}
          defaultValue={Math.round(item.timeboxSec / 60)}
          key={item.timeboxSec}
          onBlur={(e) => {
            const minutes = Number(e.target.value);
            if (minutes >= 1 && minutes * 60 !== item.timeboxSec) change({ timeboxSec: Math.round(minutes * 60) });
          }}
        />
      </div>
      {item.kind !== 'deal' ? (
        <div className="field">
          <label htmlFor={`rubric-${item.id}`}>Rubric</label>
          <select
            id={`rubric-${item.id}`}
            value={item.rubricId ?? ''}
            onChange={(e) => change({ rubricId: e.target.value || null })}
          >
            <option value="">No scoring</option>
            {choices.rubrics.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <PersonSelect
        label="Presenter"
        id={`presenter-${item.id}`}
        people={people}
        value={item.presenterId}
        onChange={(presenterId) => change({ presenterId })}
      />
      <PersonSelect
        label="Facilitator"
        id={`facilitator-${item.id}`}
        people={people}
        value={item.facilitatorId}
        onChange={(facilitatorId) => change({ facilitatorId })}
      />
      <fieldset className="reviewer-checks wide">
        <legend className="hint">Reviewers</legend>
        {people
          .filter((p) => p.personId !== item.presenterId)
          .map((p) => (
            <label key={p.personId}>
              <input
                type="checkbox"
                checked={item.reviewerIds.includes(p.personId)}
                onChange={(e) =>
                  change({
                    reviewerIds: e.target.checked
                      ? [...item.reviewerIds, p.personId]
                      : item.reviewerIds.filter((id) => id !== p.personId),
                  })
                }
              />{' '}
              {p.name}
            </label>
          ))}
      </fieldset>
    </li>
  );
}
