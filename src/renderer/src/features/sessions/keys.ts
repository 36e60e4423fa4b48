const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date', 'time']);

/**
 * Typing text: a key there is a character (or a caret move) for the field.
 * Buttons, checkboxes, radios and sliders are not typing: the session's keys
 * work on them (Space on a focused "Next →" must not press it).
 */
export function isTypingText(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type);
}

/** The facilitator's keys, shown in the control view as they are handled. */
export const SESSION_KEYS: ReadonlyArray<{ keys: string[]; does: string }> = [
  { keys: ['N', 'Page Down'], does: 'next item' },
  { keys: ['P', 'Page Up'], does: 'previous item' },
  { keys: ['Space'], does: 'play or pause' },
  { keys: ['T'], does: 'start or stop the timer' },
  { keys: ['Esc'], does: 'leave a text field' },
];

export type SessionKeyAction = 'next' | 'previous' | 'timer' | 'play' | 'leave-field';

/**
 * The session action for a keydown in the control view, or null. The keys
 * work whatever has focus, except that while text is being typed only the
 * clicker's Page Down / Page Up act (they type nothing) and Escape leaves
 * the field.
 */
export function sessionKeyAction(e: KeyboardEvent): SessionKeyAction | null {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return null;
  // A dialog (a confirmation) owns the keyboard while it is open.
  if (document.querySelector('[role="dialog"], [role="alertdialog"]')) return null;
  const typing = isTypingText(e.target);
  switch (e.key) {
    case 'PageDown':
      return 'next';
    case 'PageUp':
      return 'previous';
    case 'Escape':
      return typing ? 'leave-field' : null;
  }
  if (typing) return null;
  switch (e.key) {
    case 'n':
    case 'N':
      return 'next';
    case 'p':
    case 'P':
      return 'previous';
    case 't':
    case 'T':
      return 'timer';
    case ' ':
    case 'k':
    case 'K':
      return 'play';
    default:
      return null;
  }
}
