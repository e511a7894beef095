// The first records of an import file as they would be imported: which fields were recognised,
// which targets are still unmapped, and each sample record's event or error. Drives the mapping
// dialog; reads only the beginning of the file.
import path from 'node:path';
import type { ImportPreview } from '../../shared/contract.ts';
import { openForViewing } from '../adapters/openForViewing.ts';
import { createResolver, mapRecord, TARGETS, type Mapping } from './fieldMapping.ts';
import { RecordError, recordToEvent } from './recordToEvent.ts';
import { csvRecords, detectImportFormat, jsonArrayRecords, ndjsonRecords, storeRecords, type ImportFormat, type SourceRecord } from './sources.ts';

export async function previewImport(file: string, options: { format?: ImportFormat; mapping?: Mapping; limit?: number } = {}): Promise<ImportPreview> {
  const input = path.resolve(file);
  const format = options.format ?? detectImportFormat(input);
  const limit = options.limit ?? 20;
  const mapping = options.mapping ?? {};
  const resolve = createResolver(mapping);
  const store = format === 'store' ? openForViewing(input) : null;
  const source: AsyncIterable<SourceRecord> = store
    ? storeRecords(store)
    : format === 'csv'
      ? csvRecords(input)
      : format === 'json'
        ? jsonArrayRecords(input)
        : ndjsonRecords(input);
  const fields = new Set<string>();
  const resolvedTargets = new Map<string, string>();
  const sample: ImportPreview['sample'] = [];
  try {
    for await (const item of source) {
      if (item.error || !item.record) sample.push({ line: item.line, error: item.error ?? 'empty record' });
      else {
        for (const key of Object.keys(item.record)) fields.add(key);
        const resolved = resolve(Object.keys(item.record));
        for (const [target, source] of resolved) resolvedTargets.set(target, source);
        try {
          const { streamId, version, event } = recordToEvent(mapRecord(item.record, resolved), format === 'csv', Date.now());
          sample.push({ line: item.line, event: { streamId, version, type: event.type, eventId: event.eventId ?? null, time: new Date(event.recordedAt as number).toISOString(), data: event.data } });
        } catch (error) {
          if (!(error instanceof RecordError)) throw error;
          sample.push({ line: item.line, error: error.message, field: error.field });
        }
      }
      if (sample.length >= limit) break;
    }
  } finally {
    store?.close();
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
