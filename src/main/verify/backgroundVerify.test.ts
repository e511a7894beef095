import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IntegrityStatus } from '../../shared/verify.ts';
import { NO_RECORDED_HEAD_CAVEAT } from '../../shared/verify.ts';
import { createJobRegistry } from '../jobs/jobRegistry.ts';
import { createSession } from '../session/session.ts';
import { openStore } from '../store/openStore.ts';
import { changeOneByte, deleteEvent, editIndexOnly } from '../testing/tamper.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { createBackgroundVerify } from './backgroundVerify.ts';
import { isAffectedPosition, manifestIntegrity } from './integrityStatus.ts';
import { writeEmmettFile } from '../testing/emmettFile.ts';

const paths = (dir: string) => ({ config: path.join(dir, 'config'), cache: path.join(dir, 'cache'), exports: path.join(dir, 'exports') });

function writeStore(file: string, events = 20): void {
  const store = openStore(file, { readonly: false, create: true });
  for (let i = 0; i < events; i++) store.append(`account-${i % 2}`, [{ type: 'FundsDeposited', data: { amount: i } }]);
  store.close();
}

function setup(dir: string) {
  const session = createSession({ paths: paths(dir), tailIntervalMs: 0 });
  const jobs = createJobRegistry();
  const integrity = createBackgroundVerify({ session, jobs });
  const seen: IntegrityStatus[] = [];
  integrity.onStatus((s) => seen.push(s));
  return { session, jobs, integrity, seen };
}

describe('background verification of the open store', () => {
  it('finds a tampered store on open, naming the affected positions, without anyone asking', async () => {
    const dir = tempDir('bg-verify');
    const file = path.join(dir, 'tampered.db');
    writeStore(file);
    changeOneByte(file, 7, 'data');
    deleteEvent(file, 12);
    const { session, integrity, seen } = setup(dir);
    const opened = await session.open(file);
    expect(integrity.current()).toMatchObject({ openId: opened.openId, status: 'checking' });
    const status = await integrity.settled();
    expect(status).toMatchObject({ openId: opened.openId, status: 'findings', caveat: null });
    expect(status!.findingCount).toBeGreaterThanOrEqual(2);
    expect(status!.findingKinds.edited).toBeGreaterThanOrEqual(1);
    expect(status!.findingKinds.deleted).toBeGreaterThanOrEqual(1);
    expect(isAffectedPosition(status!.affected, 7)).toBe(true);
    expect(isAffectedPosition(status!.affected, 12)).toBe(true);
    expect(isAffectedPosition(status!.affected, 3)).toBe(false);
    // Position 7 is account-0 v4 (events alternate between two streams): the state view needs that.
    expect(status!.affected).toContainEqual(expect.objectContaining({ position: 7, streamId: 'account-0', version: 4 }));
    expect(seen.at(-1)).toEqual(status);
    const manifest = manifestIntegrity(status);
    expect(manifest).toMatchObject({ status: 'findings', checkedAt: status!.checkedAt, findings: { count: status!.findingCount } });
    expect(manifest.status === 'findings' && manifest.findings.positions).toEqual(expect.arrayContaining([7, 12]));
    await session.close();
    expect(integrity.current()).toBeNull();
  });

  it('a covering index tampered to disagree with the table is flagged on open, so the state it folds is marked', async () => {
    // Replay folds from events_by_stream_replay, the event list from the table (issue 9.13): the
    // background check must name the event whose index copy differs, so the State view marks it.
    const dir = tempDir('bg-verify');
    const file = path.join(dir, 'index-tampered.db');
    writeStore(file);
    editIndexOnly(file, 'events_by_stream_replay', 7, 'data', '{"amount":99}');
    const { session, integrity } = setup(dir);
    await session.open(file);
    const status = await integrity.settled();
    expect(status).toMatchObject({ status: 'findings' });
    expect(status!.findingKinds['index-divergence']).toBeGreaterThanOrEqual(1);
    expect(status!.affected).toContainEqual(expect.objectContaining({ position: 7, streamId: 'account-0', version: 4 }));
    await session.close();
  });

  it('verifies a clean store, saying what it cannot rule out without a recorded head', async () => {
    const dir = tempDir('bg-verify');
    const file = path.join(dir, 'clean.db');
    writeStore(file);
    const { session, integrity } = setup(dir);
    await session.open(file);
    const status = await integrity.settled();
    expect(status).toMatchObject({ status: 'verified', findingCount: 0, caveat: NO_RECORDED_HEAD_CAVEAT, lastPosition: 20 });
    expect(status!.caveat).toMatch(/cannot rule out a chain rewritten/);
    expect(manifestIntegrity(status)).toMatchObject({ status: 'verified', findings: { count: 0, positions: [] }, caveat: NO_RECORDED_HEAD_CAVEAT });
    await session.close();
  });

  it('says no-chain for an Emmett store', async () => {
    const dir = tempDir('bg-verify');
    const file = path.join(dir, 'emmett.sqlite');
    await writeEmmettFile(file, [
      ['cart-1', [{ type: 'ItemAdded', data: { sku: 'A' } }]],
    ]);
    const { session, integrity } = setup(dir);
    await session.open(file);
    expect(await integrity.settled()).toMatchObject({ status: 'no-chain', why: { case: 'noChain', adapter: expect.any(String) } });
    expect(manifestIntegrity(integrity.current())).toEqual({ status: 'no-chain' });
    await session.close();
  });

  it('cancels the check of a store when another opens; the late answer never shows for the new one', async () => {
    const dir = tempDir('bg-verify');
    const big = path.join(dir, 'big.db');
    const tampered = path.join(dir, 'tampered.db');
    writeStore(big, 3000);
    writeStore(tampered);
    changeOneByte(tampered, 3, 'data');
    const { session, jobs, integrity } = setup(dir);
    await session.open(big);
    const first = jobs.list().find((j) => j.kind === 'verify')!;
    const second = await session.open(tampered);
    expect((await jobs.wait(first.id)).status).toBe('cancelled');
    const status = await integrity.settled();
    expect(status).toMatchObject({ openId: second.openId, status: 'findings' });
    await session.close();
  });

  it('a manifest without a finished check says not-checked', async () => {
    expect(manifestIntegrity(null)).toMatchObject({ status: 'not-checked' });
    expect(manifestIntegrity({ openId: 1, status: 'checking', done: 1, total: 9, checkedAt: null, findingCount: 0, findingKinds: {}, affected: [], affectedTruncated: false, chainHead: null, lastPosition: null, caveat: null, reason: null })).toMatchObject({ status: 'not-checked', reason: expect.stringMatching(/still running/) });
  });
});
