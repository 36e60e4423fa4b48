import { useCallback, useEffect, useId, useState } from 'react';
import type { Board, BoardRow, Boards, TeamGoal } from '../../../../shared/domain';
import { api } from '../../api/client';
import { reportError } from '../../app/notices';
import { useRouter } from '../../app/router';
import { formatDate } from '../../lib/format';
import './leaderboards.css';

/** The boards' period choices; the baseline is always the period before, of the same length. */
const BOARD_PERIODS = [
  { id: 'month', label: 'This month' },
  { id: 'last-month', label: 'Last month' },
  { id: '30d', label: 'Last 30 days' },
  { id: '90d', label: 'Last 90 days' },
] as const;
type BoardPeriod = (typeof BOARD_PERIODS)[number]['id'];

const iso = (d: Date) => d.toISOString().slice(0, 10);
const lastDayOf = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return iso(new Date(Date.UTC(y, m, 0)));
};

export function boardPeriod(id: BoardPeriod, now = new Date()): { from: string; to: string } {
  const today = iso(now);
  const days = (n: number) => iso(new Date(now.getTime() - (n - 1) * 86_400_000));
  switch (id) {
    case 'month':
      return { from: `${today.slice(0, 7)}-01`, to: lastDayOf(today.slice(0, 7)) };
    case 'last-month': {
      const before = iso(new Date(Date.parse(`${today.slice(0, 7)}-01T00:00:00Z`) - 86_400_000)).slice(0, 7);
      return { from: `${before}-01`, to: lastDayOf(before) };
    }
    case '30d':
      return { from: days(30), to: today };
    case '90d':
      return { from: days(90), to: today };
  }
}

const signed = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n).toFixed(2)}`;
const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

/** The columns each board shows beside the place and the person. */
const COLUMNS: Record<Board['kind'], Array<{ head: string; cell: (r: BoardRow) => string; yoursOnly?: boolean }>> = {
  most_improved: [
    { head: 'Change', cell: (r) => signed(r.improvement ?? 0) },
    {
      head: 'Your average',
      yoursOnly: true,
      cell: (r) => (r.you && r.averageNow != null ? `${r.averageBefore?.toFixed(2)} → ${r.averageNow.toFixed(2)}` : ''),
    },
  ],
  consistency: [
    { head: 'Longest streak', cell: (r) => days(r.longestStreakDays ?? 0) },
    { head: 'Going now', cell: (r) => days(r.currentStreakDays ?? 0) },
    { head: 'Days practised', cell: (r) => String(r.daysPractised ?? 0) },
  ],
  peer_help: [
    { head: 'Reviews', cell: (r) => String(r.reviewsGiven ?? 0) },
    { head: 'Kudos', cell: (r) => String(r.kudosGiven ?? 0) },
    { head: 'Feedback', cell: (r) => String(r.feedbackWritten ?? 0) },
    { head: 'Total', cell: (r) => String(r.helpCount ?? 0) },
  ],
};

function trendText(b: Board): string | null {
  if (!b.you) return b.youUnranked ? `You are ${b.youUnranked.label}.` : null;
  const now = `You are ${b.you.label} of ${b.rankedCount}`;
  if (!b.trend?.previousLabel) return `${now} (not on this board in the period before).`;
  const moved =
    b.trend.previousPosition === b.you.position
      ? 'the same place as'
      : (b.trend.previousPosition ?? 0) > b.you.position
        ? `up from ${b.trend.previousLabel} in`
        : `down from ${b.trend.previousLabel} in`;
  return `${now} — ${moved} the period before.`;
}

function BoardTable({ board }: { board: Board }) {
  const headingId = useId();
  // A column only about the viewer (their own averages) shows only when they are on the board.
  const columns = COLUMNS[board.kind].filter((c) => !c.yoursOnly || board.you);
  const trend = trendText(board);
  return (
    <section className="panel board" aria-labelledby={headingId}>
      <h2 id={headingId}>{board.title}</h2>
      <p className="hint board-description">{board.description}</p>
      {board.rows.length === 0 ? (
        <p className="board-empty">Nobody is ranked in this period yet.</p>
      ) : (
        <div className="board-scroll">
          <table className="board-table" aria-labelledby={headingId}>
            <thead>
              <tr>
                <th scope="col">Place</th>
                <th scope="col">Person</th>
                {columns.map((c) => (
                  <th key={c.head} scope="col">
                    {c.head}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {board.rows.map((r, i) => {
                const gap = i > 0 && r.position > (board.rows[i - 1]?.position ?? 0) + 1 && r.you;
                return (
                  <tr
                    key={r.personId}
                    className={`${r.you ? 'board-you' : ''}${gap ? ' board-gap' : ''}`}
                    aria-current={r.you ? 'true' : undefined}
                  >
                    <td>{r.label}</td>
                    <th scope="row">
                      {r.name}
                      {r.you ? <span className="board-you-mark"> (you)</span> : null}
                    </th>
                    {columns.map((c) => (
                      <td key={c.head}>{c.cell(r)}</td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {trend ? <p className="board-trend">{trend}</p> : null}
      {board.unranked.length > 0 ? (
        <ul className="board-unranked" aria-label={`Not ranked on ${board.title}`}>
          {board.unranked.map((u) => (
            <li key={u.personId}>
              {u.name}
              {u.you ? ' (you)' : ''}: {u.label}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function TeamGoalForm({
  goal,
  from,
  to,
  onSaved,
}: {
  goal: TeamGoal | null;
  from: string;
  to: string;
  onSaved: () => void;
}) {
  const ids = { target: useId(), start: useId(), end: useId() };
  const [target, setTarget] = useState(goal ? String(goal.target) : '50');
  const [start, setStart] = useState(goal?.startDate ?? from);
  const [end, setEnd] = useState(goal?.endDate ?? to);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(null);
    const r = await api.recognition.setTeamGoal({
      ...(goal ? { id: goal.id } : {}),
      target: Number(target),
      startDate: start,
      endDate: end,
    });
    setBusy(false);
    if (r.ok) onSaved();
    else setError(r.error.message);
  };
  return (
    <form
      className="team-goal-form"
      aria-label={goal ? 'Change the team goal' : 'Set a team goal'}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label htmlFor={ids.target}>Drill attempts, together</label>
      <input
        id={ids.target}
        type="number"
        min={1}
        step={1}
        required
        value={target}
        onChange={(e) => setTarget(e.target.value)}
      />
      <label htmlFor={ids.start}>From</label>
      <input id={ids.start} type="date" required value={start} onChange={(e) => setStart(e.target.value)} />
      <label htmlFor={ids.end}>Until</label>
      <input id={ids.end} type="date" required value={end} onChange={(e) => setEnd(e.target.value)} />
      <button type="submit" className="button button-primary" disabled={busy}>
        {goal ? 'Save the team goal' : 'Set the team goal'}
      </button>
      {error ? (
        <p role="alert" className="kudos-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function TeamGoalPanel({ boards, onChanged }: { boards: Boards; onChanged: () => void }) {
  const goal = boards.teamGoal;
  const [editing, setEditing] = useState(false);
  const percent = goal ? Math.round(goal.fraction * 100) : 0;
  const remove = async () => {
    if (!goal) return;
    const r = await api.recognition.removeTeamGoal({ id: goal.id });
    if (r.ok) onChanged();
    else reportError(new Error(r.error.message));
  };
  return (
    <section className="panel team-goal" aria-labelledby="team-goal-heading">
      <div className="panel-head">
        <h2 id="team-goal-heading">Team goal</h2>
        {boards.canManage && goal && !editing ? (
          <span className="team-goal-actions">
            <button type="button" className="button button-quiet" onClick={() => setEditing(true)}>
              Change the team goal
            </button>
            <button type="button" className="button button-quiet" onClick={() => void remove()}>
              Remove the team goal
            </button>
          </span>
        ) : null}
      </div>
      {goal ? (
        <>
          <p className="team-goal-figures">
            <strong>
              {goal.total} of {goal.target} drill attempts
            </strong>{' '}
            together{goal.reached ? ' — reached!' : ''}
            <span className="hint">
              {' '}
              · {formatDate(goal.startDate)}–{formatDate(goal.endDate)} · set by {goal.setByName}
            </span>
          </p>
          <div
            className="team-goal-bar"
            role="progressbar"
            aria-label="Team goal progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-valuetext={`${goal.total} of ${goal.target} drill attempts`}
          >
            {goal.shares
              .filter((s) => s.count > 0)
              .map((s) => (
                <span
                  key={s.personId}
                  className={s.you ? 'team-goal-share team-goal-share-you' : 'team-goal-share'}
                  style={{ width: `${(s.count / Math.max(goal.target, goal.total)) * 100}%` }}
                  title={`${s.name}: ${s.count}`}
                />
              ))}
          </div>
          <ul className="team-goal-shares" aria-label="Each person’s share of the team goal">
            {goal.shares.map((s) => (
              <li key={s.personId} className={s.you ? 'board-you' : undefined}>
                <span>
                  {s.name}
                  {s.you ? ' (you)' : ''}
                </span>
                <span>
                  {s.count} ({s.percent}%)
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="board-empty">
          No team goal for this period.{' '}
          {boards.canManage ? 'Set one everyone moves together:' : 'A coach can set one everyone moves together.'}
        </p>
      )}
      {boards.canManage && (!goal || editing) ? (
        <TeamGoalForm
          key={goal?.id ?? 'new'}
          goal={goal}
          from={boards.from}
          to={boards.to}
          onSaved={() => {
            setEditing(false);
            onChanged();
          }}
        />
      ) : null}
    </section>
  );
}

/**
 * The balanced leaderboards: improvement against one's own past,
 * consistency and helping others, with the team goal on top. Off until a
 * coach turns them on in Settings; the core decides what each person sees.
 */
export function LeaderboardsScreen() {
  const go = useRouter((s) => s.go);
  const [period, setPeriod] = useState<BoardPeriod>('month');
  const [boards, setBoards] = useState<Boards | null>(null);
  const [error, setError] = useState<string | null>(null);
  const periodId = useId();

  const load = useCallback(() => {
    void api.recognition.boards(boardPeriod(period)).then((r) => {
      if (r.ok) {
        setBoards(r.value);
        setError(null);
      } else setError(r.error.message);
    });
  }, [period]);

  useEffect(() => {
    load();
    const offs = [
      api.on('goals.changed', load),
      api.on('settings.changed', load),
      api.on('attempts.changed', load),
      api.on('scorecards.changed', load),
      api.on('kudos.changed', load),
      api.on('annotations.changed', load),
      api.on('people.changed', load),
    ];
    return () => offs.forEach((off) => off());
  }, [load]);

  return (
    <div className="screen leaderboards-screen">
      <header className="screen-header">
        <h1>Leaderboards</h1>
        <p className="screen-lede">
          Improvement against your own past, practice consistency and helping others — and a goal the team hits
          together. You always see your own place; nobody’s bottom place is shown to anyone else.
        </p>
      </header>
      <div className="wall-filters">
        <label htmlFor={periodId}>
          Period
          <select id={periodId} value={period} onChange={(e) => setPeriod(e.target.value as BoardPeriod)}>
            {BOARD_PERIODS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        {boards ? (
          <p className="hint board-period">
            {formatDate(boards.from)}–{formatDate(boards.to)}, against {formatDate(boards.baselineFrom)}–
            {formatDate(boards.baselineTo)}
          </p>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="kudos-error">
          {error}
        </p>
      ) : null}
      {boards ? (
        <>
          <TeamGoalPanel boards={boards} onChanged={load} />
          {boards.enabled ? (
            <div className="boards-grid">
              {boards.boards.map((b) => (
                <BoardTable key={b.kind} board={b} />
              ))}
            </div>
          ) : (
            <section className="panel boards-off" aria-label="Leaderboards are off">
              <p>
                <strong>Leaderboards are off</strong> — a coach can turn them on in Settings.
              </p>
              {boards.canManage ? (
                <button type="button" className="button" onClick={() => go('settings')}>
                  Open Settings
                </button>
              ) : null}
            </section>
          )}
        </>
      ) : null}
    </div>
  );
}
