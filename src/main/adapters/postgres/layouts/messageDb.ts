// Message DB (Eventide, message-db 1.x): one table `message_store.messages`, stream names
// `category-id`, `position` counting from 0 within a stream and `global_position` from a bigserial.
// Eventide's metadata names a message's context by stream and position, not by id:
//   correlationStreamName                  → correlationId (what a conversation is about)
//   causationMessageGlobalPosition         → causationId: the id of the message at that position,
//                                            so "caused by" links to an event the viewer can open
//   causationMessageStreamName / …Position → kept as they are in the metadata
import type { PgLayout } from '../layout.ts';
import { qualified } from '../layout.ts';
import type { PgSession } from '../pgSession.ts';
import { words } from '../../../../shared/errorWords/index.ts';
import { LedgerError } from '../../../errors.ts';
import { tableColumns } from './mappedTable.ts';

/** The messages table and the summary views Message DB's install.sh creates beside it: its own, not read models. */
const MESSAGE_DB_TABLES = ['messages', 'category_type_summary', 'stream_summary', 'stream_type_summary', 'type_category_summary', 'type_stream_summary', 'type_summary'];
const REQUIRED = ['global_position', 'position', 'time', 'stream_name', 'type', 'data', 'metadata', 'id'];

export async function messageDbLayout(session: PgSession, schema = 'message_store'): Promise<PgLayout> {
  const columns = new Set((await tableColumns(session, schema, 'messages')).map((c) => c.name));
  const missing = REQUIRED.filter((c) => !columns.has(c));
  if (missing.length > 0) {
    throw new LedgerError(
      'NOT_AN_EVENT_STORE',
      columns.size === 0
        ? words('errorWords.pg.noReadableTable', { table: `${schema}.messages` })
        : words(missing.length > 1 ? 'errorWords.pg.messageDbLacksColumns' : 'errorWords.pg.messageDbLacksColumn', { table: `${schema}.messages`, columns: { list: missing } }),
      { schema, missing },
    );
  }
  const messages = qualified(schema, 'messages');
  const m = (key: string) => `(e.metadata ->> '${key}')`;
  // Only whole numbers can name a global position; compared as bigint, so the lookup is one probe of
  // the primary key (a numeric comparison would scan the table for every message read).
  const causeText = `(e.metadata ->> 'causationMessageGlobalPosition')`;
  const causePosition = `CASE WHEN jsonb_typeof(e.metadata -> 'causationMessageGlobalPosition') = 'number' AND ${causeText} ~ '^[0-9]{1,18}$' THEN ${causeText}::bigint END`;
  const causationId = `coalesce(${m('causationId')}, (SELECT c.id::text FROM ${messages} c WHERE c.global_position = ${causePosition}))`;
  const correlationId = `coalesce(${m('correlationId')}, ${m('correlationStreamName')})`;
  // The metadata as stored, plus the viewer's keys where Eventide's own ones supply them.
  const metadataText = `(CASE WHEN jsonb_typeof(e.metadata) = 'object' THEN e.metadata ELSE '{}'::jsonb END
    || jsonb_strip_nulls(jsonb_build_object('correlationId', ${correlationId}, 'causationId', ${causationId})))::text`;

  return {
    format: 'message-db',
    eventsTable: messages,
    columns: {
      position: 'e.global_position',
      streamId: 'e.stream_name',
      version: '(e.position + 1)',
      sourceVersion: 'e.position',
      type: 'e.type',
      dataText: "coalesce(e.data::text, 'null')",
      metadataText,
      // Message DB writes `time` as UTC without a zone (now() AT TIME ZONE 'utc').
      recordedAtMs: "floor(round(date_part('epoch', e.time) * 1000000) / 1000)",
      eventId: 'e.id::text',
      actor: m('actor'),
      correlationId,
      causationId,
    },
    // global_position comes from a sequence: a write can commit after one with a higher position.
    // The token moves when any transaction finishes (the oldest running one's id) or the highest
    // position grows, and the reader re-reads its safety window.
    changeTokenSql: `SELECT concat_ws(':', pg_snapshot_xmin(pg_current_snapshot())::text, (SELECT max(e.global_position)::text FROM ${messages} e)) AS token`,
    ownTables: { schema, isOwn: (table) => MESSAGE_DB_TABLES.includes(table) },
    facts: {
      name: 'Message DB',
      tables: [`${schema}.messages`],
      notes: [
        "Message DB numbers a stream's messages from 0; the viewer shows 1-based versions with Message DB's own position beside them.",
        "A stream's category is the part of its name before the first '-', as Message DB's category() function has it.",
        'correlationId is the metadata\'s correlationId or else correlationStreamName; causationId is the metadata\'s causationId or else the id of the message at causationMessageGlobalPosition.',
        'Message DB has no actor; actor filters use a metadata key "actor" where the writing application set one.',
        'Message DB keeps no table of streams: the stream list and stats are counted from all messages (one pass over the table); reading one stream uses its (stream_name, position) index.',
      ],
      timeMeaning: "Message DB's time: the database clock (UTC) when the writing transaction began, not when it committed.",
    },
  };
}
