import * as Dialog from '@radix-ui/react-dialog';
import { SHORTCUTS } from './keyboard';

/** The `?` sheet: every player shortcut, from the same table the key handler uses. */
export function ShortcutSheet({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog shortcut-sheet">
          <Dialog.Title className="dialog-title">Keyboard shortcuts</Dialog.Title>
          <Dialog.Description className="dialog-description">
            They work anywhere on the call screen, except while you type in a field.
          </Dialog.Description>
          <table className="shortcut-table">
            <thead className="visually-hidden">
              <tr>
                <th scope="col">Keys</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {SHORTCUTS.map(({ keys, does }) => (
                <tr key={does}>
                  <td>
                    {keys.map((k, i) => (
                      <span key={k}>
                        {i > 0 ? ' ' : null}
                        <kbd>{k}</kbd>
                      </span>
                    ))}
                  </td>
                  <td>{does}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="dialog-actions">
            <Dialog.Close className="button">Close</Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
