import { EmptyState } from '../../components/EmptyState';

export function SessionsScreen() {
  return (
    <div className="screen">
      <header className="screen-header">
        <h1>Sessions</h1>
        <p className="screen-lede">Run the weekly review on a shared screen: agenda, timers, roles, kudos.</p>
      </header>
      <EmptyState title="No review sessions yet">
        <p>
          Facilitated review sessions are on the way. Until then, add your team on the People screen so sessions can
          assign roles.
        </p>
      </EmptyState>
    </div>
  );
}
