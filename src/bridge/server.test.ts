// The bridge's HTTP error answers: every bad request gets a status and a typed error body, never a
// 500 "Bridge error" for the client's own mistake nor a reset socket.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../shared/result.ts';
import { tempDir } from '../main/testing/tempFiles.ts';
import { startBridge, type Bridge } from './server.ts';

describe('bridge error answers', () => {
  const dir = tempDir('bridge');
  let bridge: Bridge;
  const calls: string[] = [];
  beforeAll(async () => {
    fs.mkdirSync(path.join(dir, 'exports'));
    bridge = await startBridge({
      dispatch: async (channel) => {
        calls.push(channel);
        return ok(null);
      },
      subscribe: () => () => {},
      rendererDir: dir,
      exportsDir: path.join(dir, 'exports'),
    });
  });
  afterAll(() => bridge.close());
  const call = (channel: string, body: string) =>
    fetch(`${bridge.origin}/api/call/${channel}`, { method: 'POST', headers: { 'x-ledger-token': bridge.token, 'content-type': 'application/json' }, body });

  it('a bad %-encoding in the channel is 400 INVALID_INPUT, not 500', async () => {
    const res = await call('store%E0%A4%A', '{}');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/%-encoding/) } });
    expect(calls).toEqual([]);
  });

  it('a body over the limit is answered 413 with a typed error (the socket is not reset), and the bridge keeps serving', async () => {
    const res = await call('store/stats', JSON.stringify({ input: 'x'.repeat(3 << 20) }));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/larger than the bridge's 1 MB limit/) } });
    const after = await call('store/stats', '{}');
    expect(after.status).toBe(200);
    expect(calls).toEqual(['store/stats']);
  });
});
