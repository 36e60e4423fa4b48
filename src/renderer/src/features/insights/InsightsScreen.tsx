import { EmptyState } from '../../components/EmptyState';

export function InsightsScreen() {
  return (
    <div className="screen">
      <header className="screen-header">
        <h1>Insights</h1>
        <p className="screen-lede">Talk ratio, questions, skill progression — measured against your own past.</p>
      </header>
      <EmptyState title="Nothing to measure yet">
        <p>Insights appear once calls are imported, transcribed and scored.</p>
      </EmptyState>
    </div>
  );
}
