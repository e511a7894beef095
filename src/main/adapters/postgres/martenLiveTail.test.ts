// Live tail over Marten: seq_id comes from a sequence, so commit order is not position order. Two
// transactions commit out of order; the change token must move at each commit, and a re-read from
// the previous watermark must return the late one.
import { expect, it } from 'vitest';
import pgClient from 'pg';
import { describePg } from '../../testing/pgTest.ts';
import { beginMartenAppend, setMartenHighWaterMark, writeMartenStreams } from '../../testing/pgFixtures/marten.ts';
import { openMarten, readOnlyRoleUrl } from './martenTestKit.ts';

const batch = (streamId: string, type: string) => ({ streamId, events: [{ type, data: { streamId } }] });

describePg('Marten live tail', (pg) => {
  for (const withHighWaterMark of [false, true]) {
    it(`never misses an event that commits late with a lower seq_id (${withHighWaterMark ? 'with' : 'without'} the daemon's high-water mark)`, async () => {
      const url = await pg.database('marten_tail');
      const seen = await writeMartenStreams(url, {}, [{ streamId: 'cart-1', batches: [[{ type: 'ItemAdded', data: {} }], [{ type: 'ItemAdded', data: {} }]] }]);
      const watermark = Math.max(...seen);
      if (withHighWaterMark) await setMartenHighWaterMark(url, {}, watermark);
      const store = await openMarten(await readOnlyRoleUrl(url, 'public'));
      try {
        const before = await store.changeToken();
        expect(await store.changeToken()).toBe(before);
        const t1 = await beginMartenAppend(url, {}, batch('late-1', 'Late'));
        const t2 = await beginMartenAppend(url, {}, batch('early-1', 'Early'));
        expect(t1.positions[0]).toBeLessThan(t2.positions[0]);
        expect(await store.changeToken()).toBe(before); // nothing committed yet
        await t2.commit();
        const afterT2 = await store.changeToken();
        expect(afterT2).not.toBe(before);
        expect((await store.readAll({ fromPosition: watermark + 1 })).items.map((e) => e.type)).toEqual(['Early']);
        await t1.commit();
        const afterT1 = await store.changeToken();
        expect(afterT1).not.toBe(afterT2);
        const reread = await store.readAll({ fromPosition: watermark + 1 });
        expect(reread.items.map((e) => [e.position, e.type])).toEqual([
          [t1.positions[0], 'Late'],
          [t2.positions[0], 'Early'],
        ]);
        expect(await store.changeToken()).toBe(afterT1);
      } finally {
        await store.close();
      }
    });
  }

  it('changes the token when a late commit and a delete leave the count and the head as they were', async () => {
    const url = await pg.database('marten_tail_delete');
    const [first] = await writeMartenStreams(url, {}, [{ streamId: 'cart-1', batches: [[{ type: 'ItemAdded', data: {} }], [{ type: 'ItemAdded', data: {} }]] }]);
    const store = await openMarten(await readOnlyRoleUrl(url, 'public'));
    const admin = new pgClient.Client({ connectionString: url });
    await admin.connect();
    try {
      const late = await beginMartenAppend(url, {}, batch('late-1', 'Late'));
      await (await beginMartenAppend(url, {}, batch('early-1', 'Early'))).commit();
      const before = await store.changeToken();
      await admin.query('DELETE FROM mt_events WHERE seq_id = $1', [first]);
      await late.commit();
      expect((await store.readAll()).items).toHaveLength(3);
      expect(await store.changeToken()).not.toBe(before);
    } finally {
      await admin.end();
      await store.close();
    }
  });
});
