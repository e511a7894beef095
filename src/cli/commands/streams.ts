// ledger streams FILE: the stream list with filters, sorting and keyset paging.
import type { StreamSort } from '../../shared/types.ts';
import { integer, parse, storePath } from '../args.ts';
import { json, number, safeText, shortTime, table } from '../format.ts';
import { UsageError, type CliIo } from '../io.ts';
import { withStore } from './withStore.ts';
import { t } from '../i18n/index.ts';

export const streamsHelp = (): string => t('help.streams');

export async function streamsCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {
    prefix: { type: 'string' },
    category: { type: 'string' },
    search: { type: 'string' },
    sort: { type: 'string' },
    limit: { type: 'string' },
    after: { type: 'string' },
  });
  const sort = (values.sort ?? 'lastActivity') as StreamSort;
  if (!['lastActivity', 'id', 'count'].includes(sort)) throw new UsageError(t('streams.sortBad', { value: values.sort }));
  const page = await withStore(storePath(values, positionals), (store) =>
    store.listStreams({
      prefix: values.prefix,
      category: values.category,
      search: values.search,
      sort,
      limit: integer(values.limit, 'limit', 1) ?? 50,
      after: values.after,
    }),
  );
  if (values.json) {
    io.stdout(json(page));
    return 0;
  }
  io.stdout(
    table(
      [t('streams.col.stream'), t('streams.col.category'), t('streams.col.events'), t('streams.col.lastActivity')],
      page.items.map((s) => [safeText(s.streamId) + (s.archived ? t('streams.archived') : ''), safeText(s.category || '—'), number(s.eventCount), shortTime(s.lastRecordedAt)]),
      [2],
    ),
  );
  if (page.next) io.stdout(`${t('format.more', { option: '--after', cursor: page.next })}\n`);
  return 0;
}
