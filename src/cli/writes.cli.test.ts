// The CLI never writes onto the store it reads, and never lets stored text drive the terminal.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../main/store/openStore.ts';
import { fileFingerprint, tempDir } from '../main/testing/tempFiles.ts';
import { cli } from './testing.ts';

describe('ledger export/blame/diff: writes and terminal output are safe', () => {
  const dir = tempDir('ledger-writes');
  const file = path.join(dir, 'v.db');
  const hostileType = '\u001b]0;pwned\u0007\u001b[2J\u009b31mEvil\u202e';

  beforeAll(() => {
    const store = openStore(file, { readonly: false, create: true });
    store.append('thing-1', [
      { type: hostileType, data: { total: 1 } },
      { type: 'Plain', data: { total: 2, note: 'x' } },
    ]);
    store.append('thing-1', [{ type: hostileType, data: { total: 3 } }]);
    store.close();
  });

  it('refuses to export onto the store, its side files, or a symlink to it, and leaves it untouched', async () => {
    const before = fileFingerprint(file);
    fs.symlinkSync(file, path.join(dir, 'alias.ndjson'));
    for (const out of [file, `${file}-wal`, `${file}-journal`, path.join(dir, 'alias.ndjson')]) {
      const run = await cli('export', file, '--all', '--format', 'ndjson', '--out', out);
      expect(run.code, out).not.toBe(0);
      expect(run.stderr).toMatch(/Refusing to write .* being audited and is never written/);
    }
    expect(fileFingerprint(file)).toEqual(before);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const ok = await cli('export', file, '--all', '--format', 'ndjson', '--out', path.join(dir, 'out.ndjson'));
    expect(ok.code).toBe(0);
  });

  it('escapes ANSI and other control characters from event types in blame and diff', async () => {
    for (const argv of [
      ['blame', file, '--stream', 'thing-1'],
      ['diff', file, '--stream', 'thing-1', '--from', '0', '--to', '3'],
      ['events', file, '--stream', 'thing-1'],
    ]) {
      const run = await cli(...argv);
      expect(run.code, argv[0]).toBe(0);
      expect(run.stdout, argv[0]).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
      expect(run.stdout, argv[0]).toContain('\\u001b');
    }
    const asJson = await cli('blame', file, '--stream', 'thing-1', '--json');
    expect(JSON.stringify(JSON.parse(asJson.stdout))).toContain(JSON.stringify(hostileType).slice(1, -1));
  });
});
