import type { Call } from '../../../../shared/domain';
import { usePlayer } from '../player/store';
import { TranscriptPanel } from '../transcript/TranscriptPanel';

/** The transcript beside the player: follows its time, seeks it on a click. */
export function CallTranscript({ call }: { call: Call }) {
  const currentTime = usePlayer((s) => s.currentTime);
  const seek = usePlayer((s) => s.seek);
  return (
    <TranscriptPanel
      mediaSha256={call.media.sha256}
      currentTime={currentTime}
      onSeek={seek}
      durationSec={call.media.durationSec}
    />
  );
}
