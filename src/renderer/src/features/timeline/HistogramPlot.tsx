// Events over time by type: stacked bars drawn as SVG. Hover a bar for its counts; drag across the
// plot (or click one bar) to narrow the time range; click a legend entry to filter by that type.
// From the keyboard the plot is one Tab stop (plotKeys.ts), and "Show as table" lists its counts.
import { useEffect, useId, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type MouseEvent as ReactMouseEvent, type RefObject } from 'react';
import { plotKey } from './plotKeys.ts';
import './plotKeys.css';
import type { Histogram } from '../../../../shared/types.ts';
import { formatCount, formatTime, wallClockText } from '../../lib/format.ts';
import { visibleText } from '../../lib/safeText.tsx';
import { typeColor } from './palette.ts';
import { useT } from '../../i18n/index.ts';
import { Message } from '../../i18n/Message.tsx';

const HEIGHT = 170;
const PAD = { left: 48, right: 12, top: 10, bottom: 26 };

function useWidth(ref: RefObject<HTMLDivElement | null>): number {
  const [width, setWidth] = useState(800);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.max(300, Math.floor(entry.contentRect.width))));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

function niceMax(value: number): number {
  // Even, so the middle grid line is a whole number of events.
  if (value <= 10) return Math.max(2, value + (value % 2));
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** An axis label in the header's clock (UTC or local; the plot's label and tooltip name the zone). */
function tickLabel(ms: number, spanMs: number): string {
  const wall = wallClockText(ms);
  if (spanMs > 90 * 86_400_000) return wall.slice(0, 10);
  if (spanMs > 2 * 86_400_000) return `${wall.slice(5, 10)} ${wall.slice(11, 16)}`;
  return wall.slice(11, 19);
}

export interface HistogramPlotProps {
  histogram: Histogram;
  allTypes: readonly string[];
  selectedTypes: readonly string[];
  onRange: (fromIso: string, toIso: string) => void;
  onToggleType: (type: string) => void;
  /** Home from the keyboard: every time again. Without it (search: its range only narrows), the
   * keys that widen the range (−, PgUp/PgDn, Home) do nothing. */
  onReset?: () => void;
}

export function HistogramPlot({ histogram, allTypes, selectedTypes, onRange, onToggleType, onReset }: HistogramPlotProps) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const [hover, setHover] = useState<number | null>(null);
  const [drag, setDrag] = useState<{ start: number; end: number } | null>(null);
  const buckets = histogram.buckets;
  const n = buckets.length;
  const plotW = width - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const totals = buckets.map((b) => b.counts.reduce((s, c) => s + c, 0));
  const yMax = niceMax(Math.max(0, ...totals));
  const barW = n > 0 ? plotW / n : plotW;
  const startMs = histogram.from ? Date.parse(histogram.from) : 0;
  const endMs = histogram.to ? Date.parse(histogram.to) : 0;
  const span = Math.max(1, endMs - startMs);

  const bucketAt = (event: ReactMouseEvent<SVGSVGElement>): number | null => {
    const rect = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - rect.left - PAD.left;
    if (n === 0 || x < 0 || x > plotW) return null;
    return Math.min(n - 1, Math.max(0, Math.floor(x / barW)));
  };
  const bucketRange = (a: number, b: number): [string, string] => {
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    const from = Date.parse(buckets[lo].start);
    const to = hi + 1 < n ? Date.parse(buckets[hi + 1].start) - 1 : Math.max(endMs, from + histogram.bucketMs - 1);
    return [new Date(from).toISOString(), new Date(to).toISOString()];
  };

  const ticks = Math.min(6, n);
  const present = histogram.types;

  // The keyboard's cursor and selection: shown like the mouse's hover and drag.
  const [cursor, setCursor] = useState<number | null>(null);
  const [anchor, setAnchor] = useState<number | null>(null);
  const [focused, setFocused] = useState(false);
  const [table, setTable] = useState(false);
  const tableId = useId();
  const keyCursor = focused && cursor !== null && cursor < n ? cursor : null;
  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const result = plotKey(event.key, event.shiftKey, { cursor: keyCursor, anchor: keyCursor === null ? null : anchor, n, startMs, endMs: Math.max(endMs, startMs + 1), widen: onReset !== undefined });
    if (!result) return;
    event.preventDefault();
    if (result.kind === 'cursor') {
      setCursor(result.cursor);
      setAnchor(result.anchor);
    } else if (result.kind === 'narrow') {
      const [from, to] = bucketRange(result.lo, result.hi);
      setAnchor(null);
      onRange(from, to);
    } else if (result.kind === 'range') {
      setAnchor(null);
      onRange(new Date(result.fromMs).toISOString(), new Date(result.toMs).toISOString());
    } else onReset?.();
  };
  const shownBar = hover ?? keyCursor;
  const brush = drag ?? (keyCursor !== null && anchor !== null ? { start: anchor, end: keyCursor } : null);
  const keyText = (() => {
    if (keyCursor === null) return '';
    if (anchor === null) return t('plot.keys.bar', { time: formatTime(buckets[keyCursor].start), count: totals[keyCursor] });
    const lo = Math.min(anchor, keyCursor);
    const hi = Math.max(anchor, keyCursor);
    const count = totals.slice(lo, hi + 1).reduce((a, b) => a + b, 0);
    return t('plot.keys.selection', { from: formatTime(buckets[lo].start), to: formatTime(buckets[hi].start), count, bars: hi - lo + 1 });
  })();

  return (
    <div className="histogram" ref={box} data-testid="timeline-plot">
      <div
        className="plot-keys"
        tabIndex={0}
        role="group"
        aria-label={t('plot.keys.label')}
        onKeyDown={onKeyDown}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        data-testid="plot-keys"
        data-cursor={keyCursor ?? undefined}
      >
      <svg
        width={width}
        height={HEIGHT}
        role="img"
        aria-label={t('plot.label', { count: histogram.total, from: formatTime(histogram.from), to: formatTime(histogram.to) })}
        onMouseMove={(e) => {
          const index = bucketAt(e);
          setHover(index);
          if (drag && index !== null) setDrag({ ...drag, end: index });
        }}
        onMouseLeave={() => {
          setHover(null);
          setDrag(null);
        }}
        onMouseDown={(e) => {
          const index = bucketAt(e);
          if (index !== null) setDrag({ start: index, end: index });
        }}
        onMouseUp={() => {
          if (drag && n > 0) {
            const [from, to] = bucketRange(drag.start, drag.end);
            onRange(from, to);
          }
          setDrag(null);
        }}
      >
        {/* y axis */}
        {[0, 0.5, 1].map((f) => {
          const y = PAD.top + plotH - f * plotH;
          return (
            <g key={f}>
              <line x1={PAD.left} x2={width - PAD.right} y1={y} y2={y} className="plot-grid" />
              <text x={PAD.left - 6} y={y + 4} textAnchor="end" className="plot-label">
                {formatCount(Math.round(yMax * f))}
              </text>
            </g>
          );
        })}
        {/* bars: stacked by type */}
        {buckets.map((bucket, i) => {
          let y = PAD.top + plotH;
          const x = PAD.left + i * barW;
          return (
            <g key={bucket.start} className={hover === i ? 'plot-bar hover' : 'plot-bar'}>
              {bucket.counts.map((count, ti) => {
                if (count === 0) return null;
                const h = (count / yMax) * plotH;
                y -= h;
                return <rect key={ti} x={x + 0.5} y={y} width={Math.max(1, barW - 1)} height={Math.max(0.5, h)} fill={typeColor(present[ti], allTypes)} />;
              })}
            </g>
          );
        })}
        {brush && (
          <rect
            className="plot-brush"
            x={PAD.left + Math.min(brush.start, brush.end) * barW}
            y={PAD.top}
            width={(Math.abs(brush.end - brush.start) + 1) * barW}
            height={plotH}
          />
        )}
        {keyCursor !== null && <rect className="plot-cursor" x={PAD.left + keyCursor * barW} y={PAD.top} width={Math.max(1, barW)} height={plotH} />}
        {/* x axis */}
        {n > 0 &&
          Array.from({ length: ticks }, (_, k) => {
            const i = Math.round((k * (n - 1)) / Math.max(1, ticks - 1));
            const x = PAD.left + i * barW + barW / 2;
            return (
              <text key={k} x={x} y={HEIGHT - 8} textAnchor={k === 0 ? 'start' : k === ticks - 1 ? 'end' : 'middle'} className="plot-label">
                {tickLabel(Date.parse(buckets[i].start), span)}
              </text>
            );
          })}
      </svg>
      </div>
      <span className="visually-hidden" aria-live="polite" data-testid="plot-keys-status">
        {keyText}
      </span>
      {shownBar !== null && buckets[shownBar] && (
        <div className="plot-tooltip" style={{ left: Math.min(width - 240, Math.max(0, PAD.left + shownBar * barW + barW + 8)) }} data-testid="plot-tooltip">
          <div className="small">
            {formatTime(buckets[shownBar].start)} <span className="muted">{t('plot.bucketMinutes', { minutes: Math.round(histogram.bucketMs / 60000) })}</span>
          </div>
          <div>
            <Message k="plot.bucketEvents" values={{ count: totals[shownBar] }} components={{ strong: <strong /> }} />
          </div>
          {buckets[shownBar].counts.map((count, ti) =>
            count > 0 ? (
              <div key={ti} className="small">
                <span className="swatch" style={{ background: typeColor(present[ti], allTypes) }} /> {visibleText(present[ti])}: {formatCount(count)}
              </div>
            ) : null,
          )}
        </div>
      )}
      <div className="plot-legend" aria-label={t('plot.legend')}>
        {present.map((type) => (
          <button
            key={type}
            type="button"
            className="legend-item"
            aria-pressed={selectedTypes.includes(type)}
            onClick={() => onToggleType(type)}
            title={selectedTypes.includes(type) ? t('plot.legend.remove') : t('plot.legend.add')}
          >
            <span className="swatch" style={{ background: typeColor(type, allTypes) }} />
            {visibleText(type).slice(0, 60)}
          </button>
        ))}
        <span className="muted small">{t('plot.dragHint')}</span>
        <button type="button" className="link-button" aria-expanded={table} aria-controls={tableId} onClick={() => setTable((v) => !v)} data-testid="plot-table-toggle">
          {table ? t('plot.table.hide') : t('plot.table.show')}
        </button>
      </div>
      {/* Scrolls when long: focusable then, so the keyboard can scroll it too. */}
      <div id={tableId} className="plot-table-wrap" hidden={!table} {...(table ? { tabIndex: 0, role: 'region', 'aria-label': t('plot.table.caption') } : {})}>
        {table && (
          <table className="mini-table plot-table" data-testid="plot-table">
            <caption>{t('plot.table.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('plot.table.start')}</th>
                <th scope="col" className="num">
                  {t('plot.table.total')}
                </th>
                {present.map((type) => (
                  <th scope="col" key={type} className="num">
                    {visibleText(type).slice(0, 60)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {buckets.map((bucket, i) => (
                <tr key={bucket.start} data-testid="plot-table-row">
                  <th scope="row" className="mono">
                    {formatTime(bucket.start)}
                  </th>
                  <td className="num">{formatCount(totals[i])}</td>
                  {bucket.counts.map((count, ti) => (
                    <td key={ti} className="num">
                      {formatCount(count)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
