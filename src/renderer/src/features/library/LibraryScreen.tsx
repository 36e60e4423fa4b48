import { useEffect, useRef, useState } from 'react';
import type { DragEvent } from 'react';
import { IMPORTABLE_EXTENSIONS } from '../../../../shared/domain';
import { api } from '../../api/client';
import { reportError } from '../../app/notices';
import { useRouter } from '../../app/router';
import { chooseFiles } from '../../lib/choose';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { useMe } from '../people/store';
import { HomeGoals } from '../recognition/HomeGoals';
import { CallTable } from './CallTable';
import { ImportTray } from './ImportTray';
import { ImportPacketDialog } from '../packets/ImportPacketDialog';
import { SearchHits } from './SearchHits';
import { LibraryFilters } from './LibraryFilters';
import { useLibrary } from './store';

const ACCEPT = IMPORTABLE_EXTENSIONS.map((e) => `.${e}`).join(',');

/** Keeps the list and the import rows in step with the core's events. */
function useLibrarySync() {
  useEffect(() => {
    const { load, trackImport } = useLibrary.getState();
    void load();
    let timer = 0;
    const offCalls = api.on('calls.changed', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void useLibrary.getState().load(), 100);
    });
    // A transcription starting, failing or finishing changes the status column.
    const offJobs = api.on('transcription.job', (job) => {
      if (job.state === 'running' && job.progress > 0) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void useLibrary.getState().load(), 100);
    });
    // A tracker re-checked in the background changes which calls its filter finds.
    const offInsights = api.on('insights.progress', (e) => {
      if (!e.finished || !useLibrary.getState().filters.trackerId) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void useLibrary.getState().load(), 100);
    });
    const offImports = api.on('import.progress', trackImport);
    void api.calls.imports().then((r) => r.ok && r.value.forEach(trackImport));
    return () => {
      window.clearTimeout(timer);
      offCalls();
      offJobs();
      offImports();
      offInsights();
    };
  }, []);
}

export function LibraryScreen() {
  useLibrarySync();
  const { calls, loaded, filters, setFilters, importFiles, emptyTrash, imports, backlog, transcribeAll, openSample } =
    useLibrary();
  const openCall = useRouter((s) => s.openCall);
  const [openingSample, setOpeningSample] = useState(false);
  const me = useMe();
  const go = useRouter((s) => s.go);
  const picker = useRef<HTMLInputElement>(null);
  // The desktop app's own dialog (handles), or the page's file input in a browser (its change handler imports).
  const chooseCalls = () =>
    void chooseFiles('calls', picker.current)
      .then(async (handles) => {
        if (handles?.length) await importFiles(handles);
      })
      .catch(reportError);
  const [dragging, setDragging] = useState(false);
  const [confirmEmpty, setConfirmEmpty] = useState(false);
  const filtered = !!(
    filters.search ||
    filters.repId ||
    filters.callType ||
    filters.tag ||
    filters.progress ||
    filters.dateFrom ||
    filters.dateTo
  );

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (!filters.trash) void importFiles(Array.from(e.dataTransfer.files));
  };

  return (
    <div
      className={`screen screen-wide library${dragging ? ' library-dragging' : ''}`}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <header className="screen-header library-header">
        <div>
          <h1>{filters.trash ? 'Trash' : 'Library'}</h1>
          <p className="screen-lede">
            {filters.trash
              ? 'Calls moved to the trash. Restore them, or empty the trash to delete them and their recordings for good.'
              : 'Your recorded calls, ready to replay, annotate and score.'}
          </p>
        </div>
        <div className="library-actions">
          {filters.trash ? (
            <>
              <button type="button" className="button" onClick={() => setFilters({ trash: false })}>
                ← Back to library
              </button>
              <button
                type="button"
                className="button button-danger"
                disabled={calls.length === 0}
                onClick={() => setConfirmEmpty(true)}
              >
                Empty trash
              </button>
            </>
          ) : (
            <>
              <button type="button" className="button" onClick={() => setFilters({ trash: true })}>
                Trash
              </button>
              {backlog > 0 && (
                <button type="button" className="button" onClick={() => void transcribeAll()}>
                  Transcribe all ({backlog})
                </button>
              )}
              <ImportPacketDialog />
              <button type="button" className="button button-primary" onClick={chooseCalls}>
                Import calls…
              </button>
            </>
          )}
          <input
            ref={picker}
            type="file"
            multiple
            hidden
            accept={ACCEPT}
            aria-label="Choose call recordings to import"
            onChange={(e) => {
              void importFiles(Array.from(e.target.files ?? []));
              e.target.value = '';
            }}
          />
        </div>
      </header>

      <ImportTray />
      {/* The Library is where everyone lands: a rep sees their own goals first ("you vs your past"). */}
      {!filters.trash && me?.role === 'rep' ? <HomeGoals key={me.id} personId={me.id} /> : null}
      {(calls.length > 0 || filtered) && <LibraryFilters />}
      <SearchHits />

      {!loaded ? null : calls.length > 0 ? (
        <CallTable calls={calls} />
      ) : filters.trash ? (
        <EmptyState title="The trash is empty">Calls you delete wait here until you empty the trash.</EmptyState>
      ) : filtered ? (
        <EmptyState title="No calls match">
          No titles, customers, reps, tags or notes match. Moments inside calls (transcripts, annotations, scorecard
          notes), if any, are listed above.
        </EmptyState>
      ) : imports.length === 0 ? (
        <EmptyState
          title="No calls yet"
          action={
            <>
              <button type="button" className="button button-primary" onClick={chooseCalls}>
                Import calls…
              </button>
              <button
                type="button"
                className="button"
                disabled={openingSample}
                onClick={() => {
                  setOpeningSample(true);
                  void openSample().then((id) => {
                    setOpeningSample(false);
                    if (id) openCall(id);
                  });
                }}
              >
                {openingSample ? 'Opening the sample call…' : 'Open the sample call'}
              </button>
              {!me && (
                <button type="button" className="button" onClick={() => go('people')}>
                  Add your team first
                </button>
              )}
            </>
          }
        >
          <p>Drop audio or video recordings here, or choose them: {IMPORTABLE_EXTENSIONS.join(', ')}.</p>
          <p>They are copied into Gamefilm’s library folder; nothing leaves this machine.</p>
          <p>
            Or look around first: the sample call is a short discovery call with its transcript, a coach’s annotations
            and a scorecard, clearly marked and removable.
          </p>
        </EmptyState>
      ) : null}

      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop to import
        </div>
      )}
      <ConfirmDialog
        open={confirmEmpty}
        onOpenChange={setConfirmEmpty}
        title={`Delete ${calls.length} call${calls.length === 1 ? '' : 's'} for good?`}
        description="Their recordings, annotations and scores are deleted from this machine. This cannot be undone."
        confirmLabel="Empty trash"
        onConfirm={() => void emptyTrash()}
      />
    </div>
  );
}
