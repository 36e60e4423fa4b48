import type { SessionItem } from '../../../../shared/domain';
import { timerElapsedMs } from '../../../../shared/domain';
import { clock } from './store';

/**
 * An item's time against its time box. Past the box it says so in words as
 * well as colour ("+1:20 over"), so an overrun reads without colour vision.
 */
export function TimerFace({ item, now, className }: { item: SessionItem; now: number; className?: string }) {
  const elapsed = Math.floor(timerElapsedMs(item.timer, now) / 1000);
  const over = elapsed - item.timeboxSec;
  const running = item.timer.startedAt !== null;
  return (
    <div
      className={`timer${over > 0 ? ' timer-over' : ''}${className ? ` ${className}` : ''}`}
      role="timer"
      aria-label={`Time on this item: ${clock(elapsed)} of ${clock(item.timeboxSec)}${running ? '' : ', stopped'}`}
      data-running={running}
    >
      <span className="timer-elapsed">{clock(elapsed)}</span>
      <span className="timer-box"> / {clock(item.timeboxSec)}</span>
      {over > 0 ? <span className="timer-overrun">+{clock(over)} over</span> : null}
      {!running ? <span className="timer-state">Timer stopped</span> : null}
    </div>
  );
}
