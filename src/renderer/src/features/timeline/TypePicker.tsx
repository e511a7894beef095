// Multi-select of event types with their counts (from the store stats), searchable for stores with
// hundreds of types.
import { useEffect, useRef, useState } from 'react';
import type { TypeCount } from '../../../../shared/types.ts';
import { formatCount } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { typeColor } from './palette.ts';

export function TypePicker({ types, selected, onChange }: { types: TypeCount[]; selected: string[]; onChange: (types: string[]) => void }) {
  const [open, setOpen] = useState(false);
  const [needle, setNeedle] = useState('');
  const box = useRef<HTMLDivElement>(null);
  const all = types.map((t) => t.type);
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
  const shown = types.filter((t) => !needle || t.type.toLowerCase().includes(needle.toLowerCase())).slice(0, 300);
  const toggle = (type: string) => onChange(selected.includes(type) ? selected.filter((t) => t !== type) : [...selected, type]);
  return (
    <div className="type-picker" ref={box}>
      <button type="button" className="select-button" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="timeline-types">
        {selected.length === 0 ? 'All types' : selected.length === 1 ? selected[0].slice(0, 40) : `${selected.length} types`}
        <span aria-hidden="true"> ▾</span>
      </button>
      {open && (
        <div className="popover type-popover" role="dialog" aria-label="Event types">
          <input type="search" placeholder="Find a type…" value={needle} onChange={(e) => setNeedle(e.target.value)} autoFocus aria-label="Find a type" />
          <div className="type-list">
            {shown.map((t) => (
              <label key={t.type} className="type-option">
                <input type="checkbox" checked={selected.includes(t.type)} onChange={() => toggle(t.type)} data-testid="timeline-type-option" data-type={t.type} />
                <span className="swatch" style={{ background: typeColor(t.type, all) }} />
                <span className="ellipsis">
                  <SafeText text={t.type} max={80} />
                </span>
                <span className="muted small num">{formatCount(t.count)}</span>
              </label>
            ))}
          </div>
          <div className="popover-foot">
            <button type="button" className="link-button" onClick={() => onChange([])}>
              All types
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              Done
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
