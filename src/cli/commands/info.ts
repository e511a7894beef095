// ledger stats FILE: the file facts an auditor checks first.
import fs from 'node:fs';
import { parse, storePath } from '../args.ts';
import { json, number, safeText, shortTime } from '../format.ts';
import type { CliIo } from '../io.ts';
import { withStore } from './withStore.ts';

export const statsHelp = `ledger stats FILE [--json]`;

export async function statsCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {});
  const where = storePath(values, positionals);
  const file = where.target;
  return withStore(where, async (store) => {
    const stats = await store.stats();
    if (values.json) {
      io.stdout(json({ info: store.info, stats }));
      return 0;
    }
    const lines = [
      [store.info.kind === 'postgres' ? 'Database' : 'File', store.info.path],
      ['Size', `${number(store.info.kind === 'postgres' ? store.info.sizeBytes : fs.statSync(file).size)} bytes`],
      ...(store.info.layout ? [['Layout', `${store.info.layout.name}: ${store.info.layout.tables.join(', ')}`], ...store.info.layout.notes.map((note) => ['', note])] : []),
      ...(store.info.layout?.hiddenRows ?? []).map((h) => ['Hidden', `${number(h.count)} ${h.what}`]),
      ['Format', `${store.info.adapter}${store.info.readonly ? ', opened read-only' : ''}`],
      ['Events', number(stats.events)],
      ['Streams', number(stats.streams)],
      ['Time range', `${shortTime(stats.firstRecordedAt)} … ${shortTime(stats.lastRecordedAt)}`],
      ['Chain head', stats.chainHead ?? 'no integrity chain'],
      ['Categories', stats.categories.map((c) => `${safeText(c.category || '(none)')} ${number(c.streams)}`).join(', ')],
      ['Event types', stats.types.map((t) => `${safeText(t.type)} ${number(t.count)}`).join(', ')],
    ];
    for (const [label, value] of lines) io.stdout(`${label.padEnd(11)} ${value}\n`);
    return 0;
  });
}
