import { useEffect } from 'react';
import type { Id } from '../../../../shared/domain';
import { api } from '../../api/client';
import { useScorecards } from './store';

/** Loads the call's scorecards as `viewerId` sees them (blind rules apply) and follows every change. */
export function useScorecardSync(callId: Id, viewerId: Id) {
  useEffect(() => {
    void useScorecards.getState().load(callId, viewerId);
    const refresh = () => void useScorecards.getState().refresh();
    const offs = [
      api.on('scorecards.changed', (e) => {
        if (e.callId === callId) refresh();
      }),
      api.on('actionItems.changed', refresh),
      api.on('rubrics.changed', () => void useScorecards.getState().loadRubrics()),
    ];
    return () => offs.forEach((off) => off());
  }, [callId, viewerId]);
}
