import type { FormEvent } from 'react';
import { useEffect, useState } from 'react';
import type { FeedbackKind, Id, KudosBadge, ReviewSession, SessionItem } from '../../../../shared/domain';
import { FEEDBACK_KIND_LABELS, FEEDBACK_KINDS, playbackPositionSec } from '../../../../shared/domain';
import { api } from '../../api/client';
import { BadgeIcon } from '../kudos/BadgeIcon';
import { unwrap } from '../../api/unwrap';
import { reportError } from '../../app/notices';
import { useMe } from '../people/store';
import { GiveKudosDialog } from '../recognition/GiveKudosDialog';
import { clock, itemLabel, nameOf, useSession } from './store';

/** Who is speaking by default: me when I take part, else the item's facilitator, else the first participant. */
function useDefaultVoice(session: ReviewSession, item: SessionItem): Id | '' {
  const me = useMe();
  if (me && session.participants.some((p) => p.personId === me.id)) return me.id;
  return item.facilitatorId ?? session.participants[0]?.personId ?? '';
}

function PersonSelect({
  id,
  label,
  value,
  session,
  onChange,
  allowNone,
}: {
  id: string;
  label: string;
  value: Id | '';
  session: ReviewSession;
  onChange: (id: Id | '') => void;
  allowNone?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {allowNone !== undefined ? <option value="">{allowNone}</option> : null}
        {session.participants.map((p) => (
          <option key={p.personId} value={p.personId}>
            {p.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The moment of the recording on screen now, for feedback and kudos. */
const momentOf = (session: ReviewSession, item: SessionItem) =>
  item.media ? Math.round(playbackPositionSec(session.playback, Date.now()) * 10) / 10 : null;

function FeedbackForm({ session, item }: { session: ReviewSession; item: SessionItem }) {
  const voice = useDefaultVoice(session, item);
  const [kind, setKind] = useState<FeedbackKind>('strength');
  const [body, setBody] = useState('');
  // null: whoever the default voice is (it can change as people load).
  const [chosenAuthor, setAuthor] = useState<Id | '' | null>(null);
  const author = chosenAuthor ?? voice;
  const [sbi, setSbi] = useState({ situation: '', behavior: '', impact: '' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await unwrap(
        api.sessions.addFeedback({
          sessionId: session.id,
          itemId: item.id,
          authorId: author || null,
          kind,
          body,
          ...sbi,
          atSec: momentOf(session, item),
        }),
      );
      setBody('');
      setSbi({ situation: '', behavior: '', impact: '' });
    } catch (error) {
      reportError(error);
    }
  };
  const presenter = nameOf(session, item.presenterId);
  return (
    <form aria-labelledby="capture-feedback-heading" onSubmit={(e) => void submit(e)}>
      <h3 id="capture-feedback-heading">Feedback{presenter ? ` for ${presenter}` : ''}</h3>
      <fieldset className="radio-group">
        <legend className="visually-hidden">Kind of feedback</legend>
        {FEEDBACK_KINDS.map((k) => (
          <label key={k}>
            <input type="radio" name="feedback-kind" checked={kind === k} onChange={() => setKind(k)} />{' '}
            {FEEDBACK_KIND_LABELS[k]}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="feedback-body">What was said</label>
        <textarea id="feedback-body" rows={2} value={body} onChange={(e) => setBody(e.target.value)} required />
      </div>
      <details>
        <summary>Situation – Behavior – Impact (optional)</summary>
        {(['situation', 'behavior', 'impact'] as const).map((field) => (
          <div className="field" key={field}>
            <label htmlFor={`feedback-${field}`}>{field[0]!.toUpperCase() + field.slice(1)}</label>
            <input
              id={`feedback-${field}`}
              type="text"
              value={sbi[field]}
              onChange={(e) => setSbi({ ...sbi, [field]: e.target.value })}
            />
          </div>
        ))}
      </details>
      <PersonSelect
        id="feedback-author"
        label="From"
        value={author}
        session={session}
        onChange={setAuthor}
        allowNone="Someone"
      />
      <button type="submit" className="button button-primary">
        Capture feedback
      </button>
    </form>
  );
}

function ActionItemForm({ session, item }: { session: ReviewSession; item: SessionItem }) {
  const [text, setText] = useState('');
  const [chosenOwner, setOwner] = useState<Id | '' | null>(null);
  const owner = chosenOwner ?? item.presenterId ?? '';
  const [due, setDue] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await unwrap(
        api.sessions.addActionItem({ sessionId: session.id, text, ownerId: owner || null, dueDate: due || null }),
      );
      setText('');
      setDue('');
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <form aria-labelledby="capture-action-heading" onSubmit={(e) => void submit(e)}>
      <h3 id="capture-action-heading">Action item</h3>
      <div className="field">
        <label htmlFor="action-text">To do</label>
        <input id="action-text" type="text" value={text} onChange={(e) => setText(e.target.value)} required />
      </div>
      <PersonSelect
        id="action-owner"
        label="Owner"
        value={owner}
        session={session}
        onChange={setOwner}
        allowNone="No owner"
      />
      <div className="field">
        <label htmlFor="action-due">Due</label>
        <input id="action-due" type="date" value={due} onChange={(e) => setDue(e.target.value)} />
      </div>
      <button type="submit" className="button">
        Add action item
      </button>
    </form>
  );
}

function KudosForm({ session, item }: { session: ReviewSession; item: SessionItem }) {
  const voice = useDefaultVoice(session, item);
  const [badges, setBadges] = useState<KudosBadge[]>([]);
  const [badge, setBadge] = useState<Id | ''>('');
  const [chosenTo, setTo] = useState<Id | '' | null>(null);
  const [chosenFrom, setFrom] = useState<Id | '' | null>(null);
  const to = chosenTo ?? item.presenterId ?? '';
  const from = chosenFrom ?? voice;
  const [reason, setReason] = useState('');
  useEffect(() => {
    const load = () =>
      void unwrap(api.kudos.badges())
        .then((b) => {
          setBadges(b);
          setBadge((current) => (b.some((x) => x.id === current) ? current : (b[0]?.id ?? '')));
        })
        .catch(reportError);
    load();
    return api.on('kudosBadges.changed', load);
  }, []);
  const at = momentOf(session, item);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!to || !from || !badge) return reportError(new Error('Choose who gives the kudos, to whom, and a badge.'));
    const moment = momentOf(session, item) ?? 0;
    try {
      await unwrap(
        api.kudos.give({
          giverId: from,
          recipientId: to,
          badgeId: badge,
          reason,
          sessionId: session.id,
          itemId: item.id,
          ...(item.callId ? { callId: item.callId, atSec: moment } : {}),
          ...(item.attemptId ? { attemptId: item.attemptId, atSec: moment } : {}),
        }),
      );
      setReason('');
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <form aria-labelledby="capture-kudos-heading" onSubmit={(e) => void submit(e)}>
      <h3 id="capture-kudos-heading">Kudos{at !== null ? ` at ${clock(at)}` : ''}</h3>
      <PersonSelect id="kudos-to" label="For" value={to} session={session} onChange={setTo} allowNone="Choose…" />
      <div className="field">
        <label htmlFor="kudos-badge">Badge</label>
        <div className="kudos-badge-pick">
          {/* An <option> cannot hold an icon: the chosen badge's icon stands beside the select. */}
          {badges.find((b) => b.id === badge) ? <BadgeIcon icon={badges.find((b) => b.id === badge)!.icon} /> : null}
          <select id="kudos-badge" value={badge} onChange={(e) => setBadge(e.target.value)}>
            {badges.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor="kudos-reason">Why</label>
        <input
          id="kudos-reason"
          type="text"
          maxLength={280}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
        />
      </div>
      <PersonSelect
        id="kudos-from"
        label="From"
        value={from}
        session={session}
        onChange={setFrom}
        allowNone="Choose…"
      />
      <button type="submit" className="button">
        Give kudos
      </button>
    </form>
  );
}

function Scores({ session, item }: { session: ReviewSession; item: SessionItem }) {
  const apply = useSession((s) => s.apply);
  if (item.criteria.length === 0) return null;
  const reviewers = item.reviewerIds.length
    ? item.reviewerIds
    : session.participants.map((p) => p.personId).filter((id) => id !== item.presenterId);
  const scoreOf = (reviewerId: Id, criterionId: Id) =>
    session.scores.find((s) => s.itemId === item.id && s.reviewerId === reviewerId && s.criterionId === criterionId)
      ?.score ?? null;
  const presenter = nameOf(session, item.presenterId);
  return (
    <section className="panel" aria-labelledby="scores-heading">
      <h3 id="scores-heading">Scores on {item.rubricName}</h3>
      {item.presenterId ? (
        <GiveKudosDialog
          on={{ kind: 'sessionItem', itemId: item.id }}
          recipientId={item.presenterId}
          what={`${itemLabel(item)} in “${session.title}”`}
          label={`Kudos for ${presenter ?? 'the presenter'}…`}
        />
      ) : null}
      <table className="score-table">
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            {reviewers.map((id) => (
              <th key={id} scope="col">
                {nameOf(session, id)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {item.criteria.map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.name}</th>
              {reviewers.map((reviewerId) => (
                <td key={reviewerId}>
                  <select
                    aria-label={`${c.name} score by ${nameOf(session, reviewerId) ?? 'reviewer'}`}
                    value={scoreOf(reviewerId, c.id) ?? ''}
                    onChange={(e) =>
                      void apply(
                        api.sessions.setScore({
                          itemId: item.id,
                          reviewerId,
                          criterionId: c.id,
                          score: e.target.value ? Number(e.target.value) : null,
                        }),
                      )
                    }
                  >
                    <option value="">–</option>
                    {[1, 2, 3, 4, 5].map((n) => (
                      <option key={n} value={n}>
                        {n}
                      </option>
                    ))}
                  </select>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Captured({ session, item }: { session: ReviewSession; item: SessionItem }) {
  const feedback = session.feedback.filter((f) => f.itemId === item.id);
  return (
    <section className="panel" aria-labelledby="captured-heading">
      <h3 id="captured-heading">Captured in this session</h3>
      <ul className="captured-list" aria-label="Captured">
        {feedback.map((f) => (
          <li key={f.id} className={`captured-${f.kind}`}>
            <strong>{FEEDBACK_KIND_LABELS[f.kind]}:</strong> {f.body}
            {f.authorName ? <span className="hint"> — {f.authorName}</span> : null}{' '}
            {/* Thanks for useful feedback go to whoever gave it. */}
            <GiveKudosDialog
              on={{ kind: 'sessionItem', itemId: item.id }}
              recipientId={f.authorId}
              what={`the feedback “${f.body}” in “${session.title}”`}
              label="Kudos"
              ariaLabel={`Give kudos for the feedback: ${f.body}`}
              className="link-button"
            />
            <span aria-hidden="true"> · </span>
            <button
              type="button"
              className="link-button"
              aria-label={`Remove feedback: ${f.body}`}
              onClick={() => void unwrap(api.sessions.removeFeedback({ id: f.id })).catch(reportError)}
            >
              Remove
            </button>
          </li>
        ))}
        {session.actionItems.map((a) => (
          <li key={a.id}>
            <strong>Action:</strong> {a.text}{' '}
            <span className="hint">
              — {nameOf(session, a.ownerId) ?? 'no owner'}
              {a.dueDate ? `, due ${a.dueDate}` : ''}
            </span>
          </li>
        ))}
        {session.kudos.map((k) => (
          <li key={k.id} className="captured-kudos">
            <strong>
              <BadgeIcon icon={k.badgeIcon} /> {k.badgeName ?? 'Kudos'}
            </strong>{' '}
            for {k.recipientName}
            {k.reason ? `: ${k.reason}` : ''} <span className="hint">— {k.giverName}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Quick capture while the item is discussed: feedback, kudos, action items. */
export function CaptureForms({ session, item }: { session: ReviewSession; item: SessionItem }) {
  return (
    <section className="panel capture" aria-label="Capture">
      <FeedbackForm key={`f-${item.id}`} session={session} item={item} />
      <KudosForm key={`k-${item.id}`} session={session} item={item} />
      <ActionItemForm key={`a-${item.id}`} session={session} item={item} />
    </section>
  );
}

/** What the room has recorded on this item: the scores, and everything captured so far. */
export function CaptureRecord({ session, item }: { session: ReviewSession; item: SessionItem }) {
  return (
    <>
      <Scores session={session} item={item} />
      <Captured session={session} item={item} />
    </>
  );
}
