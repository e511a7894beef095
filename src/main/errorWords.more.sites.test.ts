// More errors made by the code that meets them, carrying their words: a PostgreSQL layout or mapping
// that does not fit, a masking policy or secret that cannot be used, a time that is not one, a search
// page, a report, a note, a signing identity, a password that cannot be kept, and what browser mode
// or this viewer does not have. For each: the words' key, English exactly main's message, and a
// Chinese sentence in which only what is not ours (names, paths, flags, the parser's text) is Latin.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorText } from '../shared/errorWords/index.ts';
import type { ErrorInfo } from '../shared/result.ts';
import type { StreamSummary } from '../shared/types.ts';
import { connectPg } from './adapters/postgres/connection.ts';
import { describeTable, detectLayout } from './adapters/postgres/detect.ts';
import { emmettPostgresLayout } from './adapters/postgres/layouts/emmettPostgres.ts';
import { mappedTableLayout } from './adapters/postgres/layouts/mappedTable.ts';
import { martenLayout } from './adapters/postgres/layouts/marten.ts';
import { messageDbLayout } from './adapters/postgres/layouts/messageDb.ts';
import { parseTableMapping, parseTableRef, type TableMapping } from './adapters/postgres/layouts/tableMapping.ts';
import type { PgSession } from './adapters/postgres/pgSession.ts';
import { parsePgTarget } from './adapters/postgres/target.ts';
import { createLedgerApp } from './composition.ts';
import { createExportChain } from './evidence/signing/exportChain.ts';
import { writeFileAtomic } from './evidence/signing/privateFile.ts';
import { createSigningKeys } from './evidence/signing/signingKeys.ts';
import { bundleEvidence } from './ipc/handlers/bundleEvidence.ts';
import { createRecordHandlers } from './ipc/handlers/activityHandlers.ts';
import { assertSearchParses, createSearchHandlers } from './ipc/handlers/searchHandlers.ts';
import { openBundleMasking } from './masking/bundleMasking.ts';
import { parsePolicy, readPolicyFile } from './masking/policy.ts';
import { createBundleSecret, readSecretFile } from './masking/secrets.ts';
import { resolveNoteTarget } from './notes/noteTargets.ts';
import { writeBytesAtomically } from './report/pdfFile.ts';
import { parseVersionList, resolveRange } from './report/reportRequest.ts';
import { decodeSearchCursor } from './search/cursor.ts';
import { searchStore, searchTreeOf } from './search/search.ts';
import { createRecentConnections } from './session/recentConnections.ts';
import type { Session } from './session/session.ts';
import { toAsyncReader } from './store/asyncReader.ts';
import { openStore } from './store/openStore.ts';
import { parseTime } from './store/time.ts';
import { writeEmmettFile } from './testing/emmettFile.ts';
import { failure, said, thrown, zh } from './testing/errorWordsSaid.ts';
import { tempDir, tempStore } from './testing/tempFiles.ts';
import { browserTestHost } from './testing/testHost.ts';


/** A PostgreSQL session answering the catalog queries a layout asks, by the table they read. */
function fakeSession(answers: { tables?: { schema: string; table: string }[]; columns?: Record<string, { name: string; type: string }[]>; searchPath?: string[] }): PgSession {
  const columnsOf = (schema: string, table: string) => answers.columns?.[`${schema}.${table}`] ?? [];
  return {
    displayUrl: 'postgres://auditor@db.example:5432/shop',
    async query<Row>(sql: string, params: unknown[] = []): Promise<Row[]> {
      const rows = (): unknown[] => {
        if (/current_schemas/.test(sql)) return [{ path: answers.searchPath ?? [] }];
        if (/SELECT true AS ok/.test(sql)) return [];
        if (/unnest\(\$1::text\[\], \$2::text\[\]\)/.test(sql)) {
          const [schemas, tables] = params as [string[], string[]];
          return schemas.flatMap((schema, i) => columnsOf(schema, tables[i]).map((c) => ({ schema, table: tables[i], name: c.name, type: c.type, nullable: false, generated: false })));
        }
        if (/information_schema\.tables/.test(sql)) return (answers.tables ?? []).filter((t) => t.schema === params[0]).map((t) => ({ t: t.table }));
        if (/information_schema\.columns/.test(sql) && /table_name IN/.test(sql)) return [];
        if (/information_schema\.columns/.test(sql)) return columnsOf(String(params[0]), String(params[1])).map((c) => ({ column_name: c.name, data_type: c.type }));
        return (answers.tables ?? []).map((t) => ({ ...t }));
      };
      return rows() as Row[];
    },
    cursor: () => {
      throw new Error('not read');
    },
    close: async () => {},
  };
}

const URL_SHOWN = 'postgres://auditor@db.example:5432/shop';

describe('PostgreSQL layouts and mappings, in the reader’s language', () => {
  it('--table and --map that cannot be read: the flags and names as typed', () => {
    said(thrown(() => parseTableRef('a.b.c')), 'errorWords.pgMap.badTable', '--table', 'a.b.c', 'schema.table', 'public');
    const targets = ['streamId', 'version', 'type', 'data', 'time', 'position', 'metadata', 'eventId', 'actor', 'correlationId', 'causationId'];
    const badMap = said(thrown(() => parseTableMapping('orders', ['stream'])), 'errorWords.pgMap.badMap', '--map', 'stream', 'target=column', 'target', 'versionBase=0|1', ...targets);
    expect(badMap).toContain('streamId、version、type');
    said(thrown(() => parseTableMapping('orders', ['versionBase=2'])), 'errorWords.pgMap.badVersionBase', '--map versionBase=2');
    said(thrown(() => parseTableMapping('orders', ['streamKey=id'])), 'errorWords.pgMap.notAField', '--map', 'streamKey', ...targets);
    said(thrown(() => parseTableMapping('orders', ['type=kind', 'type=event_type'])), 'errorWords.pgMap.givenTwice', '--map', 'type', 'kind', 'event_type');
    const needs = thrown(() => parseTableMapping('audit.orders', ['streamId=id', 'type=kind']));
    expect(needs.message).toBe(
      'The mapping of audit.orders needs --map version=column, --map data=column, --map time=column, --map position=column (required: streamId, version, type, data, time, position; optional: metadata, eventId, actor, correlationId, causationId).',
    );
    said(needs, 'errorWords.pgMap.needs', 'audit.orders', '--map', '=column', ...targets);
  });

  it('a mapped table that is not there, a column of the wrong type, columns that do not exist', async () => {
    const mapping: TableMapping = { streamId: 'stream', version: 'v', type: 'kind', data: 'body', time: 'at', position: 'seq' };
    const ref = { schema: 'audit', table: 'events' };
    const none = await failure(() => mappedTableLayout(fakeSession({}), ref, mapping));
    expect(none.message).toBe('There is no table audit.events that this role can read. This role can read no table in schema audit.');
    said(none, 'errorWords.pgMap.noTableNone', 'audit.events', 'audit');
    const seen = await failure(() => mappedTableLayout(fakeSession({ tables: [{ schema: 'audit', table: 'orders' }, { schema: 'audit', table: 'carts' }] }), ref, mapping));
    expect(seen.message).toBe('There is no table audit.events that this role can read. Tables this role can read in schema audit: orders, carts.');
    expect(said(seen, 'errorWords.pgMap.noTableSeen', 'audit.events', 'audit', 'orders', 'carts')).toContain('orders、carts');

    const columns = [
      { name: 'stream', type: 'text' },
      { name: 'v', type: 'text' },
      { name: 'kind', type: 'text' },
    ];
    const wrongType = await failure(() => mappedTableLayout(fakeSession({ columns: { 'audit.events': columns } }), ref, mapping));
    expect(wrongType.message).toBe('Column v of audit.events (mapped to version) is text; version needs one of: smallint, integer, bigint, numeric.');
    said(wrongType, 'errorWords.pgMap.wrongType', 'audit.events', 'version', 'text', 'smallint', 'integer', 'bigint', 'numeric', 'v');
    const noColumn = await failure(() => mappedTableLayout(fakeSession({ columns: { 'audit.events': [{ name: 'stream', type: 'text' }, { name: 'kind', type: 'text' }] } }), ref, mapping));
    expect(noColumn.message).toBe('audit.events has no column v, body, at, seq (mapped as version=v, data=body, time=at, position=seq). Its columns: stream (text), kind (text).');
    expect(said(noColumn, 'errorWords.pgMap.noColumn', 'audit.events', 'version=v', 'data=body', 'time=at', 'position=seq', 'body', 'seq', 'stream', 'kind', 'text', 'at', 'v')).toContain('stream（text）、kind（text）');
  });

  it('no store of the layout asked for, several stores, a table that is not there', async () => {
    const empty = fakeSession({});
    said(await failure(() => detectLayout(empty, { kind: 'marten' })), 'errorWords.pg.noLayoutKind', 'Marten', URL_SHOWN);
    const both = await failure(() => detectLayout(empty, { kind: 'emmett-postgres', schema: 'es' }));
    expect(both.message).toBe(`No Emmett PostgreSQL event store in schema 'es' on ${URL_SHOWN}.`);
    said(both, 'errorWords.pg.noLayoutKindInSchema', 'Emmett PostgreSQL', 'es', URL_SHOWN);
    said(await failure(() => detectLayout(empty, { schema: 'es' })), 'errorWords.pg.noLayoutInSchema', 'es', URL_SHOWN);

    const two = fakeSession({ tables: ['a', 'b'].flatMap((schema) => [{ schema, table: 'mt_events' }, { schema, table: 'mt_streams' }]) });
    const several = await failure(() => detectLayout(two));
    const example = `${URL_SHOWN}?options=-csearch_path%3Da`;
    expect(several.message).toBe(
      `This database holds several event stores: Marten in schema 'a', Marten in schema 'b'. Choose one by putting its schema first in the search path, e.g. ${example} (or the Schema field of the connection form).`,
    );
    said(several, 'errorWords.pg.severalLayouts', example, 'Marten', 'search_path', 'a', 'b');

    said(await failure(() => describeTable(empty, 'audit', 'orders')), 'errorWords.pg.noTableOn', 'audit.orders', URL_SHOWN);
  });

  it('no known layout: the tables found, an older Emmett store and the likeliest mapping, each a sentence of its own', async () => {
    const none = await failure(() => detectLayout(fakeSession({})));
    expect(none.message).toBe(`No known event store layout (Marten, Emmett PostgreSQL, Message DB) on ${URL_SHOWN}. The role sees no tables at all (check the database name and the role’s grants).`);
    said(none, 'errorWords.pg.noKnownLayout', URL_SHOWN, 'Marten', 'Emmett PostgreSQL', 'Message DB');

    const tables = [
      { schema: 'old', table: 'emt_events' },
      { schema: 'old', table: 'emt_streams' },
      { schema: 'public', table: 'orders_log' },
    ];
    const session = fakeSession({
      tables,
      columns: {
        'public.orders_log': [
          { name: 'stream_id', type: 'text' },
          { name: 'version', type: 'integer' },
          { name: 'type', type: 'text' },
          { name: 'data', type: 'jsonb' },
          { name: 'created_at', type: 'timestamp with time zone' },
        ],
      },
    });
    const info = await failure(() => detectLayout(session));
    expect(info.message).toMatch(
      new RegExp(
        `^No known event store layout \\(Marten, Emmett PostgreSQL, Message DB\\) on ${URL_SHOWN.replace(/[.?]/g, '\\$&')}\\. Tables found: old\\.emt_events, old\\.emt_streams, public\\.orders_log\\. Schema 'old' looks like an older Emmett PostgreSQL store \\(emt_events\\): .* The likeliest events table is public\\.orders_log; open it with a mapping: --table public\\.orders_log .*\\.$`,
      ),
    );
    const flags = (info.details as { suggestion?: { flags: string; missing: string[] } }).suggestion;
    expect(flags).toBeDefined();
    const text = said(info, 'errorWords.pg.noKnownLayout', flags!.flags, ...flags!.missing, URL_SHOWN, 'Marten', 'Emmett PostgreSQL', 'Message DB', 'old.emt_events', 'old.emt_streams', 'public.orders_log', 'emt_events', 'emt_messages', 'Emmett', 'old');
    expect(text).toContain('找到的表：old.emt_events、old.emt_streams、public.orders_log。架构“old”看起来是较旧的');
  });

  it('Emmett, Message DB and Marten tables without their columns', async () => {
    said(await failure(() => emmettPostgresLayout(fakeSession({}), 'es')), 'errorWords.pg.noReadableTable', 'es.emt_messages');
    const emmett = await failure(() => emmettPostgresLayout(fakeSession({ columns: { 'es.emt_messages': [{ name: 'stream_id', type: 'text' }] } }), 'es'));
    expect(emmett.message).toMatch(/^es\.emt_messages lacks Emmett's columns stream_position, global_position, .*, created \(an Emmett version older than 0\.38\?\)\.$/);
    said(emmett, 'errorWords.pg.emmettLacksColumns', 'es.emt_messages', 'Emmett', ...['stream_position', 'global_position', 'transaction_id', 'message_type', 'message_data', 'message_metadata', 'message_id', 'created']);
    const all = ['global_position', 'position', 'time', 'stream_name', 'type', 'data', 'metadata', 'id'];
    const messageDb = await failure(() => messageDbLayout(fakeSession({ columns: { 'message_store.messages': all.slice(0, -1).map((name) => ({ name, type: 'text' })) } })));
    expect(messageDb.message).toBe("message_store.messages lacks Message DB's column id.");
    said(messageDb, 'errorWords.pg.messageDbLacksColumn', 'message_store.messages', 'Message DB', 'id');
    said(await failure(() => martenLayout(fakeSession({}), 'shop')), 'errorWords.pg.martenLacksColumn', 'shop.mt_events', 'seq_id', 'Marten');
  });

  it('a TLS file that cannot be read, before any connection is tried', async () => {
    const target = parsePgTarget('postgres://auditor@127.0.0.1:1/shop?sslmode=require&sslrootcert=/nonexistent/ca.pem', {})!;
    const info = await failure(() => connectPg(target));
    expect(info.message).toMatch(/^A TLS certificate or key file cannot be read: ENOENT: .*\/nonexistent\/ca\.pem'\.$/);
    said(info, 'errorWords.pg.tlsFile', 'TLS', (info.words!.facts.error as string));
  });
});

describe('masking policies and secrets, in the reader’s language', () => {
  const dir = tempDir('error-words-masking');
  const home = path.join(dir, 'home');
  const text = path.join(dir, 'notes.txt');
  fs.writeFileSync(text, 'not a secret');
  const example = ['{"paths": ["data.customer.email"], "patterns": ["email", "card"]}', '{"paths": ["data.customer.email"], "patterns": ["email", "card", "iban", "phone"]}'];

  it('a policy that is not JSON, not a policy, missing or a folder: the file and the parser’s text as written', () => {
    const json = thrown(() => parsePolicy('{oops', 'p.json'));
    said(json, 'errorWords.mask.policyNotJson', 'p.json', 'JSON', example[0], json.words!.facts.error as string);
    const notOne = thrown(() => parsePolicy('{"paths": "data.x"}', 'p.json'));
    expect(notOne.message).toMatch(/^The masking policy p\.json is not one at paths: .*\. It looks like \{"paths"/);
    said(notOne, 'errorWords.mask.policyNotOneAt', 'p.json', 'paths', example[1], notOne.words!.facts.issue as string);
    const root = thrown(() => parsePolicy('[]', 'p.json'));
    said(root, 'errorWords.mask.policyNotOne', 'p.json', example[1], root.words!.facts.issue as string);
    said(thrown(() => readPolicyFile(path.join(dir, 'gone.json'))), 'errorWords.mask.policyMissing', path.join(dir, 'gone.json'));
    said(thrown(() => readPolicyFile(dir)), 'errorWords.mask.policyFolder', dir);
  });

  it('a secret file that is missing, unreadable or holds no secret; a secret that cannot be kept; no rules', () => {
    const gone = path.join(dir, 'gone.key');
    expect(thrown(() => readSecretFile(gone)).message).toBe(`The masking secret file ${gone} does not exist.`);
    said(thrown(() => readSecretFile(gone)), 'errorWords.mask.secretMissing', gone);
    const folder = thrown(() => readSecretFile(dir));
    said(folder, 'errorWords.mask.secretUnreadable', dir, folder.words!.facts.error as string);
    said(thrown(() => readSecretFile(text)), 'errorWords.mask.notASecret', text, 'Replay Ledger', 'masking-secrets/');
    createBundleSecret(home, 'twice');
    const kept = thrown(() => createBundleSecret(home, 'twice'));
    said(kept, 'errorWords.mask.cannotKeepSecret', kept.words!.facts.path as string, kept.words!.facts.error as string);
    said(thrown(() => openBundleMasking({ rules: [] }, home)), 'errorWords.mask.needsRule', 'data.customer.email', 'pattern:email');
  });

  it('the masking switch with a policy of no rules', async () => {
    const app = createLedgerApp({ host: browserTestHost(dir), paths: { config: path.join(dir, 'config'), cache: path.join(dir, 'cache'), exports: path.join(dir, 'exports') }, home });
    const result = await app.dispatch('masking/set', { enabled: true, policy: { paths: [] } });
    expect(result.ok).toBe(false);
    if (!result.ok) said(result.error, 'errorWords.mask.screenNeedsRule');
  });
});

describe('times, searches, reports, notes and signing, in the reader’s language', () => {
  it('a time that is not one says why, for every reason the parser has', () => {
    for (const [input, kind] of [
      ['2026-02-30', 'noDay'],
      ['2026-13-01', 'noMonth'],
      ['', 'empty'],
      ['yesterday', 'notTime'],
      ['2026-03-01T25:00:00Z', 'timeOfDay'],
      ['2026-03-01T10:00:00+19:00', 'zoneOffset'],
      ['2026-03-01+02:00', 'zoneWithoutTime'],
      [1e17, 'epochRange'],
    ] as const) {
      const info = thrown(() => parseTime(input));
      expect(info.words?.facts.problem).toMatchObject({ key: `errorWords.time.problem.${kind}` });
      said(info, 'errorWords.time.bad', String(input), '2026-03-01', '2026-03-01T12:00:00Z', '2026-03-01T00:00:00+08:00', 'UTC', '+08:00');
    }
    const day = thrown(() => parseTime('2026-02-30'));
    expect(day.message).toBe('The time: 2026-02-30 is not a date: February 2026 has 28 days.');
    expect(errorText(day, zh)).toBe('时间：2026-02-30 不是日期：2026年2月只有 28 天。');
    said(thrown(() => parseTime(true)), 'errorWords.time.notValid', 'true', 'ISO-8601', '2026-03-01T12:00:00Z');
  });

  it('a next-page link from elsewhere and a limit out of range', async () => {
    said(thrown(() => decodeSearchCursor('p1.zz')), 'errorWords.search.foreignCursor');
    const store = tempStore();
    said(await failure(() => searchStore(toAsyncReader(store), { q: '', limit: 0 })), 'errorWords.search.badLimit');
  });

  it('report versions that are not numbers, a negative number of events, a note on a version that does not exist', async () => {
    said(thrown(() => parseVersionList('3,x')), 'errorWords.report.badVersionList', '--versions', '3,17,40', '3,x');
    const stream = { streamId: 'cart-7', version: 3 } as StreamSummary;
    said(thrown(() => resolveRange(stream, { streamId: 'cart-7', maxEvents: -1 })), 'errorWords.report.badMaxEvents');
    const store = tempStore();
    store.append('cart-7', [{ type: 'CartOpened', data: {} }]);
    const one = await failure(() => resolveNoteTarget(toAsyncReader(store), { kind: 'state', streamId: 'cart-7', version: 4 }));
    expect(one.message).toBe('cart-7 has 1 version; there is no v4.');
    said(one, 'errorWords.note.noVersionOne', 'cart-7', 'v');
    store.append('cart-7', [{ type: 'ItemAdded', data: {} }]);
    const two = await failure(() => resolveNoteTarget(toAsyncReader(store), { kind: 'state', streamId: 'cart-7', version: 4 }));
    expect(two.message).toBe('cart-7 has 2 versions; there is no v4.');
    said(two, 'errorWords.note.noVersion', 'cart-7', 'v');
  });

  it('a damaged signing identity, a chain of signed exports held by another, files that cannot be written', async () => {
    const home = tempDir('error-words-signing');
    const keys = createSigningKeys({ home });
    fs.mkdirSync(path.join(home, 'signing'), { recursive: true });
    const identity = path.join(home, 'signing', 'identity.json');
    fs.writeFileSync(identity, '{not json');
    const damaged = thrown(() => keys.show());
    expect(damaged.message).toBe(`The signing identity ${identity} is damaged (not JSON). Move the signing folder aside and run \`ledger keys init\` to make a new key.`);
    said(damaged, 'errorWords.key.identityDamaged', identity, '`ledger keys init`', 'JSON');
    fs.writeFileSync(identity, JSON.stringify({ version: 1, name: 'a', createdAt: 'x', fingerprint: 'f', publicKeyPem: 'p', protection: 'vault' }));
    said(thrown(() => keys.show()), 'errorWords.key.identityDamaged', identity, '`ledger keys init`', '"vault"');

    const chain = createExportChain({ home });
    const storeKey = 'a'.repeat(64);
    const release = await chain.lock(storeKey);
    said(await failure(() => chain.lock(storeKey, { waitMs: 0 })), 'errorWords.key.chainBusy', 'ledger');
    release();

    const blocked = path.join(home, 'a-file');
    fs.writeFileSync(blocked, '');
    const target = path.join(blocked, 'out.bin');
    const nowhere = path.join(home, 'no-folder', 'chain.json');
    const written = thrown(() => writeFileAtomic(nowhere, 'x'));
    said(written, 'errorWords.file.cannotWrite', nowhere, written.words!.facts.error as string);
    const pdf = thrown(() => writeBytesAtomically(target, new Uint8Array([1])));
    said(pdf, 'errorWords.file.cannotWrite', target, pdf.words!.facts.error as string);
  });
});

describe('what this viewer or browser mode does not have, in the reader’s language', () => {
  const dir = tempDir('error-words-host');
  const store = path.join(dir, 'store.db');
  const writer = openStore(store, { readonly: false, create: true });
  writer.append('cart-7', [{ type: 'CartOpened', data: {} }]);
  writer.close();
  const app = createLedgerApp({ host: browserTestHost(dir), paths: { config: path.join(dir, 'config'), cache: path.join(dir, 'cache'), exports: path.join(dir, 'exports') }, home: path.join(dir, 'home') });
  const refused = async (channel: string, input?: unknown): Promise<ErrorInfo> => {
    const result = await app.dispatch(channel, input);
    if (result.ok) throw new Error(`${channel} did not fail`);
    return result.error;
  };

  it('no folder dialog, no PDF, no path for a new store, a version and a time at once', async () => {
    said(await refused('dialog/openFolder'), 'errorWords.host.noFolderDialog');
    said(await refused('report/pdf', { jobId: 'x' }), 'errorWords.host.pdfInBrowser', 'PDF');
    await app.session.open(store);
    said(await refused('import/copyOpenStore', {}), 'errorWords.host.newStorePath');
    said(await refused('stream/stateAt', { streamId: 'cart-7', version: 1, time: 0 }), 'errorWords.host.versionAndTime');
    await app.session.close();
  });

  it('a chain head to compare on a store without a chain', async () => {
    const emmett = path.join(dir, 'emmett.db');
    await writeEmmettFile(emmett, [['cart-1', [{ type: 'CartOpened', data: {} }]]]);
    await app.session.open(emmett);
    const info = await refused('verify/start', { expectHead: 'a'.repeat(64) });
    // The adapter is said in words now; only the product and file-mode names stay as they are.
    said(info, 'errorWords.host.noChainHead', 'Emmett SQLite', 'WAL');
    await app.session.close();
  });

  it('a password that cannot be kept: why, and that nothing was opened', async () => {
    const recent = createRecentConnections({ file: null, secrets: null });
    const connection = { host: 'db', port: 5432, database: 'shop', user: 'auditor' };
    said(thrown(() => recent.remember(connection as never, 'with-password')), 'errorWords.password.notStored');
    const info = await refused('store/openDatabase', { ...connection, remember: 'with-password' });
    expect(info.message).toBe('Browser mode never saves passwords: the viewer service has no encrypted storage for them. Nothing was opened: choose "Remember without password" or "Don\'t remember".');
    said(info, 'errorWords.password.nothingOpened');
  });

  it('no search index, no signing key store, no key for the open store', async () => {
    const search = createSearchHandlers({ session: app.session, jobs: app.jobs, host: browserTestHost(dir) });
    said(await failure(() => search['search/indexStatus'](undefined as never)), 'errorWords.search.noIndex');
    said(thrown(() => bundleEvidence({}, true)), 'errorWords.host.noSigningKeys');
    const records = createRecordHandlers({ session: { require: () => ({}) } as unknown as Session, host: browserTestHost(dir), records: { notes: { read: () => [] } } as never, facts: { storeKey: () => null } as never });
    said(await failure(() => records['notes/list'](undefined as never)), 'errorWords.session.noStore');
  });
});

describe('a search that cannot be read, in the reader’s language', () => {
  // What the parser says is syntax people type (fields, operators, examples): those stay as typed.
  const syntax = ['has:data.paymentId', 'has:data.items[].sku', 'data.items[].sku', '-type:ItemAdded', 'metadata', 'data', 'has:', 'OR', 'AND', 'NOT', '[]', '[0]'];
  it.each([
    ['"abc', 'unclosedQuote'],
    ['type: x', 'needsValue', 'type:ItemAdded', 'type:'],
    ['position:abc', 'notRange', 'position', 'abc'],
    ['position:99999999999999999999', 'tooLarge', 'position', '99999999999999999999'],
    ['x version:10..2', 'backwards', 'version:10..2'],
    ['has:paymentId', 'hasPath'],
    ['after:2026-*', 'timePattern', 'after'],
    ['after:2026-02-30', 'badTime', 'after', '2026-02-30'],
    ['data.items[0].sku:x', 'anyElement'],
    ['data.total>abc', 'notANumber', 'data.total>', 'abc'],
    ['""', 'emptyQuotes'],
    ['a OR', 'orNeedsAfter'],
    ['a AND', 'andNeedsAfter'],
    ['a NOT', 'notNeedsAfter'],
    [`${'('.repeat(70)}a${')'.repeat(70)}`, 'tooDeep'],
    ['(a', 'openNotClosed'],
    ['()', 'emptyGroup'],
    ['OR a', 'needsBefore'],
  ] as const)('%s: %s, at the place it stopped', (q, kind, ...typed) => {
    const run = thrown(() => searchTreeOf({ q }));
    expect(run.words?.facts.problem).toMatchObject({ key: `errorWords.searchQuery.${kind}` });
    said(run, 'errorWords.search.stoppedAt', ...typed, ...syntax);
    const handler = thrown(() => assertSearchParses({ q }));
    expect(handler.message).toMatch(/^The search could not be read at character \d+: /);
    said(handler, 'errorWords.search.unreadableAt', ...typed, ...syntax);
  });
});
