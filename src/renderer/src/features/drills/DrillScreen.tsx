import { useCallback, useEffect, useState } from 'react';
import type { BuyerMood, Drill, DrillSkill, RubricSummary } from '../../../../shared/domain';
import { BUYER_MOODS, DRILL_SKILL_LABELS, DRILL_SKILLS } from '../../../../shared/domain';
import { api } from '../../api/client';
import { unwrap } from '../../api/unwrap';
import { EmptyState } from '../../components/EmptyState';
import { formatDuration } from '../../lib/format';
import { DrillHistory } from './DrillHistory';
import { DrillRunner } from './DrillRunner';
import { MOOD_LABELS } from './format';
import { useDrills } from './store';
import './drills.css';

/** A text field that saves when it loses focus (every edit is saved as it is made, no Save button). */
function SavedField({
  label,
  value,
  onSave,
  multiline = false,
  rows = 3,
}: {
  label: string;
  value: string;
  onSave: (value: string) => void;
  multiline?: boolean;
  rows?: number;
}) {
  const [draft, setDraft] = useState(value);
  const commit = () => {
    if (draft !== value) onSave(draft);
  };
  return (
    <label className="field drill-field">
      <span>{label}</span>
      {multiline ? (
        <textarea value={draft} rows={rows} onChange={(e) => setDraft(e.target.value)} onBlur={commit} />
      ) : (
        <input
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
        />
      )}
    </label>
  );
}

function DrillEditor({ drill }: { drill: Drill }) {
  const save = useDrills((s) => s.save);
  const [rubrics, setRubrics] = useState<RubricSummary[]>([]);
  useEffect(() => {
    void unwrap(api.rubrics.list())
      .then(setRubrics)
      .catch(() => undefined);
  }, []);
  // Keyed by updatedAt so a save elsewhere (another window) refreshes the drafts.
  const k = drill.updatedAt;
  return (
    <section className="panel drill-editor" aria-labelledby="drill-editor-title">
      <h2 id="drill-editor-title">Scenario</h2>
      <div className="drill-editor-grid">
        <SavedField
          key={`role${k}`}
          label="Buyer role"
          value={drill.persona.role}
          onSave={(role) => void save({ persona: { ...drill.persona, role } })}
        />
        <SavedField
          key={`co${k}`}
          label="Company"
          value={drill.persona.company}
          onSave={(company) => void save({ persona: { ...drill.persona, company } })}
        />
        <label className="field drill-field">
          <span>Mood</span>
          <select
            value={drill.persona.mood}
            onChange={(e) => void save({ persona: { ...drill.persona, mood: e.target.value as BuyerMood } })}
          >
            {BUYER_MOODS.map((m) => (
              <option key={m} value={m}>
                {MOOD_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
        <label className="field drill-field">
          <span>Skill</span>
          <select value={drill.skill} onChange={(e) => void save({ skill: e.target.value as DrillSkill })}>
            {DRILL_SKILLS.map((s) => (
              <option key={s} value={s}>
                {DRILL_SKILL_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="field drill-field">
          <span>Time limit (seconds)</span>
          <input
            key={`t${k}`}
            type="number"
            min={10}
            max={300}
            step={1}
            defaultValue={drill.timeLimitSec}
            onBlur={(e) => {
              const n = Math.round(Number(e.target.value));
              if (n !== drill.timeLimitSec && n >= 10 && n <= 300) void save({ timeLimitSec: n });
            }}
          />
        </label>
        <label className="field drill-field">
          <span>Rubric</span>
          <select value={drill.rubricId ?? ''} onChange={(e) => void save({ rubricId: e.target.value || null })}>
            <option value="">No rubric</option>
            {rubrics.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <SavedField
        key={`p${k}`}
        label="What the buyer says"
        value={drill.promptText}
        multiline
        onSave={(promptText) => void save({ promptText })}
      />
      {drill.promptClip ? (
        <p className="drill-muted">
          Prompt clip: {formatDuration(drill.promptClip.startSec)}–{formatDuration(drill.promptClip.endSec)} of a call.
        </p>
      ) : null}
      <SavedField
        key={`n${k}`}
        label="What good sounds like"
        value={drill.notes}
        multiline
        rows={5}
        onSave={(notes) => void save({ notes })}
      />
      <SavedField
        key={`g${k}`}
        label="Tags (comma-separated)"
        value={drill.tags.join(', ')}
        onSave={(text) =>
          void save({
            tags: [
              ...new Set(
                text
                  .split(',')
                  .map((t) => t.trim())
                  .filter(Boolean),
              ),
            ],
          })
        }
      />
    </section>
  );
}

/** `#/drills/<id>` (the drill and its history) and `#/drills/<id>/run` (the runner). */
export function DrillScreen({ drillId, run }: { drillId: string; run: boolean }) {
  const { drill, history, error, open, refreshHistory, remove } = useDrills();

  useEffect(() => {
    void open(drillId);
  }, [drillId, open]);

  useEffect(
    () =>
      api.on('attempts.changed', (e) => {
        if (e.drillId === drillId) void useDrills.getState().refreshHistory();
      }),
    [drillId],
  );
  const onKept = useCallback(() => void refreshHistory(), [refreshHistory]);

  if (error) {
    return (
      <div className="screen">
        <EmptyState
          title="This drill is not here any more"
          action={
            <a className="button button-primary" href="#/drills">
              Back to drills
            </a>
          }
        >
          {error}
        </EmptyState>
      </div>
    );
  }
  if (!drill || drill.id !== drillId || !history) return <div className="screen" aria-busy="true" />;

  return (
    <div className="screen screen-wide drill-screen">
      <header className="drill-header">
        <a className="button button-quiet" href="#/drills">
          ← Drills
        </a>
        <h1>{drill.title}</h1>
        {drill.deletedAt ? <span className="badge">In the trash</span> : null}
        <div className="drill-header-actions">
          {run ? (
            <a className="button" href={`#/drills/${encodeURIComponent(drill.id)}`}>
              Edit and history
            </a>
          ) : (
            <>
              <a className="button button-primary" href={`#/drills/${encodeURIComponent(drill.id)}/run`}>
                Run drill
              </a>
              <button
                type="button"
                className="button button-quiet"
                onClick={() => {
                  void remove(drill);
                  window.location.hash = '#/drills';
                }}
              >
                Move to trash
              </button>
            </>
          )}
        </div>
      </header>
      {run ? (
        <>
          <DrillRunner key={drill.id} drill={drill} onKept={onKept} />
          <DrillHistory drill={drill} history={history} />
        </>
      ) : (
        <div className="drill-detail">
          <DrillEditor drill={drill} />
          <DrillHistory drill={drill} history={history} />
        </div>
      )}
    </div>
  );
}
