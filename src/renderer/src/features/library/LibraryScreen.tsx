import { EmptyState } from '../../components/EmptyState';
import { useRouter } from '../../app/router';
import { useMe } from '../people/store';

export function LibraryScreen() {
  const me = useMe();
  const go = useRouter((s) => s.go);
  return (
    <div className="screen">
      <header className="screen-header">
        <h1>Library</h1>
        <p className="screen-lede">Your recorded calls, ready to replay, annotate and score.</p>
      </header>
      <EmptyState
        title="No calls yet"
        action={
          me ? null : (
            <button type="button" className="button button-primary" onClick={() => go('people')}>
              Set up people first
            </button>
          )
        }
      >
        <p>Calls you import appear here. Importing audio and video calls is the next piece of Gamefilm to land.</p>
        {!me && <p>Start by adding yourself and your team on the People screen, so reviews carry the right names.</p>}
      </EmptyState>
    </div>
  );
}
