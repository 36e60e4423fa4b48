import { useEffect, useRef } from 'react';
import type { ReviewSession, SessionItem } from '../../../../shared/domain';
import {
  DEAL_TOPIC_LABELS,
  DEAL_TOPICS,
  FEEDBACK_KIND_LABELS,
  playbackPositionSec,
  SESSION_ITEM_KIND_LABELS,
} from '../../../../shared/domain';
import { BadgeIcon } from '../kudos/BadgeIcon';
import { ClipWaveform, itemRange } from './ClipWaveform';
import { useFitList } from './fit';
import { currentItem, itemLabel, nameOf, subjectLine, useLiveSession, useNow, useSession } from './store';
import { TimerFace } from './TimerFace';
import { TranscriptExcerpt } from './TranscriptExcerpt';
import './presenter.css';

/** The most lines of what was said the room is offered, newest first; fewer show when the screen is small. */
const FEEDBACK_SHOWN = 8;

function Waiting({ session, text, detail }: { session: ReviewSession | null; text: string; detail?: string }) {
  return (
    <main className="presenter presenter-waiting" aria-label="Presenter view">
      {session ? <p className="presenter-session">{session.title}</p> : null}
      <h1 className="presenter-title">{text}</h1>
      {detail ? (
        <p className="presenter-detail" role="alert">
          {detail}
        </p>
      ) : null}
    </main>
  );
}

function Roles({ session, item }: { session: ReviewSession; item: SessionItem }) {
  const presenter = nameOf(session, item.presenterId);
  const facilitator = nameOf(session, item.facilitatorId);
  const reviewers = item.reviewerIds.map((id) => nameOf(session, id)).filter(Boolean);
  return (
    <p className="presenter-roles">
      <span>{SESSION_ITEM_KIND_LABELS[item.kind]}</span>
      {presenter ? <span>Presenting: {presenter}</span> : null}
      {facilitator ? <span>Facilitating: {facilitator}</span> : null}
      {reviewers.length ? <span>Reviewing: {reviewers.join(', ')}</span> : null}
    </p>
  );
}

function Captured({ session, item }: { session: ReviewSession; item: SessionItem }) {
  const feedback = session.feedback.filter((f) => f.itemId === item.id);
  const kudos = session.kudos.filter((k) => k.itemId === item.id);
  const lines = [
    ...feedback.map((f) => ({
      key: f.id,
      at: f.createdAt,
      className: `said said-${f.kind}`,
      icon: null,
      label: FEEDBACK_KIND_LABELS[f.kind],
      text: f.body,
      who: f.authorName,
    })),
    ...kudos.map((k) => ({
      key: k.id,
      at: k.createdAt,
      className: 'said said-kudos',
      icon: k.badgeIcon,
      label: k.badgeName,
      text: `${k.recipientName}: ${k.reason}`,
      who: k.giverName,
    })),
  ]
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, FEEDBACK_SHOWN);
  const box = useRef<HTMLElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const note = useRef<HTMLSpanElement>(null);
  useFitList(box, list, { note, extra: feedback.length + kudos.length - lines.length });
  return (
    <section className="presenter-panel" aria-labelledby="presenter-feedback-heading" ref={box}>
      <h2 id="presenter-feedback-heading">
        Feedback
        <span className="presenter-more" ref={note} hidden />
      </h2>
      {lines.length === 0 ? (
        <p className="excerpt-empty">Strengths and improvements appear here as they are captured.</p>
      ) : (
        <ul className="presenter-feedback" aria-label="Feedback on this item" ref={list}>
          {lines.map((l) => (
            <li key={l.key} className={l.className}>
              <span className="said-label">
                {l.icon ? <BadgeIcon icon={l.icon} /> : null} {l.label}
              </span>{' '}
              {l.text}
              {l.who ? <span className="said-who"> — {l.who}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function TranscriptPanel({ item, positionSec }: { item: SessionItem; positionSec: number }) {
  const box = useRef<HTMLElement>(null);
  return (
    <section className="presenter-panel" aria-labelledby="presenter-transcript-heading" ref={box}>
      <h2 id="presenter-transcript-heading">Transcript</h2>
      <TranscriptExcerpt item={item} positionSec={positionSec} fitTo={box} />
    </section>
  );
}

/**
 * The room's screen. It only follows: every change is made in the control
 * view, stored by the core, and arrives here as an event, so this window
 * can be closed, reloaded or moved to another display without losing
 * anything. Read from the back of the room, and never scrolled: it fits any
 * 16:9 or 16:10 screen from 1280×720 up (presenter.css and fit.ts).
 */
export function PresenterView({ sessionId }: { sessionId: string }) {
  const session = useLiveSession(sessionId);
  const error = useSession((s) => s.error);
  const now = useNow(250);

  useEffect(() => {
    const previous = document.title;
    document.title = session ? `${session.title} — presenter view` : 'Presenter view';
    return () => {
      document.title = previous;
    };
  }, [session]);

  if (!session) {
    return error ? (
      <Waiting session={null} text="The session cannot be shown here" detail={error} />
    ) : (
      <Waiting session={null} text="Connecting to the session…" />
    );
  }
  if (session.status === 'planned') return <Waiting session={session} text="The session starts soon" />;
  if (session.status === 'finished') return <Waiting session={session} text="That’s a wrap — thank you!" />;
  const item = currentItem(session);
  if (!item) return <Waiting session={session} text="Next item coming up" />;

  const { start, end } = itemRange(item);
  const position = Math.min(end, Math.max(start, playbackPositionSec(session.playback, now)));
  const index = session.items.findIndex((i) => i.id === item.id);
  return (
    <main className="presenter" aria-label="Presenter view" data-item-id={item.id}>
      <header className="presenter-top">
        <div>
          <p className="presenter-session">{session.title}</p>
          <p className="presenter-progress">
            Item {index + 1} of {session.items.length}
          </p>
        </div>
        <TimerFace item={item} now={now} className="presenter-timer" />
      </header>
      <h1 className="presenter-title">{itemLabel(item)}</h1>
      {subjectLine(item) ? <p className="presenter-subject">{subjectLine(item)}</p> : null}
      <Roles session={session} item={item} />
      {item.media ? (
        <section className="presenter-wave" aria-label="Recording">
          <p className="presenter-playing" data-playing={session.playback.playing}>
            {session.playback.playing ? '▶ Playing' : '❚❚ Paused'}
          </p>
          <ClipWaveform item={item} positionSec={position} />
        </section>
      ) : null}
      <div className="presenter-columns">
        {item.kind === 'deal' ? (
          <section className="presenter-panel" aria-labelledby="presenter-deal-heading">
            <h2 id="presenter-deal-heading">Deal checklist</h2>
            <dl className="presenter-checklist">
              {DEAL_TOPICS.map((topic) => (
                <div key={topic}>
                  <dt>{DEAL_TOPIC_LABELS[topic]}</dt>
                  <dd>{item.dealNotes[topic] || '—'}</dd>
                </div>
              ))}
            </dl>
          </section>
        ) : (
          <TranscriptPanel item={item} positionSec={position} />
        )}
        <Captured session={session} item={item} />
      </div>
    </main>
  );
}
