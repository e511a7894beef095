// ledger stats FILE: the file facts an auditor checks first.
import fs from 'node:fs';
import { parse, storePath } from '../args.ts';
import { json, number, safeText, shortTime } from '../format.ts';
import type { CliIo } from '../io.ts';
import { withStore } from './withStore.ts';
import { cells } from '../format.ts';
import { t } from '../i18n/index.ts';
import { adapterText } from '../../shared/errorWords/index.ts';

export const statsHelp = (): string => t('help.stats');

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
      [store.info.kind === 'postgres' ? t('stats.database') : t('stats.file'), store.info.path],
      [t('stats.size'), t('stats.bytes', { bytes: number(store.info.kind === 'postgres' ? store.info.sizeBytes : fs.statSync(file).size) })],
      // The layout's name, tables, notes and hidden rows are the adapter's own words (main/adapters).
      ...(store.info.layout ? [[t('stats.layout'), `${store.info.layout.name}: ${store.info.layout.tables.join(', ')}`], ...store.info.layout.notes.map((note) => ['', note])] : []),
      ...(store.info.layout?.hiddenRows ?? []).map((h) => [t('stats.hidden'), `${number(h.count)} ${h.what}`]),
      [t('stats.format'), `${adapterText(store.info, t)}${store.info.readonly ? t('stats.readOnly') : ''}`],
      [t('stats.events'), number(stats.events)],
      [t('stats.streams'), number(stats.streams)],
      [t('stats.timeRange'), `${shortTime(stats.firstRecordedAt)} … ${shortTime(stats.lastRecordedAt)}`],
      [t('stats.chainHead'), stats.chainHead ?? t('stats.noChain')],
      [t('stats.categories'), stats.categories.map((c) => `${safeText(c.category || t('stats.none'))} ${number(c.streams)}`).join(', ')],
      [t('stats.types'), stats.types.map((type) => `${safeText(type.type)} ${number(type.count)}`).join(', ')],
    ];
    // Labels padded to one column: in display cells, so Chinese labels (two cells a character) line up too.
    const width = Math.max(11, ...lines.map(([label]) => cells(label)));
    for (const [label, value] of lines) io.stdout(`${label}${' '.repeat(width - cells(label))} ${value}\n`);
    return 0;
  });
}
