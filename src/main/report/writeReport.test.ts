import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseNote } from '../../shared/evidence.ts';
import type { ManifestIntegrity } from '../../shared/verify.ts';
import { storeKeyOf } from '../evidence/storeKey.ts';
import { createReplayEngine } from '../replay/replayEngine.ts';
import { toAsyncReader } from '../store/asyncReader.ts';
import type { EventStoreReader } from '../store/eventStore.ts';
import { openStore } from '../store/openStore.ts';
import { cartStory } from '../testing/cartStory.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { sealReport } from './reportBundle.ts';
import { fakeMasker, fakeNotes, fakeSigner } from './reportFakes.ts';
import { esc, reportCsp, showJson } from './reportHtml.ts';
import { reportChanges, reportEvents, reportFacts, reportSection, reportTotals } from './reportParts.ts';
import { parseVersionList } from './reportRequest.ts';
import { writeReport, type ReportServices } from './writeReport.ts';

const T0 = 1_767_225_600_000;
const HOSTILE = '</script><img src=x onerror=alert(1)><!--';
const NOT_CHECKED: ManifestIntegrity = { status: 'not-checked', reason: 'a test' };

describe('writeReport', () => {
  const dir = tempDir('report');
  let store: EventStoreReader;
  let engine: ReturnType<typeof createReplayEngine>;
  const file = (name: string) => path.join(dir, name);
  const write = (name: string, request: Parameters<typeof writeReport>[2], services: Partial<ReportServices> = {}) =>
    writeReport(store, engine, request, file(name), { integrity: NOT_CHECKED, ...services });

  beforeAll(() => {
    const writer = openStore(file('s.db'), { readonly: false, create: true });
    writer.append('cart-1', cartStory(T0));
    writer.append('cart-2', cartStory(T0 + 3_600_000));
    writer.append(`evil-${HOSTILE}`, [
      { type: `Type${HOSTILE}`, data: { note: HOSTILE, [HOSTILE]: 1 }, metadata: { actor: HOSTILE }, recordedAt: T0 },
      { type: 'Changed', data: { note: `again ${HOSTILE}` }, metadata: { actor: 'mallory' }, recordedAt: T0 + 1000 },
    ]);
    writer.close();
    store = toAsyncReader(openStore(file('s.db')));
    engine = createReplayEngine(store);
  });

  it('records the store facts, the verdict and the range in a machine-readable header', async () => {
    const integrity: ManifestIntegrity = { status: 'verified', checkedAt: '2026-12-02T06:00:00.000Z', findings: { count: 0, kinds: {}, positions: [], positionsTruncated: false }, chainHead: (await store.stats()).chainHead, lastPosition: 16 };
    const { file: written, facts } = await write('facts.html', { streamId: 'cart-1', fromVersion: 2, toVersion: 6 }, { integrity });
    const html = fs.readFileSync(written.path, 'utf8');
    const stats = await store.stats();
    expect(reportFacts(html)).toEqual(facts);
    expect(facts.store).toMatchObject({ path: store.info.path, format: 'ledger', storeId: storeKeyOf(store).storeId, eventCount: 16, chainHead: stats.chainHead, hasChain: true });
    expect(facts.store.storeId).toMatch(/\S/);
    expect(facts.range).toEqual({ fromVersion: 2, toVersion: 6 });
    expect(facts.events).toEqual({ inRange: 5, maxListed: 10_000, listed: 5, truncated: false });
    expect(facts.states).toEqual([6]);
    expect(facts.integrity.status).toBe('verified');
    expect(html).toContain(`<meta name="ledger-report:chain-head" content="${stats.chainHead}">`);
    expect(html).toContain('data-verdict="verified"');
    expect(reportSection(html, 'summary')).toContain(stats.chainHead);
    // Self-contained: one inline stylesheet allowed by hash, nothing to load, no script to run.
    expect(html).toContain(`content="${esc(reportCsp())}"`);
    expect(html).not.toMatch(/<link|<img|<iframe|src=|https?:\/\//i);
    expect(written.sha256).toBe(createHash('sha256').update(fs.readFileSync(written.path)).digest('hex'));
  });

  it('says plainly when the store was not verified, or keeps no chain', async () => {
    const a = fs.readFileSync((await write('nc.html', { streamId: 'cart-1' })).file.path, 'utf8');
    expect(a).toContain('data-verdict="not-checked"');
    expect(a).toContain('Not verified for this report: a test');
    const b = fs.readFileSync((await write('nochain.html', { streamId: 'cart-1' }, { integrity: { status: 'no-chain' } })).file.path, 'utf8');
    expect(b).toContain('data-verdict="no-chain"');
    expect(b).toContain('keeps no hash chain');
  });

  it('lists every event of the range with position, id, version, type, time, actor, hash and data', async () => {
    const { file: written } = await write('events.html', { streamId: 'cart-1', fromVersion: 2, toVersion: 5 });
    const html = fs.readFileSync(written.path, 'utf8');
    const stored = (await store.readStream('cart-1', { fromVersion: 2, toVersion: 5 })).items;
    const listed = reportEvents(html);
    expect(listed.map((e) => e.eventId)).toEqual(stored.map((e) => e.eventId));
    for (const [i, event] of stored.entries()) {
      const block = listed[i].block;
      expect(listed[i].position).toBe(event.position);
      expect(block).toContain(`v${event.version} · ${event.type}`);
      expect(block).toContain(event.hash!);
      expect(block).toContain(event.recordedAt);
      expect(block).toContain(`<dd>${event.metadata.actor}</dd>`);
      expect(block).toContain(showJson(event.data));
    }
    expect(reportTotals(html)).toEqual({ eventsListed: 4, firstPosition: stored[0].position, lastPosition: stored[3].position, maskedValues: null });
  });

  it('shows the states at the chosen versions and attributes every change of the diffs between them', async () => {
    const { file: written, facts } = await write('states.html', { streamId: 'cart-1', versions: [7, 3, 5] });
    const html = fs.readFileSync(written.path, 'utf8');
    expect(facts.states).toEqual([3, 5, 7]);
    expect(facts.diffs.map((d) => [d.from, d.to])).toEqual([[3, 5], [5, 7]]);
    const states = reportSection(html, 'states');
    for (const version of [3, 5, 7]) {
      const state = await engine.stateAt('cart-1', { version });
      expect(states).toContain(`data-version="${version}"`);
      expect(states).toContain(showJson(state.state));
    }
    const changes = reportChanges(html);
    const events = (await store.readStream('cart-1')).items;
    const byVersion = new Map(events.map((e) => [e.version, e]));
    const expected = [...(await engine.diff('cart-1', 3, 5)).changes, ...(await engine.diff('cart-1', 5, 7)).changes];
    expect(changes).toHaveLength(expected.length);
    for (const [i, change] of expected.entries()) {
      expect(changes[i].path).toBe(esc(change.path));
      expect(changes[i].kind).toBe(change.kind);
      // Every change names the event that made it: position, version, actor and event id.
      expect(change.event).not.toBeNull();
      const event = byVersion.get(change.event!.version)!;
      expect(changes[i].position).toBe(event.position);
      expect(changes[i].row).toContain(`>v${event.version}</a> ${event.type}`);
      expect(changes[i].row).toContain(String(event.metadata.actor));
      expect(changes[i].row).toContain(event.eventId);
    }
    // The removal of item A at v5 was bob's.
    const removal = changes.find((c) => c.kind === 'removed')!;
    expect(removal.path).toBe(esc('$.items[sku="A"]'));
    expect(removal.row).toContain('bob');
  });

  it('diffs the range up to one chosen version when only one is given', async () => {
    const { facts } = await write('one.html', { streamId: 'cart-1', fromVersion: 4, toVersion: 7 });
    expect(facts.diffs.map((d) => [d.from, d.to])).toEqual([[3, 7]]);
  });

  it("includes this stream's notes from the NotesReader, linked from their events", async () => {
    const key = storeKeyOf(store).key;
    const event = (await store.readStream('cart-1', { fromVersion: 5, toVersion: 5 })).items[0];
    const note = (id: string, over: Partial<CaseNote>): CaseNote => ({ id, storeKey: key, target: { kind: 'state', streamId: 'cart-1', version: 3 }, text: id, author: 'ann', createdAt: '2026-12-01T09:00:00.000Z', updatedAt: '2026-12-01T09:00:00.000Z', ...over });
    const notes = fakeNotes([
      note('n-event', { target: { kind: 'event', eventId: event.eventId, position: event.position, streamId: 'cart-1', version: 5 }, text: `refund issued twice here ${HOSTILE}` }),
      note('n-state', { text: 'state looked fine' }),
      note('n-other-stream', { target: { kind: 'state', streamId: 'cart-2', version: 1 }, text: 'about cart-2' }),
      note('n-other-store', { storeKey: 'another-store', target: { kind: 'state', streamId: 'cart-1', version: 1 }, text: 'another store' }),
    ]);
    const { file: written, facts } = await write('notes.html', { streamId: 'cart-1' }, { notes });
    const html = fs.readFileSync(written.path, 'utf8');
    expect(notes.asked).toEqual([key]);
    expect(facts.notes).toBe(2);
    const section = reportSection(html, 'notes');
    expect(section).toContain('data-note-id="n-event"');
    expect(section).toContain('data-note-id="n-state"');
    expect(section).toContain(esc(`refund issued twice here ${HOSTILE}`));
    expect(html).not.toContain('about cart-2');
    expect(html).not.toContain('another store');
    // The event the note is about links to it.
    const block = reportEvents(html).find((e) => e.eventId === event.eventId)!.block;
    expect(block).toMatch(/href="#note-\d+"/);
  });

  it('passes every event, state and diff through the masker: no original value is in the file', async () => {
    const masker = fakeMasker();
    const { file: written, facts, totals } = await write('masked.html', { streamId: 'cart-1', versions: [3, 5, 7] }, { masker });
    // The store's random id can hold 'c-42' by chance (…28cc-428c…): identifiers are not values, so they go first.
    const html = fs.readFileSync(written.path, 'utf8').replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>');
    for (const original of ['Apple', 'Bread', 'Cheese', 'c-42', 'pay-1', 'alice', 'bob', 'carol', 'sku=&quot;A&quot;', 'sku=&quot;C&quot;', '&quot;open&quot;']) {
      expect(html, original).not.toContain(original);
    }
    expect(html).toContain('masked:');
    expect(facts.masking).toEqual({ rules: masker.summary().rules, scheme: masker.summary().scheme });
    expect(totals.maskedValues).toBe(masker.count());
    expect(totals.maskedValues).toBeGreaterThan(0);
    // Rules are printed, values never: the summary names paths only.
    expect(reportSection(html, 'summary')).toContain('metadata.actor');
  });

  it('prints the signer fingerprint when a signer is given, and says "not signed" otherwise', async () => {
    const signed = fs.readFileSync((await write('signed.html', { streamId: 'cart-1' }, { signer: fakeSigner })).file.path, 'utf8');
    expect(reportFacts(signed).signer).toEqual({ name: fakeSigner.name, fingerprint: fakeSigner.fingerprint });
    expect(signed).toContain('3f9a 12c0 3f9a');
    expect(signed).toContain(esc(fakeSigner.name));
    expect(signed).not.toContain('<b>Test</b>');
    const unsigned = fs.readFileSync((await write('unsigned.html', { streamId: 'cart-1' })).file.path, 'utf8');
    expect(reportFacts(unsigned).signer).toBeNull();
    expect(unsigned).toContain('Not signed');
  });

  it('escapes every value: a payload that closes the script block or injects markup stays text', async () => {
    const streamId = `evil-${HOSTILE}`;
    const { file: written } = await write('hostile.html', { streamId, versions: [0, 1, 2] }, { notes: fakeNotes([{ id: HOSTILE, storeKey: storeKeyOf(store).key, target: { kind: 'state', streamId, version: 1 }, text: HOSTILE, author: HOSTILE, createdAt: HOSTILE, updatedAt: HOSTILE }]) });
    const html = fs.readFileSync(written.path, 'utf8');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<!--');
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    // The JSON blocks still give the exact values back.
    expect(reportFacts(html).stream.streamId).toBe(streamId);
    expect(html).toContain(esc(HOSTILE));
    const changes = reportChanges(html);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((c) => c.position !== null)).toBe(true);
  });

  it('caps the events it lists, says so, and lists them all when asked', async () => {
    const capped = await write('cap.html', { streamId: 'cart-1', maxEvents: 2 });
    const html = fs.readFileSync(capped.file.path, 'utf8');
    expect(reportEvents(html)).toHaveLength(2);
    expect(capped.facts.events).toEqual({ inRange: 7, maxListed: 2, listed: 2, truncated: true });
    expect(html).toContain('Only the first 2 are listed; the other 5 are left out of this report');
    const all = await write('all.html', { streamId: 'cart-1', maxEvents: null });
    expect(reportEvents(fs.readFileSync(all.file.path, 'utf8'))).toHaveLength(7);
    expect(all.facts.events.truncated).toBe(false);
  });

  it('refuses an unknown stream or versions outside it before writing anything', async () => {
    await expect(write('none.html', { streamId: 'no-such' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: "There is no stream 'no-such' in this store." });
    await expect(write('bad.html', { streamId: 'cart-1', versions: [3, 99] })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('there is none at 99') });
    await expect(write('bad2.html', { streamId: 'cart-1', fromVersion: 5, toVersion: 2 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(fs.readdirSync(dir).filter((f) => /none|bad/.test(f))).toEqual([]);
  });

  it('leaves no file when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(write('cancelled.html', { streamId: 'cart-1' }, { signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(fs.readdirSync(dir).filter((f) => f.includes('cancelled'))).toEqual([]);
  });

  it('puts the report with its sha256 into the manifest beside it', async () => {
    const report = await write('sealed.html', { streamId: 'cart-1', versions: [2, 7] });
    const sealed = await sealReport(store, report);
    expect(sealed.manifestPath).toBe(`${report.file.path}.manifest.json`);
    const manifest = JSON.parse(fs.readFileSync(sealed.manifestPath, 'utf8'));
    expect(manifest.kind).toBe('report');
    expect(manifest.files).toEqual([{ path: 'sealed.html', bytes: fs.statSync(report.file.path).size, sha256: createHash('sha256').update(fs.readFileSync(report.file.path)).digest('hex') }]);
    expect(manifest.query).toEqual({ kind: 'report', streamId: 'cart-1', fromVersion: 1, toVersion: 7, versions: [2, 7], projection: 'shopping-cart', format: 'html' });
    expect(manifest.integrity).toEqual(NOT_CHECKED);
  });
});

describe('parseVersionList', () => {
  it('reads comma-separated versions and refuses anything else with an example', () => {
    expect(parseVersionList('3, 17,40')).toEqual([3, 17, 40]);
    for (const bad of ['', '3,,4', 'a', '-1', '1.5', '3;4']) expect(() => parseVersionList(bad)).toThrow(/such as 3,17,40/);
  });
});
