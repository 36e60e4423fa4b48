import { useEffect } from 'react';
import { api } from '../../api/client';
import { RubricEditor } from './RubricEditor';
import { useRubrics } from './store';
import '../annotations/coaching.css';

/** The team's rubric templates: pick one on the left, edit its criteria and anchors on the right. */
export function RubricsScreen() {
  const { list, selected, rubric, loadList, open } = useRubrics();

  useEffect(() => {
    void loadList();
    return api.on('rubrics.changed', () => void useRubrics.getState().loadList());
  }, [loadList]);

  const editorKey = selected === 'new' ? 'new' : rubric ? `${rubric.id}:${rubric.latest.id}:${rubric.updatedAt}` : null;
  return (
    <div className="screen screen-wide rubrics-screen">
      <header className="screen-header">
        <h1>Rubrics</h1>
        <p className="screen-lede">
          What “good” sounds like: 4–8 criteria, each scored 1–5 with a behavioral anchor for every level.
        </p>
      </header>
      <div className="rubrics-layout">
        <nav aria-label="Rubric list" className="rubric-list">
          <ul>
            {list.map((r) => (
              <li key={r.id}>
                <button
                  type="button"
                  className="rubric-list-item"
                  aria-current={selected === r.id ? 'true' : undefined}
                  onClick={() => void open(r.id)}
                >
                  <strong>{r.name}</strong>
                  <span className="hint">
                    v{r.latestVersion} · {r.criteriaCount} criteria
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="button" onClick={() => void open('new')}>
            + New rubric
          </button>
        </nav>
        <div className="panel">
          {editorKey ? (
            <RubricEditor key={editorKey} rubric={selected === 'new' ? null : rubric} />
          ) : (
            <p className="hint">Pick a rubric.</p>
          )}
        </div>
      </div>
    </div>
  );
}
