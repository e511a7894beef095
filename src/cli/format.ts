// Human-readable output helpers: aligned tables, one-line JSON previews, compact times.
import type { Interruption } from '../shared/projections.ts';
import type { EventRef } from '../shared/replay.ts';
import { formatNumber, t } from './i18n/index.ts';
import { failureMessage } from '../shared/projectionFailureWords.ts';

export function table(headers: string[], rows: string[][], rightAligned: number[] = []): string {
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => {
        const pad = ' '.repeat(Math.max(0, widths[i] - displayWidth(cell)));
        if (i === cells.length - 1 && !rightAligned.includes(i)) return cell;
        return rightAligned.includes(i) ? pad + cell : cell + pad;
      })
      .join('  ');
  return [line(headers), ...rows.map(line)].join('\n') + '\n';
}

/** East Asian wide and fullwidth characters: a terminal gives each two cells (Chinese headings, ids). */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;

/** How many terminal cells `text` takes: one a character, two for a wide one. */
export function cells(text: string): number {
  let width = 0;
  for (const char of text) width += WIDE.test(char) ? 2 : 1;
  return width;
}

function displayWidth(text: string): number {
  return cells(text);
}

/** `text` followed by spaces up to `width` terminal cells (padEnd counts characters: 位置 is four cells). */
export function padCells(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - cells(text)));
}

/**
 * Characters a terminal acts on instead of showing: C0 and C1 controls (ESC starts sequences that
 * retitle the window or clear the screen; U+009B is a one-byte CSI), DEL, line and paragraph
 * separators, and the bidirectional overrides that reorder what is shown ("Trojan Source").
 */
const TERMINAL_ACTIVE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const escapeChar = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Control characters and line breaks in ids would corrupt a terminal table: show them escaped. */
export function safeText(text: string): string {
  return text.replace(TERMINAL_ACTIVE, escapeChar);
}

/**
 * What the CLI writes to a terminal or pipe: every character a terminal would act on is shown as
 * \uXXXX (also valid inside JSON strings, so --json output keeps its meaning), except the line
 * breaks and tabs of the CLI's own layout and a carriage return that starts a progress line.
 */
export function terminalSafe(text: string): string {
  const lead = text.startsWith('\r') ? '\r' : '';
  return lead + text.slice(lead.length).replace(TERMINAL_ACTIVE, (c) => (c === '\n' || c === '\t' ? c : escapeChar(c)));
}

export function preview(value: unknown, max = 60): string {
  const text = value === undefined ? '' : safeText(JSON.stringify(value) ?? String(value));
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

export function shortTime(iso: string | null): string {
  return iso ? iso.replace('T', ' ').replace(/\.\d{3}Z$/, 'Z') : '—';
}

/** 12,345: Intl's grouping for the output's language (the same in English and Chinese). */
export function number(n: number): string {
  return formatNumber(n);
}

export function describeRef(ref: EventRef | null): string {
  if (!ref) return t('format.initialState');
  const values = { version: ref.version, type: ref.type, time: shortTime(ref.recordedAt), position: ref.position };
  return ref.actor ? t('format.refBy', { ...values, actor: safeText(ref.actor) }) : t('format.ref', values);
}

/** The interruption sentence, safe for a terminal. */
export function describeInterruption(interrupted: Interruption): string {
  const { failure } = interrupted;
  // file:line:column of the projection's own source, as interruptionSentence (reports) writes it
  const place = failure.file ? [failure.file, failure.line, failure.line ? failure.column : undefined].filter(Boolean).join(':') : null;
  const values = { version: interrupted.version, type: interrupted.type, position: interrupted.position, projection: interrupted.projection, message: failureMessage(failure, t), before: interrupted.version - 1 };
  return safeText(t('format.interrupted', { ...values, where: place ? t('format.interruptedWhere', { place }) : '' }));
}

/**
 * An event's version for a table cell: ours, and the source system's own number beside it where it
 * differs (Message DB counts from 0), since an auditor quotes the source's number: "3 (source 2)".
 */
export function versionCell(event: { version: number; sourceVersion?: number }): string {
  const source = event.sourceVersion;
  return source === undefined || source === event.version ? String(event.version) : t('format.sourceVersion', { version: event.version, source });
}

export function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
