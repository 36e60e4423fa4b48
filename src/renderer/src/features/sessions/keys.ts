/** Typing into a field must never move the agenda, play or stop the timer. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

/** The facilitator's keys, shown in the control view as they are handled. */
export const SESSION_KEYS: ReadonlyArray<{ keys: string[]; does: string }> = [
  { keys: ['N', 'Page Down'], does: 'next item' },
  { keys: ['P', 'Page Up'], does: 'previous item' },
  { keys: ['Space'], does: 'play or pause' },
  { keys: ['T'], does: 'start or stop the timer' },
];

export type SessionKeyAction = 'next' | 'previous' | 'timer';

/** The session action for a keydown in the control view, or null. Space is the clip player's. */
export function sessionKeyAction(e: KeyboardEvent): SessionKeyAction | null {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return null;
  // A dialog (a confirmation) owns the keyboard while it is open.
  if (document.querySelector('[role="dialog"], [role="alertdialog"]')) return null;
  switch (e.key) {
    case 'n':
    case 'N':
    case 'PageDown':
      return 'next';
    case 'p':
    case 'P':
    case 'PageUp':
      return 'previous';
    case 't':
    case 'T':
      return 'timer';
    default:
      return null;
  }
}
