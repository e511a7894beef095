// Marten's is_skipped through the screens' handlers: the store says it marks skipped events (so the
// state view offers the switch), and stateAt, blame, diff and field history leave them out unless
// includeSkipped is asked for.
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openMarten, readOnlyRoleUrl } from '../adapters/postgres/martenTestKit.ts';
import { createStreamHandlers } from '../ipc/handlers/streamHandlers.ts';
import type { JobRegistry } from '../jobs/jobRegistry.ts';
import { markMartenEventsSkipped, writeMartenStreams } from '../testing/pgFixtures/marten.ts';
import { describePg } from '../testing/pgTest.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { createSession, type Session } from './session.ts';

const paths = (dir: string) => ({ config: path.join(dir, 'config'), cache: path.join(dir, 'cache'), exports: path.join(dir, 'exports') });
// The generic projection merges data: each event sets its own field, so a left-out event shows.
const set = (field: string) => ({ type: 'Noted', data: { [field]: true } });

describePg('events Marten marks skipped, in the app', (pgx) => {
  let session: Session;
  let streams: ReturnType<typeof createStreamHandlers>;

  beforeAll(async () => {
    const url = await pgx.database('skipped_app');
    const positions = await writeMartenStreams(url, { skipping: true }, [{ streamId: 'note-1', batches: [[set('a'), set('b'), set('c')]] }]);
    await markMartenEventsSkipped(url, {}, [positions[1]]);
    session = createSession({ paths: paths(tempDir('skipped-app')), tailIntervalMs: 0 });
    await session.openWith(async () => openMarten(await readOnlyRoleUrl(url, 'public')));
    streams = createStreamHandlers({ session, jobs: {} as JobRegistry });
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  it('offers the switch and replays with or without the skipped event', async () => {
    expect(session.require().store.info.layout?.marksSkippedEvents).toBe(true);
    const left = await streams['stream/stateAt']({ streamId: 'note-1' });
    expect(left.state).toEqual({ a: true, c: true });
    expect(left.warnings.map((w) => w.version)).toEqual([2]);
    const all = await streams['stream/stateAt']({ streamId: 'note-1', includeSkipped: true });
    expect(all.state).toEqual({ a: true, b: true, c: true });

    const blame = await streams['stream/blame']({ streamId: 'note-1', includeSkipped: true });
    expect(blame.entries.find((e) => e.path === '$.b')?.event?.version).toBe(2);
    expect((await streams['stream/blame']({ streamId: 'note-1' })).entries.some((e) => e.path === '$.b')).toBe(false);
    expect((await streams['stream/diff']({ streamId: 'note-1', from: 1, to: 2 })).changes).toEqual([]);
    expect((await streams['stream/diff']({ streamId: 'note-1', from: 1, to: 2, includeSkipped: true })).changes).toHaveLength(1);
    const history = await streams['stream/fieldHistory']({ streamId: 'note-1', segments: ['b'], includeSkipped: true });
    expect(history.historyCount).toBe(1);
    expect((await streams['stream/fieldHistory']({ streamId: 'note-1', segments: ['b'] })).historyCount).toBe(0);
  });
});
