import { useEffect, useState } from 'react';
import type { ReviewSession, SessionItem } from '../../../../shared/domain';
import { DEAL_TOPIC_LABELS, DEAL_TOPICS, SESSION_ITEM_KIND_LABELS, timerElapsedMs } from '../../../../shared/domain';
import { api } from '../../api/client';
import { unwrap } from '../../api/unwrap';
import { linkWithToken } from '../../api/http';
import { reportError } from '../../app/notices';
import { CaptureForms, CaptureRecord } from './CapturePanel';
import { ClipPlayer } from './ClipPlayer';
import { SESSION_KEYS, sessionKeyAction } from './keys';
import {
  clock,
  currentItem,
  itemLabel,
  nameOf,
  openSession,
  sessionHash,
  subjectLine,
  useNow,
  useSession,
} from './store';
import { TimerFace } from './TimerFace';

/**
 * Opens the room's screen: a window from the shell when it has one
 * (Electron), else a tab. Answers false when the browser blocked the tab.
 */
async function openPresenter(sessionId: string): Promise<boolean> {
  try {
    const { opened } = await unwrap(api.sessions.openPresenter({ sessionId }));
    if (opened) return true;
    // Same page, same tab storage (the browser-mode token comes along with the opener).
    const tab = window.open(
      `${window.location.pathname}${window.location.search}${sessionHash(sessionId, 'present')}`,
      'gamefilm-presenter',
    );
    return tab !== null;
  } catch (error) {
    reportError(error);
    return true;
  }
}

/** When the browser blocked the presenter tab: say so, and offer its link to open by hand. */
function PopupBlocked({ sessionId, onClose }: { sessionId: string; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="banner banner-warning control-popup" role="alert">
      <p>
        The browser blocked the presenter window. Allow pop-ups for this page and try again, or copy the presenter link
        and open it in a window on the room’s screen.
      </p>
      <button
        type="button"
        className="button"
        onClick={() =>
          void navigator.clipboard.writeText(linkWithToken(sessionHash(sessionId, 'present'))).then(
            () => setCopied(true),
            () => reportError(new Error('Could not copy the link: the browser refused the clipboard.')),
          )
        }
      >
        Copy presenter link
      </button>
      {copied ? <span role="status">Copied.</span> : null}
      <button type="button" className="button button-quiet" onClick={onClose}>
        Dismiss
      </button>
    </div>
  );
}

function Agenda({ session, now }: { session: ReviewSession; now: number }) {
  const apply = useSession((s) => s.apply);
  return (
    <nav className="panel control-agenda" aria-label="Agenda">
      <ol>
        {session.items.map((item) => {
          const spent = Math.floor(timerElapsedMs(item.timer, now) / 1000);
          const current = item.id === session.currentItemId;
          return (
            <li key={item.id}>
              <button
                type="button"
                aria-current={current ? 'step' : undefined}
                onClick={() => void apply(api.sessions.goTo({ sessionId: session.id, to: item.id }))}
              >
                <span>
                  {item.position + 1}. {itemLabel(item)}
                </span>
                <span className={`agenda-time${spent > item.timeboxSec ? ' agenda-over' : ''}`}>
                  {SESSION_ITEM_KIND_LABELS[item.kind]} · {clock(spent)} / {clock(item.timeboxSec)}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

function DealNotes({ item }: { item: SessionItem }) {
  const apply = useSession((s) => s.apply);
  return (
    <section className="panel" aria-labelledby="deal-notes-heading">
      <h3 id="deal-notes-heading">Deal checklist</h3>
      <div className="deal-notes">
        {DEAL_TOPICS.map((topic) => (
          <div className="field" key={topic}>
            <label htmlFor={`deal-${topic}`}>{DEAL_TOPIC_LABELS[topic]}</label>
            <textarea
              id={`deal-${topic}`}
              defaultValue={item.dealNotes[topic]}
              key={`${item.id}-${topic}-${item.dealNotes[topic]}`}
              onBlur={(e) =>
                e.target.value !== item.dealNotes[topic] &&
                void apply(api.sessions.setDealNote({ itemId: item.id, topic, body: e.target.value }))
              }
            />
          </div>
        ))}
      </div>
    </section>
  );
}

/**
 * The facilitator's control view: the agenda, the item on screen with its
 * timer and recording, and quick capture. Everything goes through the core,
 * which persists it and tells the presenter view.
 */
export function ControlView({ session }: { session: ReviewSession }) {
  const apply = useSession((s) => s.apply);
  const now = useNow(500);
  const item = currentItem(session);
  const [blocked, setBlocked] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = sessionKeyAction(e);
      if (!action) return;
      const s = useSession.getState().session;
      if (action === 'play') {
        // The clip player's key; without a recording (a deal item) Space does nothing, not press a button.
        if (!(s && currentItem(s)?.media)) e.preventDefault();
        return;
      }
      e.preventDefault();
      if (action === 'leave-field') {
        if (e.target instanceof HTMLElement) e.target.blur();
        return;
      }
      // A held key repeats: one step per press, as a clicker gives.
      if (e.repeat) return;
      if (!s || s.status !== 'running') return;
      const on = currentItem(s);
      if (action === 'timer') {
        void apply(api.sessions.setTimer({ sessionId: s.id, running: !on?.timer.startedAt }));
        return;
      }
      // Past either end there is nowhere to go: nothing to do and nothing to say (no alert per press).
      const at = on ? s.items.findIndex((i) => i.id === on.id) : -1;
      if (action === 'next' && at === s.items.length - 1) return;
      if (action === 'previous' && at <= 0) return;
      void apply(api.sessions.goTo({ sessionId: s.id, to: action }));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [apply]);

  const finish = async () => {
    if (await apply(api.sessions.finish({ id: session.id }))) openSession(session.id, 'summary');
  };

  return (
    <div className="control">
      <header className="control-header">
        <h1>{session.title}</h1>
        <button type="button" className="button" onClick={() => openSession(session.id, 'plan')}>
          Edit agenda
        </button>
        <button
          type="button"
          className="button"
          onClick={() => void openPresenter(session.id).then((ok) => setBlocked(!ok))}
        >
          Open presenter view
        </button>
        <button type="button" className="button button-primary" onClick={() => void finish()}>
          Finish session
        </button>
        <p className="control-keys" style={{ flexBasis: '100%' }}>
          Keys:{' '}
          {SESSION_KEYS.map((k, i) => (
            <span key={k.does}>
              {i ? ' · ' : ''}
              {k.keys.map((key, j) => (
                <span key={key}>
                  {j ? '/' : ''}
                  <kbd>{key}</kbd>
                </span>
              ))}{' '}
              {k.does}
            </span>
          ))}
        </p>
        {blocked ? <PopupBlocked sessionId={session.id} onClose={() => setBlocked(false)} /> : null}
      </header>
      <Agenda session={session} now={now} />
      {item ? (
        <div className="control-main">
          {/* Beside the item on a wide screen, below it on a narrow one: what the room captures. */}
          <div className="control-stage">
            <section className="panel" aria-labelledby="current-item-heading">
              <div className="control-item-head">
                <div>
                  <h2 id="current-item-heading">
                    {item.position + 1}. {itemLabel(item)}
                  </h2>
                  {subjectLine(item) ? <p className="control-subject">{subjectLine(item)}</p> : null}
                  <p className="control-roles">
                    {SESSION_ITEM_KIND_LABELS[item.kind]}
                    {item.presenterId ? ` · presenting: ${nameOf(session, item.presenterId)}` : ''}
                    {item.facilitatorId ? ` · facilitating: ${nameOf(session, item.facilitatorId)}` : ''}
                    {item.reviewerIds.length
                      ? ` · reviewing: ${item.reviewerIds.map((id) => nameOf(session, id)).join(', ')}`
                      : ''}
                  </p>
                </div>
                <TimerFace item={item} now={now} />
              </div>
              <div className="control-buttons">
                <button
                  type="button"
                  className="button"
                  aria-keyshortcuts="P"
                  disabled={item.position === 0}
                  onClick={() => void apply(api.sessions.goTo({ sessionId: session.id, to: 'previous' }))}
                >
                  ← Previous
                </button>
                <button
                  type="button"
                  className="button"
                  aria-keyshortcuts="T"
                  onClick={() =>
                    void apply(api.sessions.setTimer({ sessionId: session.id, running: !item.timer.startedAt }))
                  }
                >
                  {item.timer.startedAt ? 'Stop timer' : 'Start timer'}
                </button>
                <button
                  type="button"
                  className="button"
                  aria-keyshortcuts="N"
                  disabled={item.position === session.items.length - 1}
                  onClick={() => void apply(api.sessions.goTo({ sessionId: session.id, to: 'next' }))}
                >
                  Next →
                </button>
              </div>
            </section>
            {item.media ? <ClipPlayer key={item.id} session={session} item={item} /> : null}
            {item.kind === 'deal' ? <DealNotes item={item} /> : null}
            <CaptureRecord session={session} item={item} />
          </div>
          <CaptureForms session={session} item={item} />
        </div>
      ) : (
        <p className="hint">No item is on screen.</p>
      )}
    </div>
  );
}
