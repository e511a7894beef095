// Multi-select of event types with their counts (from the store stats), searchable for stores with
// hundreds of types.
import { useEffect, useRef, useState } from 'react';
import type { TypeCount } from '../../../../shared/types.ts';
import { formatCount } from '../../lib/format.ts';
import { SafeText, visibleText } from '../../lib/safeText.tsx';
import { typeColor } from './palette.ts';
import { useT } from '../../i18n/index.ts';

export function TypePicker({ types, selected, onChange }: { types: TypeCount[]; selected: string[]; onChange: (types: string[]) => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [needle, setNeedle] = useState('');
  const box = useRef<HTMLDivElement>(null);
  const all = types.map((c) => c.type);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => box.current && !box.current.contains(e.target as Node) && setOpen(false);
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('mousedown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('mousedown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);
  const shown = types.filter((c) => !needle || c.type.toLowerCase().includes(needle.toLowerCase())).slice(0, 300);
  const toggle = (type: string) => onChange(selected.includes(type) ? selected.filter((s) => s !== type) : [...selected, type]);
  return (
    <div className="type-picker" ref={box}>
      <button type="button" className="select-button" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="timeline-types">
        {selected.length === 0 ? t('types.all') : selected.length === 1 ? selected[0].slice(0, 40) : t('types.count', { count: selected.length })}
        <span aria-hidden="true"> ▾</span>
      </button>
      {open && (
        <div className="popover type-popover" role="dialog" aria-label={t('types.label')}>
          <input type="search" placeholder={t('types.find.placeholder')} value={needle} onChange={(e) => setNeedle(e.target.value)} autoFocus aria-label={t('types.find')} />
          <div className="type-list">
            {shown.map((c) => (
              <label key={c.type} className="type-option">
                <input type="checkbox" checked={selected.includes(c.type)} onChange={() => toggle(c.type)} data-testid="timeline-type-option" data-type={c.type} />
                <span className="swatch" style={{ background: typeColor(c.type, all) }} />
                <span className="ellipsis" title={visibleText(c.type)}>
                  <SafeText text={c.type} max={80} />
                </span>
                <span className="muted small num">{formatCount(c.count)}</span>
              </label>
            ))}
          </div>
          <div className="popover-foot">
            <button type="button" className="link-button" onClick={() => onChange([])}>
              {t('types.all')}
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              {t('types.done')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
