import { useEffect } from 'react';
import type { ComponentType } from 'react';
import { api } from '../api/client';
import { DrillScreen } from '../features/drills/DrillScreen';
import { DrillsScreen } from '../features/drills/DrillsScreen';
import { InsightsScreen } from '../features/insights/InsightsScreen';
import { CallScreen } from '../features/call/CallScreen';
import { LibraryScreen } from '../features/library/LibraryScreen';
import { PeopleScreen } from '../features/people/PeopleScreen';
import { RepScreen } from '../features/reps/RepScreen';
import { NotificationBell } from '../features/recognition/NotificationBell';
import { RecognitionScreen } from '../features/recognition/RecognitionScreen';
import { LeaderboardsScreen } from '../features/recognition/Leaderboards';
import { RubricsScreen } from '../features/rubrics/RubricsScreen';
import { useMe, usePeople } from '../features/people/store';
import { WhoAreYouPanel } from '../features/people/WhoAreYouPanel';
import { PresenterView } from '../features/sessions/PresenterView';
import { SessionRoute } from '../features/sessions/SessionRoute';
import { SessionsScreen } from '../features/sessions/SessionsScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { useSettings } from '../features/settings/store';
import { Notices } from './Notices';
import type { Area } from './router';
import { navAreaOf, useRouter } from './router';
import { useTheme } from './theme';
import { useTranscribeBacklogOffer } from '../features/library/backlogOffer';

const SCREENS: Record<Area, { label: string; Screen: ComponentType; key: string }> = {
  library: { label: 'Library', Screen: LibraryScreen, key: '1' },
  drills: { label: 'Drills', Screen: DrillsScreen, key: '2' },
  sessions: { label: 'Sessions', Screen: SessionsScreen, key: '3' },
  insights: { label: 'Insights', Screen: InsightsScreen, key: '4' },
  people: { label: 'People', Screen: PeopleScreen, key: '5' },
  // Keys follow the sidebar's order (this object's order).
  rubrics: { label: 'Rubrics', Screen: RubricsScreen, key: '6' },
  settings: { label: 'Settings', Screen: SettingsScreen, key: '7' },
  recognition: { label: 'Recognition', Screen: RecognitionScreen, key: '8' },
  leaderboards: { label: 'Leaderboards', Screen: LeaderboardsScreen, key: '9' },
};

/** Ctrl/⌘ + 1…9 jumps between areas, as in most desktop apps. */
function useAreaShortcuts() {
  const go = useRouter((s) => s.go);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      const entry = Object.entries(SCREENS).find(([, s]) => s.key === e.key);
      if (entry) {
        e.preventDefault();
        go(entry[0] as Area);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go]);
}

export function App() {
  const { route, go } = useRouter();
  const area = navAreaOf(route);
  const theme = useSettings((s) => s.settings.theme);
  const me = useMe();
  const peopleLoaded = usePeople((s) => s.loaded);
  useTheme(theme);
  useAreaShortcuts();
  useTranscribeBacklogOffer();

  useEffect(() => {
    void usePeople.getState().load();
    void useSettings.getState().load();
    // Another window (or the presenter view) may change people; stay in step.
    return api.on('people.changed', () => void usePeople.getState().load());
  }, []);

  const { Screen } = SCREENS[area];
  const content =
    route.area === 'call' ? (
      <CallScreen key={route.callId} callId={route.callId} at={route.at} tab={route.tab} />
    ) : route.area === 'person' ? (
      <RepScreen key={route.personId} personId={route.personId} />
    ) : route.area === 'session' ? (
      <SessionRoute key={route.sessionId} sessionId={route.sessionId} view={route.view} />
    ) : route.area === 'drill' ? (
      <DrillScreen key={route.drillId} drillId={route.drillId} run={route.run} />
    ) : (
      <Screen />
    );
  // The room's screen shows the presenter view alone: no navigation, nothing to click.
  if (route.area === 'present') return <PresenterView key={route.sessionId} sessionId={route.sessionId} />;
  return (
    <div className="app-frame">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <nav className="app-nav" aria-label="Main">
        <div className="brand" aria-hidden="true">
          <span className="brand-mark">▶</span> Gamefilm
        </div>
        <ul>
          {(Object.keys(SCREENS) as Area[]).map((key) => (
            <li key={key}>
              <a
                href={`#/${key}`}
                aria-current={area === key ? 'page' : undefined}
                title={`${SCREENS[key].label} (Ctrl+${SCREENS[key].key})`}
                onClick={(e) => {
                  e.preventDefault();
                  go(key);
                }}
              >
                {SCREENS[key].label}
              </a>
            </li>
          ))}
        </ul>
        <div className="nav-me" aria-label="Signed in as">
          {me ? (
            <span>
              You are <strong>{me.name}</strong> <NotificationBell key={me.id} />
            </span>
          ) : (
            <button type="button" className="button button-quiet" onClick={() => go('people')}>
              Choose who you are
            </button>
          )}
        </div>
      </nav>
      <main id="main" className="app-main" tabIndex={-1}>
        {peopleLoaded && !me ? <WhoAreYouPanel /> : null}
        {content}
      </main>
      <Notices />
    </div>
  );
}
