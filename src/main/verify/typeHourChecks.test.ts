// verify checks the schema-2 hour table the timeline's histogram is summed from: a count changed,
// a row removed or a row made up is a finding, and a store too varied for the in-walk tally is
// compared in SQL with the same result.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/openStore.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { createHourTallies, hourOf } from './typeHourChecks.ts';
import { verify } from './verify.ts';

const HOUR = 3_600_000;

describe('verify: the event_type_hours table', () => {
  const dir = tempDir('verify-hours');
  const clean = path.join(dir, 'clean.db');

  beforeAll(() => {
    const store = openStore(clean, { readonly: false, create: true });
    const t0 = Date.UTC(2026, 0, 1);
    for (let s = 0; s < 6; s++) {
      // Spread over hours, with one stream before 1970 (hours round down there too).
      const base = s === 5 ? -HOUR * 3 - 1 : t0 + s * HOUR * 2;
      store.append(`acct-${s}`, Array.from({ length: 8 }, (_, i) => ({ type: i % 2 ? 'Deposited' : 'Withdrawn', data: { n: i }, recordedAt: base + i * 20 * 60_000 })));
    }
    store.close();
  });

  const tampered = (name: string, sql: string) => {
    const file = path.join(dir, `${name}.db`);
    fs.copyFileSync(clean, file);
    const db = new Database(file);
    db.exec(sql);
    db.close();
    return file;
  };
  const hourFindings = async (file: string) => (await verify(file)).findings.filter((f) => f.check === 'type-hours');

  it('finds nothing on a store the append path kept', async () => {
    const report = await verify(clean);
    expect(report.ok).toBe(true);
    expect(report.findings).toEqual([]);
  });

  it('reports a changed count, a removed row and a made-up row, each with type and hour', async () => {
    const changed = await hourFindings(tampered('changed', "UPDATE event_type_hours SET event_count = event_count + 5 WHERE (type, hour) = (SELECT type, hour FROM event_type_hours ORDER BY type, hour LIMIT 1)"));
    expect(changed).toEqual([expect.objectContaining({ kind: 'summary-mismatch', message: expect.stringMatching(/says \d+ events; the events say \d+/) })]);
    expect(changed[0].expected).toBe((changed[0].actual as number) + 5);

    const removed = await hourFindings(tampered('removed', 'DELETE FROM event_type_hours WHERE hour = (SELECT min(hour) FROM event_type_hours)'));
    expect(removed.length).toBeGreaterThan(0);
    expect(removed[0].message).toMatch(/has no row for it/);

    const madeUp = await hourFindings(tampered('made-up', "INSERT INTO event_type_hours (type, hour, event_count) VALUES ('Refunded', 500000, 3)"));
    expect(madeUp).toEqual([expect.objectContaining({ expected: 3, actual: 0, details: { type: 'Refunded', hour: 500000 } })]);
  });

  it('rounds hours down before 1970 as the append path does', () => {
    expect(hourOf(-1)).toBe(-1);
    expect(hourOf(0)).toBe(0);
    expect(hourOf(HOUR - 1)).toBe(0);
    const tallies = createHourTallies();
    tallies.add('A', -1);
    tallies.add('A', -HOUR);
    expect(tallies.get('A', -1)).toBe(2);
    expect([...tallies.entries()]).toEqual([['A', -1, 2]]);
  });

  it('falls back to SQL when the tally would not fit, with the same findings', async () => {
    const tallies = createHourTallies(2);
    for (let h = 0; h < 3; h++) tallies.add('A', h * HOUR);
    expect(tallies.complete).toBe(false);
    // Through verify the fallback is only reached on huge stores; here its SQL meets the same tamper.
    const file = tampered('sql-path', "UPDATE event_type_hours SET event_count = 99 WHERE (type, hour) = (SELECT type, hour FROM event_type_hours ORDER BY type, hour LIMIT 1)");
    const viaWalk = await hourFindings(file);
    const { checkTypeHoursForTest } = await import('./typeHourChecks.ts');
    const viaSql = await checkTypeHoursForTest(file);
    expect(viaSql.map((f) => f.message)).toEqual(viaWalk.map((f) => f.message));
  });
});
