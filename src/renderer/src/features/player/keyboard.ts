import { usePlayer } from './store';

/**
 * The player's keyboard map, shown as-is in the shortcut sheet.
 *
 * J and L jump 10 s back and forward (YouTube's meaning) rather than ramping
 * the speed as video editors do: a coach replays a moment far more often than
 * they scan at 4×, and the speed menu is one click away.
 */
export const SHORTCUTS: ReadonlyArray<{ keys: string[]; does: string }> = [
  { keys: ['Space'], does: 'Play or pause' },
  { keys: ['K'], does: 'Pause' },
  { keys: ['J'], does: 'Back 10 seconds' },
  { keys: ['L'], does: 'Forward 10 seconds' },
  { keys: ['←', '→'], does: 'Back or forward 5 seconds' },
  { keys: ['Shift + ←', 'Shift + →'], does: 'Back or forward 30 seconds' },
  { keys: ['+', '−'], does: 'Zoom the waveform in or out' },
  { keys: ['0'], does: 'Fit the whole call' },
  { keys: ['M'], does: 'Add an annotation at the playhead (playback keeps going)' },
  { keys: ['Shift + M'], does: 'Mute or unmute' },
  { keys: ['?'], does: 'Show these shortcuts' },
];

/** Typing into a field must never play, seek or zoom. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

/** A focused button or link keeps its own Space/Enter (pressing a focused "Zoom in" must zoom in). */
const isActivatable = (target: EventTarget | null) =>
  target instanceof HTMLElement && target.closest('button, a[href], [role="button"], summary') !== null;

/** Another dialog (a confirmation, the sheet itself) owns the keyboard while it is open. */
const dialogOpen = () => document.querySelector('[role="dialog"], [role="alertdialog"]') !== null;

/**
 * Handles one keydown for the player. Returns true when the key was used
 * (the caller then prevents the browser's default, e.g. Space scrolling).
 */
export function handlePlayerKey(e: KeyboardEvent, openShortcuts: () => void): boolean {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return false;
  if (isTyping(e.target) || dialogOpen()) return false;
  const p = usePlayer.getState();
  if (e.key === '?') {
    openShortcuts();
    return true;
  }
  if (!p.ready) return false;
  switch (e.key) {
    case ' ':
      if (isActivatable(e.target)) return false;
      if (!e.repeat) p.toggle();
      return true;
    case 'k':
    case 'K':
      p.pause();
      return true;
    case 'j':
    case 'J':
      p.skip(-10);
      return true;
    case 'l':
    case 'L':
      p.skip(10);
      return true;
    case 'ArrowLeft':
      p.skip(e.shiftKey ? -30 : -5);
      return true;
    case 'ArrowRight':
      p.skip(e.shiftKey ? 30 : 5);
      return true;
    case '+':
    case '=':
      p.zoomIn();
      return true;
    case '-':
    case '_':
      p.zoomOut();
      return true;
    case '0':
      p.zoomToFit();
      return true;
    // Plain M belongs to annotations (features/annotations); mute is Shift+M.
    case 'M':
      if (!e.shiftKey) return false;
      p.toggleMute();
      return true;
    default:
      return false;
  }
}
