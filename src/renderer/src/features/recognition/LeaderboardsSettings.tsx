import { useState } from 'react';
import { api } from '../../api/client';
import { useMe } from '../people/store';
import { useSettings } from '../settings/store';

/**
 * The Leaderboards switch: off by default, because rankings are never the
 * default view; a coach or admin turns them on for the team (the core
 * refuses anyone else, and says so).
 */
export function LeaderboardsSettings() {
  const on = useSettings((s) => s.settings.leaderboards);
  const me = useMe();
  const [error, setError] = useState<string | null>(null);
  const canSwitch = me?.role === 'coach' || me?.role === 'admin';
  const change = async (leaderboards: boolean) => {
    setError(null);
    // The box follows the click at once (as the theme does); a refusal puts it back and says why.
    const before = useSettings.getState().settings;
    useSettings.setState({ settings: { ...before, leaderboards } });
    const r = await api.settings.update({ leaderboards });
    if (r.ok) useSettings.setState({ settings: r.value });
    else {
      useSettings.setState({ settings: { ...useSettings.getState().settings, leaderboards: before.leaderboards } });
      setError(r.error.message);
    }
  };
  return (
    <section className="panel" aria-labelledby="leaderboards-heading">
      <h2 id="leaderboards-heading">Leaderboards</h2>
      <p className="hint">
        Boards for most improved (against each person’s own past), practice consistency and peer help. Everyone always
        sees their own place; nobody’s bottom place is shown to others. The team goal shows either way.
      </p>
      <label>
        <input
          type="checkbox"
          checked={on}
          disabled={!canSwitch}
          aria-describedby={canSwitch ? undefined : 'leaderboards-who'}
          onChange={(e) => void change(e.target.checked)}
        />{' '}
        Show leaderboards to the team
      </label>
      {!canSwitch ? (
        <p id="leaderboards-who" className="hint">
          Only a coach or admin can turn the leaderboards on or off.
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="kudos-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
