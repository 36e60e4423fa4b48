import { useEffect, useId, useMemo, useState } from 'react';
import type { CoachingActivity as Activity } from '../../../../shared/domain';
import { api } from '../../api/client';
import { LineChart } from '../../components/Chart';
import { downloadText, toCsv } from '../../lib/csv';
import { useRouter } from '../../app/router';
import type { InsightsFilter } from './InsightsScreen';

const ALPHA_RANGE: [number, number] = [-1, 1];

/** Reviews given and received, feedback, sessions and open action items per person; reviewer agreement per month. */
export function CoachingActivity({ filter }: { filter: InsightsFilter }) {
  const id = useId();
  const go = useRouter((s) => s.go);
  const openPerson = useRouter((s) => s.openPerson);
  const [activity, setActivity] = useState<Activity | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      void api.insights.coachingActivity({ from: filter.from, to: filter.to, teamId: filter.teamId }).then((r) => {
        if (!live) return;
        if (r.ok) {
          setActivity(r.value);
          setError(null);
        } else setError(r.error.message);
      });
    load();
    const offs = [
      api.on('scorecards.changed', load),
      api.on('annotations.changed', load),
      api.on('actionItems.changed', load),
      api.on('people.changed', load),
      api.on('sessions.changed', load),
    ];
    return () => {
      live = false;
      offs.forEach((off) => off());
    };
  }, [filter.from, filter.to, filter.teamId]);
  const people = useMemo(
    () => (activity?.people ?? []).filter((p) => !filter.repId || p.personId === filter.repId),
    [activity, filter.repId],
  );
  const x = useMemo(
    () => (activity?.agreement ?? []).map((a) => Date.parse(`${a.month}-01T00:00:00Z`) / 1000),
    [activity],
  );
  const csv = () =>
    downloadText(
      'coaching-activity.csv',
      toCsv(
        [
          'person',
          'role',
          'reviews_given',
          'self_reviews',
          'reviews_received',
          'feedback_written',
          'sessions',
          'open_action_items',
          'overdue_action_items',
        ],
        people.map((p) => [
          p.name,
          p.role,
          p.reviewsGiven,
          p.selfReviews,
          p.reviewsReceived,
          p.feedbackWritten,
          p.sessionsAttended,
          p.openActionItems,
          p.overdueActionItems,
        ]),
      ),
    );
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Coaching activity</h2>
      {error && <p role="alert">{error}</p>}
      {activity && (
        <>
          <p>
            {activity.calls.imported === 0 ? (
              <>No calls imported in this period (the sample call does not count). </>
            ) : (
              <>
                <strong>{activity.calls.reviewed}</strong> of <strong>{activity.calls.imported}</strong>{' '}
                {activity.calls.imported === 1 ? 'call' : 'calls'} imported in this period{' '}
                {activity.calls.reviewed === 1 ? 'has' : 'have'} a peer or coach review.{' '}
              </>
            )}
            <button type="button" className="link-button" onClick={() => go('library')}>
              Open the library
            </button>
          </p>
          {people.length === 0 ? (
            <p className="hint">No people yet. Add your team on the People screen.</p>
          ) : (
            <div className="heatmap-scroll">
              <table className="data-table" aria-label="Coaching activity per person">
                <thead>
                  <tr>
                    <th scope="col">Person</th>
                    <th scope="col">Reviews given</th>
                    <th scope="col">Self-reviews</th>
                    <th scope="col">Reviews received</th>
                    <th scope="col">Feedback written</th>
                    <th scope="col">Sessions</th>
                    <th scope="col">Open action items</th>
                    <th scope="col">Overdue</th>
                  </tr>
                </thead>
                <tbody>
                  {people.map((p) => (
                    <tr key={p.personId}>
                      <th scope="row">
                        <button type="button" className="link-button" onClick={() => openPerson(p.personId)}>
                          {p.name}
                        </button>{' '}
                        <small className="hint">{p.role}</small>
                      </th>
                      <td>{p.reviewsGiven}</td>
                      <td>{p.selfReviews}</td>
                      <td>{p.reviewsReceived}</td>
                      <td>{p.feedbackWritten}</td>
                      <td>{p.sessionsAttended}</td>
                      <td>{p.openActionItems}</td>
                      <td className={p.overdueActionItems > 0 ? 'overdue' : undefined}>{p.overdueActionItems}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h3>Reviewer agreement</h3>
          {activity.agreement.length === 0 ? (
            <p className="hint">
              Agreement needs a call scored by at least two peers or coaches whose scores you can see (submit your own
              review of the call first).
            </p>
          ) : (
            <>
              {activity.agreement.length > 1 && (
                <LineChart
                  title="Krippendorff's alpha per month (peer and coach reviewers)"
                  x={x}
                  series={[{ label: 'alpha', values: activity.agreement.map((a) => a.alpha) }]}
                  yLabel="alpha"
                  yRange={ALPHA_RANGE}
                  height={200}
                />
              )}
              <table className="data-table" aria-label="Reviewer agreement per month">
                <thead>
                  <tr>
                    <th scope="col">Month</th>
                    <th scope="col">Alpha</th>
                    <th scope="col">Calls with two or more reviewers</th>
                  </tr>
                </thead>
                <tbody>
                  {activity.agreement.map((a) => (
                    <tr key={a.month}>
                      <td>{a.month}</td>
                      <td>{a.alpha === null ? '— (no variation to compare)' : a.alpha.toFixed(2)}</td>
                      <td>{a.calls}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="hint">
                Alpha 1 is full agreement, 0 is no better than chance; self-reviews are not counted as reviewers.
              </p>
            </>
          )}
          <button type="button" className="button" onClick={csv}>
            Export CSV (coaching activity)
          </button>
        </>
      )}
    </section>
  );
}
