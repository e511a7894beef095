// The plot from the keyboard: ←/→ move a cursor over the bars (Shift+←/→ selects a run of them),
// Enter narrows the time range to the selection (what a drag does), +/− zoom in/out around the
// cursor, PgUp/PgDn pan by half the shown span, Home goes back to every time. Pure, so it is tested.

export interface PlotKeyState {
  cursor: number | null;
  anchor: number | null;
  /** Bars in the plot. */
  n: number;
  startMs: number;
  endMs: number;
  /** Zooming out, panning and resetting widen the range: screens whose range only narrows (search) say no. */
  widen: boolean;
}

export type PlotKeyResult =
  | { kind: 'cursor'; cursor: number; anchor: number | null }
  | { kind: 'narrow'; lo: number; hi: number }
  | { kind: 'range'; fromMs: number; toMs: number }
  | { kind: 'reset' }
  | null;

/** The narrowest range zooming in goes to. */
export const MIN_SPAN_MS = 1000;

export function plotKey(key: string, shift: boolean, state: PlotKeyState): PlotKeyResult {
  const { cursor, anchor, n, startMs, endMs, widen } = state;
  if (n <= 0) return null;
  const span = Math.max(1, endMs - startMs);
  const barMs = span / n;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowLeft': {
      const delta = key === 'ArrowRight' ? 1 : -1;
      const next = cursor === null ? (delta > 0 ? 0 : n - 1) : Math.min(n - 1, Math.max(0, cursor + delta));
      return { kind: 'cursor', cursor: next, anchor: shift ? (anchor ?? cursor ?? next) : null };
    }
    case 'Enter':
    case ' ': {
      if (cursor === null) return null;
      const other = anchor ?? cursor;
      return { kind: 'narrow', lo: Math.min(cursor, other), hi: Math.max(cursor, other) };
    }
    case '+':
    case '=': {
      if (span <= MIN_SPAN_MS) return null;
      const half = Math.max(MIN_SPAN_MS, span / 2) / 2;
      const centre = cursor === null ? startMs + span / 2 : startMs + (cursor + 0.5) * barMs;
      // Inside what is shown: zooming in at the edge does not reach past it.
      const from = Math.min(Math.max(startMs, centre - half), endMs - 2 * half);
      return { kind: 'range', fromMs: Math.round(from), toMs: Math.round(from + 2 * half) };
    }
    case '-':
    case '_': {
      if (!widen) return null;
      const centre = startMs + span / 2;
      return { kind: 'range', fromMs: Math.round(centre - span), toMs: Math.round(centre + span) };
    }
    case 'PageUp':
    case 'PageDown': {
      if (!widen) return null;
      const shiftBy = (key === 'PageDown' ? 1 : -1) * (span / 2);
      return { kind: 'range', fromMs: Math.round(startMs + shiftBy), toMs: Math.round(endMs + shiftBy) };
    }
    case 'Home':
      return widen ? { kind: 'reset' } : null;
    case 'Escape':
      return cursor === null && anchor === null ? null : { kind: 'cursor', cursor: cursor ?? 0, anchor: null };
    default:
      return null;
  }
}
