// The first records of an import file as they would be imported: which fields were recognised,
// which targets are still unmapped, and each sample record's event or error. Drives the mapping
// dialog; reads only the beginning of the file, within a time limit and a byte budget, so no input
// (a slow disk, a 20-record file of 64 MB lines) holds the app for long.
import path from 'node:path';
import type { ImportPreview } from '../../shared/contract.ts';
import { LedgerError } from '../errors.ts';
import { openForViewing } from '../adapters/openForViewing.ts';
import { limitWords } from './lineSplitter.ts';
import { createResolver, mapRecord, TARGETS, type Mapping } from './fieldMapping.ts';
import { RecordError, recordToEvent } from './recordToEvent.ts';
import { recordProblem } from './recordPipeline.ts';
import { words } from '../../shared/errorWords/index.ts';
import { csvRecords, detectImportFormat, jsonArrayRecords, ndjsonRecords, storeRecords, type ImportFormat, type SourceRecord } from './sources.ts';

/** How long a preview may read, and how many bytes: past either it shows the records it has. */
export const PREVIEW_TIME_LIMIT_MS = 10_000;
export const PREVIEW_BYTE_BUDGET = 128 * 1024 * 1024;

export interface PreviewOptions {
  format?: ImportFormat;
  mapping?: Mapping;
  limit?: number;
  timeLimitMs?: number;
  byteBudget?: number;
  /** Longest record (see sources.ts); default the import's own limit. */
  maxRecordBytes?: number;
}

export async function previewImport(file: string, options: PreviewOptions = {}): Promise<ImportPreview> {
  const input = path.resolve(file);
  const timeLimitMs = options.timeLimitMs ?? PREVIEW_TIME_LIMIT_MS;
  const byteBudget = options.byteBudget ?? PREVIEW_BYTE_BUDGET;
  const format = options.format ?? detectImportFormat(input);
  const limit = options.limit ?? 20;
  const mapping = options.mapping ?? {};
  const resolve = createResolver(mapping);
  const store = format === 'store' ? openForViewing(input) : null;
  const timeUp = new LedgerError('IO_ERROR', words('errorWords.importRun.previewSlow', { path: input, seconds: timeLimitMs / 1000 }), {
    path: input,
  });
  // Aborting destroys the read stream, so even a read that never returns ends the preview.
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(timeUp), timeLimitMs);
  const overBudget = new LedgerError('INVALID_INPUT', words('errorWords.importRun.previewNoRecord', { size: limitWords(byteBudget), path: input }), { path: input });
  const reading = { signal: deadline.signal, maxRecordBytes: options.maxRecordBytes, budget: { bytes: byteBudget, error: overBudget } };
  const source: AsyncIterable<SourceRecord> = store
    ? storeRecords(store)
    : format === 'csv'
      ? csvRecords(input, reading)
      : format === 'json'
        ? jsonArrayRecords(input, reading)
        : ndjsonRecords(input, reading);
  const fields = new Set<string>();
  const resolvedTargets = new Map<string, string>();
  const sample: ImportPreview['sample'] = [];
  try {
    for await (const item of source) {
      if (item.error || !item.record) {
        const { message, words: said } = recordProblem(item.error ?? words('errorWords.import.record.empty', {}));
        sample.push({ line: item.line, error: message, ...(said ? { words: said } : {}) });
      }
      else {
        for (const key of Object.keys(item.record)) fields.add(key);
        const resolved = resolve(Object.keys(item.record));
        for (const [target, source] of resolved) resolvedTargets.set(target, source);
        try {
          const { streamId, version, event } = recordToEvent(mapRecord(item.record, resolved), format === 'csv', Date.now());
          sample.push({ line: item.line, event: { streamId, version, type: event.type, eventId: event.eventId ?? null, time: new Date(event.recordedAt as number).toISOString(), data: event.data } });
        } catch (error) {
          if (!(error instanceof RecordError)) throw error;
          sample.push({ line: item.line, error: error.message, field: error.field, ...(error.words ? { words: error.words } : {}) });
        }
      }
      if (sample.length >= limit) break;
    }
  } catch (error) {
    // Out of time or budget with records in hand: show them (the preview is only a sample anyway).
    if ((error !== timeUp && error !== overBudget) || sample.length === 0) throw error;
  } finally {
    clearTimeout(timer);
    await store?.close();
  }
  const resolved = Object.fromEntries(resolvedTargets);
  return {
    path: input,
    format,
    fields: [...fields],
    resolved,
    missing: TARGETS.filter((t) => (t === 'streamId' || t === 'type') && !(t in resolved)),
    sample,
  };
}
