import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { Call, CallSortField, CallTranscription } from '../../../../shared/domain';
import { CALL_TYPE_LABELS } from '../../../../shared/domain';
import { useRouter } from '../../app/router';
import { formatDate, formatDuration } from '../../lib/format';
import { usePeople } from '../people/store';
import { useLibrary } from './store';

const ROW_HEIGHT = 48;

const COLUMNS: Array<{ key: string; label: string; sort?: CallSortField }> = [
  { key: 'title', label: 'Title', sort: 'title' },
  { key: 'rep', label: 'Rep' },
  { key: 'customer', label: 'Customer', sort: 'customer' },
  { key: 'type', label: 'Type' },
  { key: 'date', label: 'Date', sort: 'callDate' },
  { key: 'duration', label: 'Length', sort: 'duration' },
  { key: 'tags', label: 'Tags' },
  { key: 'status', label: 'Status' },
  { key: 'actions', label: 'Actions' },
];

const TRANSCRIPTION_LABELS: Record<CallTranscription, string> = {
  none: 'Not transcribed',
  transcribing: 'Transcribing…',
  failed: 'Transcription failed',
  transcribed: 'Transcribed',
};

/** Where the call stands: its file, its transcript, and how many people reviewed it. */
function CallProgress({ call }: { call: Call }) {
  if (call.status === 'missing') return <span className="status status-missing">File missing</span>;
  return (
    <span className="call-progress">
      <span className={`status status-transcript-${call.transcription}`}>
        {TRANSCRIPTION_LABELS[call.transcription]}
      </span>
      {call.reviewedBy > 0 && <span className="call-reviewed">Reviewed by {call.reviewedBy}</span>}
    </span>
  );
}

function SortHeader({ column }: { column: (typeof COLUMNS)[number] }) {
  const { filters, setFilters } = useLibrary();
  if (!column.sort) {
    return (
      <div role="columnheader" className={`cell cell-${column.key}`}>
        {column.key === 'actions' ? <span className="visually-hidden">{column.label}</span> : column.label}
      </div>
    );
  }
  const active = filters.sort === column.sort;
  const next = active && filters.direction === 'desc' ? 'asc' : 'desc';
  return (
    <div
      role="columnheader"
      className={`cell cell-${column.key}`}
      aria-sort={active ? (filters.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <button type="button" className="sort-button" onClick={() => setFilters({ sort: column.sort!, direction: next })}>
        {column.label}
        <span aria-hidden="true">{active ? (filters.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </div>
  );
}

function CallRow({ call, index, top }: { call: Call; index: number; top: number }) {
  const openCall = useRouter((s) => s.openCall);
  const { moveToTrash, restore, filters } = useLibrary();
  const rep = usePeople((s) => s.people.find((p) => p.id === call.repId));
  const open = () => openCall(call.id);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-label={call.title}
      className="call-row"
      style={{ transform: `translateY(${top}px)` }}
      tabIndex={0}
      onDoubleClick={open}
      onKeyDown={(e) => {
        if (e.target !== e.currentTarget) return;
        if (e.key === 'Enter') open();
        if ((e.key === 'Delete' || e.key === 'Backspace') && !filters.trash) void moveToTrash([call]);
      }}
    >
      <div role="cell" className="cell cell-title">
        <button type="button" className="link-button" onClick={open} title={call.sourceName}>
          {call.title}
        </button>
        {call.isSample && <span className="chip chip-sample">Sample</span>}
      </div>
      <div role="cell" className="cell cell-rep">
        {rep?.name ?? '—'}
      </div>
      <div role="cell" className="cell cell-customer">
        {call.customer || '—'}
      </div>
      <div role="cell" className="cell cell-type">
        {CALL_TYPE_LABELS[call.callType]}
      </div>
      <div role="cell" className="cell cell-date">
        {formatDate(call.callDate ?? call.createdAt.slice(0, 10))}
      </div>
      <div role="cell" className="cell cell-duration">
        {formatDuration(call.media.durationSec)}
      </div>
      <div role="cell" className="cell cell-tags">
        {call.tags.map((t) => (
          <span key={t} className="chip">
            {t}
          </span>
        ))}
      </div>
      <div role="cell" className="cell cell-status">
        <CallProgress call={call} />
      </div>
      <div role="cell" className="cell cell-actions">
        {filters.trash ? (
          <button
            type="button"
            className="button button-quiet"
            onClick={() => void restore([call.id])}
            aria-label={`Restore ${call.title}`}
          >
            Restore
          </button>
        ) : (
          <button
            type="button"
            className="button button-quiet"
            onClick={() => void moveToTrash([call])}
            aria-label={`Move ${call.title} to the trash`}
          >
            Trash
          </button>
        )}
      </div>
    </div>
  );
}

/**
 * The library as a virtualized table: only the rows in view are in the DOM,
 * so 10,000 calls scroll as smoothly as ten.
 */
export function CallTable({ calls }: { calls: Call[] }) {
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design.
  const virtualizer = useVirtualizer({
    count: calls.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  return (
    <div role="table" aria-label="Calls" aria-rowcount={calls.length + 1} className="call-table">
      <div role="rowgroup" className="call-table-head">
        <div role="row" aria-rowindex={1} className="call-row call-row-head">
          {COLUMNS.map((c) => (
            <SortHeader key={c.key} column={c} />
          ))}
        </div>
      </div>
      <div ref={scroller} className="call-table-body" role="rowgroup">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => (
            <CallRow key={calls[item.index]!.id} call={calls[item.index]!} index={item.index} top={item.start} />
          ))}
        </div>
      </div>
    </div>
  );
}
