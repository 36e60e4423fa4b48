import { useState } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/unwrap';
import { reportError, useNotices } from '../../app/notices';
import { useRouter } from '../../app/router';
import { ConfirmDialog } from '../../components/ConfirmDialog';

/** Says the call is the shipped sample, and removes it (with its sample people) once asked twice. */
export function SampleBadge() {
  const go = useRouter((s) => s.go);
  const [confirming, setConfirming] = useState(false);
  const remove = async () => {
    try {
      await unwrap(api.calls.removeSample());
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
    <>
      <span className="chip chip-sample" title="The sample call that ships with Gamefilm">
        Sample
      </span>
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
    </>
  );
}
