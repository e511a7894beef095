// Display formats shared by every screen. Times are shown in UTC (what the store records and what an
// audit report quotes); the local time is offered as a tooltip.

import { currentLanguage, t } from '../i18n/index.ts';

// Grouping follows the reader's language (the same in English and Chinese: 12,345).
const counts = new Map<string, Intl.NumberFormat>();

export function formatCount(value: number): string {
  const language = currentLanguage();
  let format = counts.get(language);
  if (!format) counts.set(language, (format = new Intl.NumberFormat(language)));
  return format.format(value);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return t('format.bytesSmall', { bytes });
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return t('format.bytes', { size: `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`, count: bytes });
}

/** `2026-04-11 11:47:07.709Z`; anything that is not a valid time is shown unchanged. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms).toISOString().replace('T', ' ');
}

/** Compact form for dense tables: no milliseconds. */
export function formatTimeShort(iso: string | null | undefined): string {
  const full = formatTime(iso);
  return full.replace(/\.\d{3}Z$/, 'Z');
}

export function localTimeTitle(iso: string | null | undefined): string | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : t('format.localTime', { time: new Date(ms).toLocaleString(currentLanguage()) });
}

export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1000) return t('format.ms', { n: Math.round(ms) });
  if (abs < 60_000) return t('format.s', { n: (ms / 1000).toFixed(1) });
  if (abs < 3_600_000) return t('format.min', { n: (ms / 60_000).toFixed(1) });
  if (abs < 86_400_000) return t('format.h', { n: (ms / 3_600_000).toFixed(1) });
  return t('format.days', { n: (ms / 86_400_000).toFixed(1) });
}

export function shortHash(hash: string | null | undefined, length = 12): string {
  if (!hash) return '—';
  return hash.length > length ? `${hash.slice(0, length)}…` : hash;
}

/** The file name of a path, for the header (Windows or POSIX separators). */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/** The actor recorded in an event's metadata (the field the store indexes and the timeline filters on). */
export function actorOf(metadata: Record<string, unknown> | null | undefined): string | null {
  return metadataText(metadata, 'actor');
}

export function metadataText(metadata: Record<string, unknown> | null | undefined, ...keys: string[]): string | null {
  if (!metadata || typeof metadata !== 'object') return null;
  for (const key of keys) {
    const value = (metadata as Record<string, unknown>)[key];
    if (typeof value === 'string' && value) return value;
  }
  return null;
}

/** `<folder>/<name without extension><suffix>` beside `file`: where a new store made from it goes. */
export function besidePath(file: string, suffix = '.ledger.db'): string {
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  const folder = file.slice(0, cut + 1);
  const name = file.slice(cut + 1);
  const stem = name.replace(/\.[^.]+$/, '') || name;
  return `${folder}${stem}${suffix}`;
}
