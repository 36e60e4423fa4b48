import { useEffect } from 'react';
import { api } from '../../api/client';
import { useNotices } from '../../app/notices';
import { useLibrary } from './store';

/**
 * Calls imported before any model existed were never queued. When a default
 * model appears (the first download or import finishes, wherever the person
 * is in the app), offer to transcribe them — asking, because it keeps the
 * machine busy for a while.
 */
export function useTranscribeBacklogOffer(): void {
  useEffect(() => {
    let hadDefault: boolean | null = null;
    let alive = true;
    const check = async () => {
      const settings = await api.models.settings();
      if (!alive || !settings.ok) return;
      const hasDefault = settings.value.defaultModelId !== null;
      const appeared = hadDefault === false && hasDefault;
      hadDefault = hasDefault;
      if (!appeared) return;
      const backlog = await api.transcripts.backlog();
      if (!alive || !backlog.ok || backlog.value.untranscribed === 0) return;
      const n = backlog.value.untranscribed;
      useNotices.getState().show(
        {
          kind: 'info',
          text: `A transcription model is ready. ${n} call${n === 1 ? ' has' : 's have'} no transcript yet.`,
          action: {
            label: n === 1 ? 'Transcribe it' : `Transcribe all ${n}`,
            run: () => void useLibrary.getState().transcribeAll(),
          },
        },
        30_000,
      );
    };
    void check();
    const off = api.on('models.changed', () => void check());
    return () => {
      alive = false;
      off();
    };
  }, []);
}
