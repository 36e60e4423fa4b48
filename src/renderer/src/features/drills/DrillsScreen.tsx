import { EmptyState } from '../../components/EmptyState';

export function DrillsScreen() {
  return (
    <div className="screen">
      <header className="screen-header">
        <h1>Drills</h1>
        <p className="screen-lede">Practise the hard moments — objections, openers, pricing pushback — privately.</p>
      </header>
      <EmptyState title="No drills yet">
        <p>
          Role-play drills are on the way: a buyer prompt, a countdown, your recorded answer, a score — and your
          progress against yourself.
        </p>
      </EmptyState>
    </div>
  );
}
