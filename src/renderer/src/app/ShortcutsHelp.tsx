// The `?` overlay: every keyboard shortcut in one place.
import { useEffect, useRef } from 'react';

const SHORTCUTS: [string, string][] = [
  ['/', 'Focus the search box in the header (on the streams list: its own filter)'],
  ['j / k', 'Next / previous row (streams, events, timeline)'],
  ['Enter', 'Open the selected stream'],
  ['← → ↑ ↓, PgUp/PgDn, Home/End', 'Move the time-travel slider (when focused)'],
  ['[ / ]', 'Previous / next version on the state screen'],
  ['g then s / t / i / h', 'Go to streams / timeline / integrity / start'],
  ['Esc', 'Leave a field, close a dialog'],
  ['?', 'Show this help'],
];

export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (ref.current && !ref.current.open) ref.current.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-label="Keyboard shortcuts"
      data-testid="shortcuts-help"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header className="dialog-head">
        <h2>Keyboard shortcuts</h2>
      </header>
      <div className="dialog-body">
        <table className="kv-table">
          <tbody>
            {SHORTCUTS.map(([keys, what]) => (
              <tr key={keys}>
                <th>
                  <kbd>{keys}</kbd>
                </th>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <footer className="dialog-foot">
        <button type="button" className="primary" onClick={onClose} autoFocus>
          Close
        </button>
      </footer>
    </dialog>
  );
}
