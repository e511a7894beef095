// Reads a written report back by its stable machine-readable parts (the JSON blocks, the data-*
// attributes of events, states and changes): what tests, the e2e journey and a bundle checker use.
import type { ReportFacts, ReportTotals } from './writeReport.ts';

function jsonBlock<T>(html: string, id: string): T {
  const match = new RegExp(`<script type="application/json" id="${id}">([^<]*)</script>`).exec(html);
  if (!match) throw new Error(`The report has no ${id} block.`);
  return JSON.parse(match[1]) as T;
}

export const reportFacts = (html: string) => jsonBlock<ReportFacts>(html, 'report-facts');
export const reportTotals = (html: string) => jsonBlock<ReportTotals>(html, 'report-totals');

/** Events listed, in order, by the attributes of their blocks. */
export function reportEvents(html: string): { position: number; eventId: string; block: string }[] {
  const out: { position: number; eventId: string; block: string }[] = [];
  const re = /<div class="event" id="event-\d+" data-position="(\d+)" data-event-id="([^"]*)">([\s\S]*?)\n<\/div>/g;
  for (let m = re.exec(html); m; m = re.exec(html)) out.push({ position: Number(m[1]), eventId: m[2], block: m[3] });
  return out;
}

/** One section's markup (summary, events, states, diffs, notes). */
export function reportSection(html: string, id: 'summary' | 'events' | 'states' | 'diffs' | 'notes'): string {
  const match = new RegExp(`<section class="part" id="${id}">([\\s\\S]*?)</section>`).exec(html);
  if (!match) throw new Error(`The report has no ${id} section.`);
  return match[1];
}

/** The rows of the diffs: kind, path (as escaped in the attribute), the attributed position, the row's markup. */
export function reportChanges(html: string): { kind: string; path: string; position: number | null; row: string }[] {
  const out: { kind: string; path: string; position: number | null; row: string }[] = [];
  const re = /<tr class="change" data-kind="(\w+)" data-path="([^"]*)" data-position="(\d*)">([\s\S]*?)<\/tr>/g;
  const diffs = reportSection(html, 'diffs');
  for (let m = re.exec(diffs); m; m = re.exec(diffs)) {
    out.push({ kind: m[1], path: m[2], position: m[3] === '' ? null : Number(m[3]), row: m[4] });
  }
  return out;
}
