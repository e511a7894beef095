// Marten's is_skipped events through the CLI: state, diff and blame replay them as skipped (with a
// warning naming each) unless --include-skipped; the log still lists them.
import { beforeAll, expect, it } from 'vitest';
import { markMartenEventsSkipped, writeMartenStreams } from '../main/testing/pgFixtures/marten.ts';
import { createReadonlyRole } from '../main/testing/pgRoles.ts';
import { describePg } from '../main/testing/pgTest.ts';
import { cli } from './testing.ts';

// The generic projection merges data: each event sets a field of its own, so a left-out event shows.
const deposit = (field: string) => ({ type: 'Deposited', data: { [field]: 1 } });

describePg('ledger state, diff and blame on skipped Marten events', (ctx) => {
  let url = '';
  beforeAll(async () => {
    const admin = await ctx.database('cli_marten_skipped');
    const positions = await writeMartenStreams(admin, { skipping: true }, [{ streamId: 'counter-1', batches: [[deposit('first'), deposit('second'), deposit('third')]] }]);
    await markMartenEventsSkipped(admin, {}, [positions[1]]);
    url = await createReadonlyRole(admin, { schemas: ['public'] });
  });

  const json = async (...argv: string[]) => {
    const run = await cli(...argv, '--json');
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout);
  };

  it('leaves the skipped event out by default and applies it when asked', async () => {
    const skipped = await json('state', url, '--stream', 'counter-1', '--projection', 'generic');
    expect(skipped.warnings).toEqual([expect.objectContaining({ version: 2, message: expect.stringMatching(/marks this event as skipped/) })]);
    const included = await json('state', url, '--stream', 'counter-1', '--projection', 'generic', '--include-skipped');
    expect(included.warnings).toEqual([]);
    expect(skipped.state).toEqual({ first: 1, third: 1 });
    expect(included.state).toEqual({ first: 1, second: 1, third: 1 });

    const diff = await json('diff', url, '--stream', 'counter-1', '--from', '1', '--to', '2', '--projection', 'generic');
    expect(diff.changes).toEqual([]);
    const diffIncluded = await json('diff', url, '--stream', 'counter-1', '--from', '1', '--to', '2', '--projection', 'generic', '--include-skipped');
    expect(diffIncluded.changes.map((c: { event: { version: number } }) => c.event.version)).toEqual([2]);

    const blame = await json('blame', url, '--stream', 'counter-1', '--projection', 'generic', '--include-skipped', '--at', '2');
    expect(blame.entries.some((e: { event: { version: number } | null }) => e.event?.version === 2)).toBe(true);
    // The log is the audit: the skipped event is still listed.
    const events = await json('events', url, '--stream', 'counter-1');
    expect(events.items ?? events).toHaveLength(3);
  });
});
