// ledger events FILE: one stream's events (--stream) or the global log with filters.
import type { ActorMatch } from '../../shared/actorFilter.ts';
import type { Page, StoredEvent } from '../../shared/types.ts';
import { actorArg, integer, parse, storePath, timeRangeArgs } from '../args.ts';
import { json, number, preview, safeText, shortTime, table, versionCell } from '../format.ts';
import type { CliIo } from '../io.ts';
import { eventAsWritten } from '../../main/store/decode.ts';
import { withStore } from './withStore.ts';
import { t } from '../i18n/index.ts';

export const eventsHelp = (): string => t('help.events');

export async function eventsCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {
    stream: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    backward: { type: 'boolean' },
    type: { type: 'string' },
    prefix: { type: 'string' },
    actor: { type: 'string' },
    correlation: { type: 'string' },
    'from-time': { type: 'string' },
    'to-time': { type: 'string' },
    'from-position': { type: 'string' },
    limit: { type: 'string' },
    all: { type: 'boolean' },
  });
  const limit = integer(values.limit, 'limit', 1) ?? 50;
  const time = timeRangeArgs(values);
  const actor = actorArg(values.actor);
  return withStore(storePath(values, positionals), async (store) => {
    const streamQuery = {
      fromVersion: integer(values.from, 'from', 0),
      toVersion: integer(values.to, 'to', 0),
      direction: values.backward ? ('backward' as const) : ('forward' as const),
    };
    const globalQuery = {
      types: values.type ? values.type.split(',').map((t) => t.trim()).filter(Boolean) : undefined,
      streamPrefix: values.prefix,
      actor: actor.actor,
      correlationId: values.correlation,
      fromTime: time.fromTime,
      toTime: time.toTime,
      fromPosition: integer(values['from-position'], 'from-position', 0),
    };
    if (values.all) {
      const events = values.stream ? store.iterateStream(values.stream, streamQuery) : store.iterateAll(globalQuery);
      for await (const chunk of events) for (const event of chunk) io.stdout(values.json ? JSON.stringify(eventAsWritten(event)) + '\n' : eventRow(event).join('  ') + '\n');
      return 0;
    }
    const page: Page<StoredEvent, number> = values.stream
      ? await store.readStream(values.stream, { ...streamQuery, limit })
      : await store.readAll({ ...globalQuery, limit });
    if (values.json) {
      io.stdout(json({ ...page, items: page.items.map(eventAsWritten) }));
      return 0;
    }
    if (!values.stream && time.description) io.stdout(`${t('events.showing', { range: time.description })}\n`);
    if (!values.stream && actor.description) io.stdout(actorNote((await store.actors({ actor: actor.actor, limit: 1 })).match, actor.description));
    io.stdout(table(eventHeadings(), page.items.map(eventRow), [0, 2]));
    if (page.next !== null) {
      io.stdout(`${t('format.more', { option: values.stream ? (values.backward ? '--to' : '--from') : '--from-position', cursor: page.next })}\n`);
    }
    return 0;
  });
}

/** The event table's headings (also the search results'). */
export function eventHeadings(): string[] {
  return [t('events.col.position'), t('events.col.stream'), t('events.col.version'), t('events.col.time'), t('events.col.type'), t('events.col.actor'), t('events.col.data')];
}

function eventRow(e: StoredEvent): string[] {
  const actor = typeof e.metadata.actor === 'string' ? e.metadata.actor : '';
  return [String(e.position), safeText(e.streamId), versionCell(e), shortTime(e.recordedAt), safeText(e.type), safeText(actor), e.decodeError ? `⚠ ${e.decodeError}` : preview(eventAsWritten(e).data)];
}

/**
 * How --actor matched, with "did you mean" suggestions ignoring case when nothing did. `description`
 * is the filter in the reader's language (the store's `match.description` is main's English).
 */
function actorNote(match: ActorMatch | null, description: string): string {
  if (!match) return '';
  if (match.actors > 0) return `${t('events.actorMatched', { description: safeText(description), count: match.actors, actors: number(match.actors), events: number(match.events) })}\n`;
  const hint = match.suggestions.map((s) => t('events.actorSuggestion', { actor: safeText(s.actor), events: number(s.count) })).join(', ');
  return `${t('events.actorNone', { description: safeText(description) })}${hint ? t('events.didYouMean', { hint }) : ''}\n`;
}
