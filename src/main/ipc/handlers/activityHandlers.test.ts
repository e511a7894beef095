// activity/* and notes/* through the app's dispatch, and what opening, searching, verifying and
// exporting leave in the viewer's activity log — none of it written into the audited store.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ActivityListing, ActivityVerdict } from '../../../shared/activity.ts';
import type { NotesExportResult } from '../../../shared/contract.ts';
import type { CaseNote } from '../../../shared/evidence.ts';
import type { JobState } from '../../../shared/jobs.ts';
import type { NotesListing } from '../../../shared/notes.ts';
import type { Result } from '../../../shared/result.ts';
import type { StoredEvent } from '../../../shared/types.ts';
import { createLedgerApp } from '../../composition.ts';
import { writeDemoStore } from '../../demo/generateDemo.ts';
import { tempDir } from '../../testing/tempFiles.ts';
import type { Host } from './host.ts';
import { browserTestHost } from '../../testing/testHost.ts';

const dir = tempDir('record-handlers');
const store = path.join(dir, 'store.db');
const otherStore = path.join(dir, 'other.db');
writeDemoStore(store, { streams: 6, events: 120, longStreams: 0, longEvents: 2, seed: 'record-handlers' });
writeDemoStore(otherStore, { streams: 2, events: 10, longStreams: 0, longEvents: 2, seed: 'record-other' });
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const home = path.join(dir, 'home');

const host: Host = browserTestHost(path.join(dir, 'saved'));

describe('activity and notes channels', () => {
  const ledger = createLedgerApp({ host, home, paths: { config: path.join(dir, 'config'), cache: path.join(dir, 'cache'), exports: path.join(dir, 'exports') } });
  const call = async <T>(channel: string, input?: unknown) => (await ledger.dispatch(channel, input)) as Result<T>;
  const value = async <T>(channel: string, input?: unknown): Promise<T> => {
    const result = await call<T>(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  const before = sha(store);
  let first: StoredEvent;

  beforeAll(async () => {
    expect((await call('notes/list')).ok).toBe(false); // nothing open yet
    await ledger.session.open(store);
    first = (await value<{ items: StoredEvent[] }>('events/list', { limit: 1 })).items[0];
  });

  it('records the opening with the store identity and chain head', async () => {
    const listing = await value<ActivityListing>('activity/list', { thisStore: true });
    const opened = listing.entries.find((e) => e.action === 'store.opened');
    expect(opened).toMatchObject({ storeLabel: store, chainHead: ledger.session.current()?.stats.chainHead, details: { format: 'ledger', events: 120 } });
    expect(opened?.details.storeId).toMatch(/./);
    expect(listing.storeKey).toBe(opened?.storeKey);
  });

  it('records a search once (not per page), a verification with its verdict and an export with its file', async () => {
    const page = await value<{ next: string | null; total: number }>('search/run', { q: 'cart', limit: 2 });
    expect(page.next).not.toBeNull();
    await value('search/run', { q: 'cart', limit: 2, after: page.next });
    const verifyJob = await value<JobState>('verify/start', {});
    await ledger.jobs.wait(verifyJob.id);
    const exportJob = await value<JobState>('export/start', { what: 'events', scope: { kind: 'all' }, format: 'ndjson' });
    await ledger.jobs.wait(exportJob.id);
    await new Promise((r) => setTimeout(r, 20)); // the entries are written once the jobs' results are in
    const entries = (await value<ActivityListing>('activity/list', {})).entries;
    expect(entries.filter((e) => e.action === 'search')).toEqual([expect.objectContaining({ details: expect.objectContaining({ via: 'app', q: 'cart', total: page.total }) })]);
    expect(entries.find((e) => e.action === 'verify')).toMatchObject({ details: { verdict: 'intact', status: 'succeeded', eventsChecked: 120 } });
    const exported = entries.find((e) => e.action === 'export');
    expect(exported?.details).toMatchObject({ status: 'succeeded', file: path.join(dir, 'saved', 'all-events.ndjson'), events: 120 });
    expect(exported?.storeLabel).toBe(store);
  });

  it('adds notes on an event (by position or id) and on a state, lists, edits, removes and exports them', async () => {
    const onEvent = await value<CaseNote>('notes/add', { target: { kind: 'event', ref: first.position }, text: 'refund issued twice here' });
    expect(onEvent.target).toEqual({ kind: 'event', eventId: first.eventId, position: first.position, streamId: first.streamId, version: first.version });
    const byId = await value<CaseNote>('notes/add', { target: { kind: 'event', ref: first.eventId }, text: 'same event by id' });
    expect(byId.target).toEqual(onEvent.target);
    const onState = await value<CaseNote>('notes/add', { target: { kind: 'state', streamId: first.streamId, version: 1 }, text: 'state here' });
    const refused = await call('notes/add', { target: { kind: 'state', streamId: first.streamId, version: 10_000 }, text: 'x' });
    expect(refused.ok ? null : refused.error.code).toBe('INVALID_INPUT');
    const blank = await call('notes/add', { target: { kind: 'event', ref: 1 }, text: '   ' });
    expect(blank.ok ? null : blank.error.code).toBe('INVALID_INPUT');
    const missing = await call('notes/add', { target: { kind: 'event', ref: 'no-such-event' }, text: 'x' });
    expect(missing.ok ? null : missing.error.code).toBe('NOT_FOUND');
    await value('notes/edit', { id: onState.id, text: 'state is off here' });
    await value('notes/remove', { id: byId.id });
    const listing = await value<NotesListing>('notes/list');
    expect(listing.problem).toBeNull();
    expect(listing.notes.map((n) => n.text)).toEqual(['refund issued twice here', 'state is off here']);
    expect(listing.file.startsWith(home)).toBe(true);
    const exported = await value<NotesExportResult>('notes/export');
    expect(exported.notes).toBe(2);
    expect(JSON.parse(fs.readFileSync(exported.path, 'utf8')).notes).toHaveLength(2);
    const actions = (await value<ActivityListing>('activity/list', { thisStore: true })).entries.map((e) => e.action);
    expect(actions.slice(0, 4)).toEqual(['note.removed', 'note.edited', 'note.added', 'note.added']);
    const added = (await value<ActivityListing>('activity/list', { thisStore: true })).entries.find((e) => e.action === 'note.added');
    expect(added?.chainHead).toBe(ledger.session.current()?.stats.chainHead);
  });

  it("shows another store's notes apart, and verifies the log", async () => {
    await ledger.session.open(otherStore);
    expect((await value<NotesListing>('notes/list')).notes).toEqual([]);
    const mine = (await value<ActivityListing>('activity/list', { thisStore: true })).entries;
    expect(mine.map((e) => e.action)).toEqual(['store.opened']);
    const verdict = await value<ActivityVerdict>('activity/verify');
    expect(verdict).toMatchObject({ ok: true, problems: [] });
    expect(verdict.entries).toBeGreaterThanOrEqual(9);
    expect(fs.existsSync(path.join(home, 'activity.jsonl'))).toBe(true);
    expect(sha(store)).toBe(before);
  });

  it('activity/verify names an entry edited in the file', async () => {
    const file = path.join(home, 'activity.jsonl');
    const original = fs.readFileSync(file, 'utf8');
    try {
      fs.writeFileSync(file, original.replace('refund issued twice here', 'nothing happened here'));
      const verdict = await value<ActivityVerdict>('activity/verify');
      expect(verdict.ok).toBe(false);
      expect(verdict.problems[0]).toMatchObject({ kind: 'edited', message: expect.stringMatching(/note\.added .*changed after it was written/) });
    } finally {
      fs.writeFileSync(file, original);
    }
  });

  it('reports a damaged notes file without overwriting it', async () => {
    await ledger.session.open(store);
    const { file } = await value<NotesListing>('notes/list');
    fs.writeFileSync(file, '[broken');
    const listing = await value<NotesListing>('notes/list');
    expect(listing.problem).toMatch(/damaged/);
    const add = await call('notes/add', { target: { kind: 'event', ref: first.position }, text: 'lost?' });
    expect(add.ok ? null : add.error.code).toBe('CORRUPT');
    expect(fs.readFileSync(file, 'utf8')).toBe('[broken');
  });

  it('tells the window once when the activity log cannot be written, and the search still answers', async () => {
    const blocked = path.join(dir, 'blocked-home');
    fs.writeFileSync(blocked, 'not a folder');
    const app = createLedgerApp({ host, home: blocked, paths: { config: path.join(dir, 'config2'), cache: path.join(dir, 'cache2'), exports: path.join(dir, 'exports2') } });
    const told: string[] = [];
    app.problems.subscribe((p) => told.push(`${p.kind}: ${p.message}`));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      await app.session.open(store);
      const first = (await app.dispatch('search/run', { q: 'cart', limit: 1 })) as Result<unknown>;
      const second = (await app.dispatch('search/run', { q: 'order', limit: 1 })) as Result<unknown>;
      expect([first.ok, second.ok]).toEqual([true, true]);
      expect(told).toEqual([expect.stringMatching(/^activityLog: The activity log .* could not be written/)]);
      const listing = (await app.dispatch('activity/list', {})) as Result<ActivityListing>;
      expect(listing.ok && listing.value.problem).toMatch(/could not be (written|read)/);
    } finally {
      warn.mockRestore();
      await app.session.close();
    }
  });
});
