// Display formats shared by every screen. Times are shown in UTC (what the store records and what an
// audit report quotes) unless the reader switches the header to local time (lib/timeZone.ts); the
// other clock is offered as a tooltip, and every time names its zone.

import { currentLanguage, t } from '../i18n/index.ts';
import { getLocalZone, getTimeMode, type TimeMode } from './timeZone.ts';

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

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/** `2026-04-11 17:17:07.709` and `+05:30` of an instant in a zone (Intl, so daylight saving is right). */
function wallClock(ms: number, zone: string): { text: string; offset: string } {
  let format = wallClocks.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      fractionalSecondDigits: 3,
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    wallClocks.set(zone, format);
  }
  const part: Record<string, string> = {};
  for (const p of format.formatToParts(ms)) part[p.type] = p.value;
  // longOffset is "GMT+05:30", or "GMT" alone at offset zero.
  const offset = part.timeZoneName === 'GMT' ? '+00:00' : (part.timeZoneName ?? '').replace(/^GMT/, '');
  return { text: `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}.${part.fractionalSecond}`, offset };
}

/** An instant in the chosen clock, zone named: `2026-04-11 11:47:07.709Z` in UTC, `2026-04-11 17:17:07.709 +05:30` in local time. */
function inMode(ms: number, mode: TimeMode): string {
  if (mode === 'utc') return new Date(ms).toISOString().replace('T', ' ');
  const { text, offset } = wallClock(ms, getLocalZone());
  return `${text} ${offset}`;
}

/** The time in the clock chosen in the header (UTC unless switched); anything that is not a valid time is shown unchanged. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return inMode(ms, getTimeMode());
}

/** Compact form for dense tables: no milliseconds. */
export function formatTimeShort(iso: string | null | undefined): string {
  return formatTime(iso).replace(/\.\d{3}(?=Z$| [+-]\d{2}:\d{2}$)/, '');
}

/** The wall-clock digits alone (`2026-04-11 17:17:07.709`) in the chosen clock, for axis labels. */
export function wallClockText(ms: number): string {
  return getTimeMode() === 'utc' ? new Date(ms).toISOString().slice(0, 23).replace('T', ' ') : wallClock(ms, getLocalZone()).text;
}

/** The clock times are read in, for column heads: "UTC" or "local". */
export function clockName(): string {
  return getTimeMode() === 'utc' ? t('timeZone.clock.utc') : t('timeZone.clock.local');
}

/** The same instant in the other clock, for a tooltip: the local time when reading UTC, and UTC when reading local time. */
export function otherZoneTitle(iso: string | null | undefined): string | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  return getTimeMode() === 'utc'
    ? t('format.localTime', { time: inMode(ms, 'local'), zone: getLocalZone() })
    : t('format.utcTime', { time: inMode(ms, 'utc') });
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
