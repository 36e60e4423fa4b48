import type { Theme } from '../../../../shared/domain';
import { THEMES } from '../../../../shared/domain';
import { TrackerSettings } from '../insights/TrackerSettings';
import { ModelManager } from '../models/ModelManager';
import { LeaderboardsSettings } from '../recognition/LeaderboardsSettings';
import { TeamSettings } from '../team/TeamSettings';
import { VocabularySettings } from '../vocabulary/VocabularySettings';
import { BackupsSettings } from './BackupsSettings';
import { useSettings } from './store';

const THEME_LABELS: Record<Theme, string> = { system: 'Match the system', light: 'Light', dark: 'Dark' };

export function SettingsScreen() {
  const { settings, info, setTheme } = useSettings();
  return (
    <div className="screen">
      <header className="screen-header">
        <h1>Settings</h1>
      </header>
      <section className="panel" aria-labelledby="appearance-heading">
        <h2 id="appearance-heading">Appearance</h2>
        <fieldset className="radio-group">
          <legend>Theme</legend>
          {THEMES.map((t) => (
            <label key={t}>
              <input
                type="radio"
                name="theme"
                value={t}
                checked={settings.theme === t}
                onChange={() => void setTheme(t)}
              />
              {THEME_LABELS[t]}
            </label>
          ))}
        </fieldset>
      </section>
      <ModelManager />
      <VocabularySettings />
      <TrackerSettings />
      <section className="panel" aria-labelledby="library-heading">
        <h2 id="library-heading">Library</h2>
        {info && (
          <dl className="facts">
            <dt>Stored in</dt>
            <dd>
              <code>{info.dataDir}</code>
            </dd>
            <dt>Gamefilm</dt>
            <dd>
              {info.version} ({info.shell === 'web' ? 'browser mode' : 'desktop'}), schema {info.schemaVersion}
            </dd>
          </dl>
        )}
        <p className="hint">Everything stays on this machine until you export it or join a team folder.</p>
      </section>
      <LeaderboardsSettings />
      <BackupsSettings />
      <TeamSettings />
    </div>
  );
}
