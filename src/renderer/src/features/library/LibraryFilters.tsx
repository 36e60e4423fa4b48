import { useEffect, useId, useState } from 'react';
import type { CallProgressFilter, CallType } from '../../../../shared/domain';
import { CALL_PROGRESS_FILTERS, CALL_PROGRESS_LABELS, CALL_TYPE_LABELS, CALL_TYPES } from '../../../../shared/domain';
import type { Tracker } from '../../../../shared/domain';
import { api } from '../../api/client';
import { usePeople } from '../people/store';
import { DEFAULT_FILTERS, useLibrary } from './store';

/** Search waits for a pause in typing so 10,000 calls are not re-listed on every key. */
function SearchBox() {
  const setFilters = useLibrary((s) => s.setFilters);
  const current = useLibrary((s) => s.filters.search);
  const [text, setText] = useState(current);
  useEffect(() => {
    if (text === current) return;
    const timer = window.setTimeout(() => setFilters({ search: text }), 200);
    return () => window.clearTimeout(timer);
  }, [text, current, setFilters]);
  return (
    <input
      type="search"
      className="library-search"
      aria-label="Search calls"
      placeholder="Search calls, transcripts, comments…"
      value={text}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setText('');
      }}
    />
  );
}

/** The keyword trackers, kept current as they are edited in Settings. */
function useTrackerList(): Tracker[] {
  const [trackers, setTrackers] = useState<Tracker[]>([]);
  useEffect(() => {
    let live = true;
    const load = () => void api.trackers.list().then((r) => live && r.ok && setTrackers(r.value));
    load();
    const off = api.on('trackers.changed', load);
    return () => {
      live = false;
      off();
    };
  }, []);
  return trackers;
}

export function LibraryFilters() {
  const { filters, tags, setFilters } = useLibrary();
  const people = usePeople((s) => s.people);
  const trackers = useTrackerList();
  const ids = {
    rep: useId(),
    type: useId(),
    tag: useId(),
    progress: useId(),
    tracker: useId(),
    from: useId(),
    to: useId(),
  };
  const active =
    filters.repId ||
    filters.callType ||
    filters.tag ||
    filters.progress ||
    filters.trackerId ||
    filters.dateFrom ||
    filters.dateTo ||
    filters.search
      ? true
      : false;
  return (
    <div className="library-filters" role="search" aria-label="Filter calls">
      <SearchBox key={filters.search === '' ? 'cleared' : 'search'} />
      <span className="filter-field">
        <label htmlFor={ids.rep}>Rep</label>
        <select id={ids.rep} value={filters.repId} onChange={(e) => setFilters({ repId: e.target.value })}>
          <option value="">Anyone</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </span>
      <span className="filter-field">
        <label htmlFor={ids.type}>Type</label>
        <select
          id={ids.type}
          value={filters.callType}
          onChange={(e) => setFilters({ callType: e.target.value as CallType | '' })}
        >
          <option value="">Any type</option>
          {CALL_TYPES.map((t) => (
            <option key={t} value={t}>
              {CALL_TYPE_LABELS[t]}
            </option>
          ))}
        </select>
      </span>
      <span className="filter-field">
        <label htmlFor={ids.tag}>Tag</label>
        <select id={ids.tag} value={filters.tag} onChange={(e) => setFilters({ tag: e.target.value })}>
          <option value="">Any tag</option>
          {tags.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </span>
      <span className="filter-field">
        <label htmlFor={ids.progress}>Status</label>
        <select
          id={ids.progress}
          value={filters.progress}
          onChange={(e) => setFilters({ progress: e.target.value as CallProgressFilter | '' })}
        >
          <option value="">Any status</option>
          {CALL_PROGRESS_FILTERS.map((p) => (
            <option key={p} value={p}>
              {CALL_PROGRESS_LABELS[p]}
            </option>
          ))}
        </select>
      </span>
      <span className="filter-field">
        <label htmlFor={ids.tracker}>Tracker</label>
        <select id={ids.tracker} value={filters.trackerId} onChange={(e) => setFilters({ trackerId: e.target.value })}>
          <option value="">Any tracker</option>
          {trackers.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </span>
      <span className="filter-field">
        <label htmlFor={ids.from}>From</label>
        <input
          id={ids.from}
          type="date"
          value={filters.dateFrom}
          onChange={(e) => setFilters({ dateFrom: e.target.value })}
        />
      </span>
      <span className="filter-field">
        <label htmlFor={ids.to}>To</label>
        <input
          id={ids.to}
          type="date"
          value={filters.dateTo}
          onChange={(e) => setFilters({ dateTo: e.target.value })}
        />
      </span>
      {active && (
        <button
          type="button"
          className="button button-quiet"
          onClick={() =>
            setFilters({ ...DEFAULT_FILTERS, trash: filters.trash, sort: filters.sort, direction: filters.direction })
          }
        >
          Clear filters
        </button>
      )}
    </div>
  );
}
