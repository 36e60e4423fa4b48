import { useState } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/unwrap';
import { reportError, useNotices } from '../../app/notices';
import { useRouter } from '../../app/router';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DEFAULT_FILTERS, useLibrary } from '../library/store';

/** A strip under the call's header: this is the shipped sample, and it can be removed (asked first). */
export function SampleBanner() {
  const go = useRouter((s) => s.go);
  const [confirming, setConfirming] = useState(false);
  const remove = async () => {
    try {
      await unwrap(api.calls.removeSample());
      // Back to the whole library (not a search that found the sample), where it can be opened again.
      useLibrary.getState().setFilters(DEFAULT_FILTERS);
      go('library');
      useNotices.getState().show({
        kind: 'info',
        text: 'The sample call was removed. Open it again any time from the empty library.',
      });
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <div className="sample-banner" role="note" aria-label="Sample call">
      <span className="chip chip-sample">Sample</span>
      <p>
        This is the sample call that ships with Gamefilm: a scripted discovery call with a coach’s annotations and a
        scorecard, to look around before your own calls are in.
      </p>
      <button type="button" className="button button-quiet" onClick={() => setConfirming(true)}>
        Remove the sample…
      </button>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Remove the sample call?"
        description="The sample call, its recording, annotations, scorecard and the two sample people are deleted. Your own calls are not touched."
        confirmLabel="Remove the sample"
        onConfirm={() => void remove()}
      />
    </div>
  );
}
