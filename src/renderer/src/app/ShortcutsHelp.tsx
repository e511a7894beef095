// The `?` overlay: every keyboard shortcut in one place.
import { useEffect, useRef } from 'react';
import { useT } from '../i18n/index.ts';
// Catalog keys: each shortcut's keys (`….keys`, so 然后 reads naturally) and what it does.
import { SHORTCUTS } from './shortcutList.ts';

export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (ref.current && !ref.current.open) ref.current.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-label={t('shortcuts.title')}
      data-testid="shortcuts-help"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header className="dialog-head">
        <h2>{t('shortcuts.title')}</h2>
      </header>
      <div className="dialog-body">
        <table className="kv-table">
          <tbody>
            {SHORTCUTS.map((name) => (
              <tr key={name} data-shortcut={name}>
                <th>
                  <kbd>{t(`shortcuts.${name}.keys`)}</kbd>
                </th>
                <td>{t(`shortcuts.${name}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <footer className="dialog-foot">
        <button type="button" className="primary" onClick={onClose} autoFocus>
          {t('common.close')}
        </button>
      </footer>
    </dialog>
  );
}
