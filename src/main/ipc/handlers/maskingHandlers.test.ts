// The header's masking switch through the app's dispatch: while it is on, the handlers' answers
// (events, search hits, states, diffs, blame, actors, related events) carry tokens, never the stored
// values; events/getUnmasked shows one event as stored and records that in the activity log; an
// export started from the app while it is on is masked with its own kept secret.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityEntry, ActivityInput } from '../../../shared/evidence.ts';
import type { ExportResult, JobDetail } from '../../../shared/contract.ts';
import type { MaskingStatus } from '../../../shared/masking.ts';
import type { Result } from '../../../shared/result.ts';
import type { StoredEvent } from '../../../shared/types.ts';
import type { ActivityRecorder } from '../../evidence/services.ts';
import { createJobRegistry } from '../../jobs/jobRegistry.ts';
import { createViewerRecords } from '../../activity/viewerRecords.ts';
import { createScreenMasking } from '../../masking/screenMasking.ts';
import { createDatabaseStores } from '../../session/databaseStores.ts';
import { createRecentConnections } from '../../session/recentConnections.ts';
import { createSession } from '../../session/session.ts';
import { openStore } from '../../store/openStore.ts';
import { tempDir } from '../../testing/tempFiles.ts';
import { createDispatch } from '../dispatch.ts';
import type { Host } from './host.ts';
import { createHandlers } from './index.ts';
import { browserTestHost } from '../../testing/testHost.ts';

const dir = tempDir('masking-handlers');
const file = path.join(dir, 'store.db');
const writer = openStore(file, { readonly: false, create: true });
writer.append('cust-1', [
  { type: 'Registered', data: { customer: { email: 'ann@example.org', name: 'Ann' }, items: [{ sku: 'A', name: 'Ann gift' }] }, metadata: { actor: 'clerk-7', correlationId: 'c-1' } },
  { type: 'Moved', data: { customer: { email: 'ann.b@example.org', phone: '+44 20 7946 0958' } }, metadata: { actor: 'clerk-7', correlationId: 'c-1' } },
]);
writer.close();

/** The activity log of another engineer, faked: what was recorded. */
function fakeActivity(): ActivityRecorder & { entries: ActivityInput[] } {
  const entries: ActivityInput[] = [];
  return {
    entries,
    record: (entry) => {
      entries.push(entry);
      return { ...entry, seq: entries.length, at: '', user: 'test', storeKey: null, storeLabel: null, chainHead: null, details: {}, prevHash: '', hash: '' } as ActivityEntry;
    },
    excerpt: () => [],
  };
}

describe('masking channels', () => {
  const host: Host = browserTestHost(path.join(dir, 'saved'));
  const paths = { config: path.join(dir, 'config'), cache: path.join(dir, 'cache'), exports: path.join(dir, 'exports') };
  const session = createSession({ paths });
  const jobs = createJobRegistry();
  const activity = fakeActivity();
  const masking = createScreenMasking({ home: () => path.join(dir, 'home') });
  const dispatch = createDispatch(
    createHandlers({ session, jobs, host, databases: createDatabaseStores(session), recent: createRecentConnections({ file: null, secrets: null }), masking, activity, records: createViewerRecords({ home: path.join(dir, 'home') }) }),
  );
  const call = async <T>(channel: string, input?: unknown): Promise<T> => {
    const result = (await dispatch(channel, input)) as Result<T>;
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  const PERSONAL = ['ann@example.org', 'ann.b@example.org', 'clerk-7', '+44 20 7946 0958'];
  const holdsPersonal = (value: unknown) => PERSONAL.filter((p) => JSON.stringify(value).includes(p));

  beforeAll(async () => {
    await session.open(file);
  });
  afterAll(async () => {
    await session.close();
  });

  it('masks nothing while off, and every data-carrying answer while on', async () => {
    const asked = {
      list: ['events/list', {}],
      stream: ['stream/events', { streamId: 'cust-1' }],
      get: ['events/get', { ref: 1 }],
      related: ['events/related', { position: 1 }],
      actors: ['events/actors', {}],
      search: ['search/run', { q: 'ann', facets: true }],
      state: ['stream/stateAt', { streamId: 'cust-1', projection: 'generic' }],
      blame: ['stream/blame', { streamId: 'cust-1', projection: 'generic' }],
      diff: ['stream/diff', { streamId: 'cust-1', from: 0, to: 2, projection: 'generic' }],
      history: ['stream/fieldHistory', { streamId: 'cust-1', segments: ['customer', 'email'], projection: 'generic' }],
      whatIf: ['replay/whatIf', { streamId: 'cust-1', a: { projection: 'generic' }, b: { projection: 'generic', skip: [2] } }],
    } as const;
    expect((await call<MaskingStatus>('masking/get')).enabled).toBe(false);
    for (const [name, [channel, input]] of Object.entries(asked)) expect(holdsPersonal(await call(channel, input)), `${name} unmasked`).not.toEqual([]);
    const on = await call<MaskingStatus>('masking/set', { enabled: true });
    expect(on).toMatchObject({ enabled: true, isDefault: true });
    for (const [name, [channel, input]] of Object.entries(asked)) {
      const answer = await call(channel, input);
      expect(holdsPersonal(answer), name).toEqual([]);
      expect(JSON.stringify(answer), name).toMatch(/masked:[0-9a-f]{16}/);
    }
    // Equal values, equal tokens on screen: the same actor in both events.
    const events = (await call<{ items: StoredEvent[] }>('events/list', {})).items;
    expect(events[0].metadata.actor).toBe(events[1].metadata.actor);
    await call('masking/set', { enabled: false });
    expect((await call<StoredEvent>('events/get', { ref: 1 })).metadata.actor).toBe('clerk-7');
  });

  it('takes a policy chosen in the app, and refuses a bad path without changing anything', async () => {
    const set = await call<MaskingStatus>('masking/set', { enabled: true, policy: { paths: ['data.customer.name'] } });
    expect(set.rules).toEqual([{ kind: 'path', path: 'data.customer.name' }]);
    const event = await call<StoredEvent>('events/get', { ref: 1 });
    expect((event.data as any).customer.name).toMatch(/^masked:/);
    expect((event.data as any).customer.email).toBe('ann@example.org');
    const bad = await dispatch('masking/set', { enabled: true, policy: { paths: ['customer.name'] } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/starts with 'data' or 'metadata'/) } });
    expect((await call<MaskingStatus>('masking/get')).rules).toEqual([{ kind: 'path', path: 'data.customer.name' }]);
    expect((await dispatch('masking/set', { enabled: true, policy: { patterns: ['passport'] } })).ok).toBe(false);
    await call('masking/set', { enabled: false, policy: { useDefault: true } });
  });

  it('shows one event unmasked on request and records it in the activity log', async () => {
    await call('masking/set', { enabled: true });
    const before = activity.entries.length;
    const shown = await call<StoredEvent>('events/getUnmasked', { ref: 2, reason: 'checking the address change' });
    expect((shown.data as any).customer.email).toBe('ann.b@example.org');
    expect(activity.entries.slice(before)).toEqual([
      expect.objectContaining({
        action: 'unmasked.shown',
        storeKey: expect.stringMatching(/^[0-9a-f]{64}$/),
        storeLabel: file,
        chainHead: expect.stringMatching(/^[0-9a-f]{64}$/),
        details: expect.objectContaining({ position: 2, streamId: 'cust-1', reason: 'checking the address change' }),
      }),
    ]);
    // Off, nothing is masked and there is nothing to record.
    await call('masking/set', { enabled: false });
    await call('events/getUnmasked', { ref: 2 });
    expect(activity.entries.length).toBe(before + 1);
  });

  it('masks an export started from the app while the switch is on, with a kept secret', async () => {
    await call('masking/set', { enabled: true });
    const job = await call<{ id: string }>('export/start', { what: 'events', scope: { kind: 'all' }, format: 'csv' });
    await jobs.wait(job.id);
    const detail = await call<JobDetail>('jobs/get', { id: job.id });
    const result = detail.result as ExportResult;
    expect(result.maskingSecretFile).toMatch(new RegExp(`^${path.join(dir, 'home', 'masking-secrets')}/.+\\.key$`));
    const bytes = fs.readFileSync(result.path, 'utf8') + fs.readFileSync(result.manifestPath, 'utf8');
    expect(holdsPersonal(bytes)).toEqual([]);
    expect(JSON.parse(fs.readFileSync(result.manifestPath, 'utf8')).masking.maskedValues).toBeGreaterThan(0);

    // The search results' export too, the query as typed included (it names an e-mail address).
    const searched = await call<{ id: string }>('search/export', { q: 'ann@example.org' });
    await jobs.wait(searched.id);
    const found = (await call<JobDetail>('jobs/get', { id: searched.id })).result as ExportResult;
    expect(found.events).toBeGreaterThan(0);
    expect(found.maskingSecretFile).not.toBe(result.maskingSecretFile);
    expect(holdsPersonal(fs.readFileSync(found.path, 'utf8') + fs.readFileSync(found.manifestPath, 'utf8'))).toEqual([]);
    await call('masking/set', { enabled: false });
  });
});
