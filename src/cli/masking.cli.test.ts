import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../main/store/openStore.ts';
import { tempDir } from '../main/testing/tempFiles.ts';
import { cli } from './testing.ts';

describe('ledger export --mask', () => {
  const dir = tempDir('cli-mask');
  const home = path.join(dir, 'home');
  const store = path.join(dir, 's.db');
  const before = process.env.LEDGER_HOME;
  beforeAll(() => {
    process.env.LEDGER_HOME = home;
    const writer = openStore(store, { readonly: false, create: true });
    writer.append('cust-1', [
      { type: 'Registered', data: { customer: { email: 'ann@example.org', name: 'Ann' }, note: 'card 4111 1111 1111 1111' }, metadata: { actor: 'clerk-7' } },
      { type: 'Renamed', data: { customer: { email: 'ann@example.org', name: 'Ann B.' } }, metadata: { actor: 'clerk-7' } },
    ]);
    writer.close();
  });
  afterAll(() => {
    if (before === undefined) delete process.env.LEDGER_HOME;
    else process.env.LEDGER_HOME = before;
  });

  const tokensOf = (file: string) => fs.readFileSync(file, 'utf8').match(/masked:[0-9a-f]{16}/g) ?? [];

  it('masks, records the rules and counts in the manifest, and keeps the secret outside the bundle', async () => {
    const out = path.join(dir, 'b1', 'all.ndjson');
    const run = await cli('export', store, '--all', '--format', 'ndjson', '--out', out, '--mask', 'data.customer.email', '--mask', 'metadata.actor', '--mask', 'pattern:card');
    expect(run.code).toBe(0);
    const secretFile = /Masking secret kept at (\S+) \(not in the bundle\)/.exec(run.stdout)?.[1] as string;
    expect(path.dirname(secretFile)).toBe(path.join(home, 'masking-secrets'));
    expect(fs.statSync(secretFile).mode & 0o777).toBe(0o600);
    const secretHex = fs.readFileSync(secretFile, 'utf8').trim();
    const bundle = fs.readdirSync(path.dirname(out)).map((f) => fs.readFileSync(path.join(path.dirname(out), f), 'utf8')).join('\n');
    for (const hidden of ['ann@example.org', 'clerk-7', '4111 1111 1111 1111', secretHex]) expect(bundle).not.toContain(hidden);
    expect(bundle).toContain('"name":"Ann"');
    const manifest = JSON.parse(fs.readFileSync(`${out}.manifest.json`, 'utf8'));
    expect(manifest.masking).toMatchObject({
      rules: [{ kind: 'path', path: 'data.customer.email' }, { kind: 'path', path: 'metadata.actor' }, { kind: 'pattern', pattern: 'card' }],
      maskedValues: 5,
      counts: [2, 2, 1],
      secretId: path.basename(secretFile, '.key'),
    });
    // Equal values, equal tokens: the two e-mails (and the two actors) are linkable.
    expect(new Set(tokensOf(out)).size).toBe(3);

    // The same secret again: the same tokens in another bundle; a new secret: other tokens.
    const again = path.join(dir, 'b2', 'all.csv');
    expect((await cli('export', store, '--all', '--format', 'csv', '--out', again, '--mask', 'data.customer.email', '--mask-secret-file', secretFile)).code).toBe(0);
    expect(tokensOf(again)).toContain(tokensOf(out)[0]);
    const fresh = path.join(dir, 'b3', 'all.json');
    expect((await cli('export', store, '--all', '--format', 'json', '--out', fresh, '--mask', 'data.customer.email')).code).toBe(0);
    expect(tokensOf(fresh)).not.toContain(tokensOf(out)[0]);
  });

  it('masks state and diff exports, the HTML report included', async () => {
    const policy = path.join(dir, 'policy.json');
    fs.writeFileSync(policy, JSON.stringify({ paths: ['data.customer.name', 'metadata.actor'], patterns: ['email'] }));
    for (const args of [
      ['--state', '--stream', 'cust-1', '--out', path.join(dir, 'b4', 'state.json')],
      ['--diff', '--stream', 'cust-1', '--from', '1', '--to', '2', '--format', 'html', '--out', path.join(dir, 'b5', 'diff.html')],
    ]) {
      const run = await cli('export', store, ...args, '--mask-policy', policy, '--projection', 'generic');
      expect(run.code, run.stderr).toBe(0);
      const file = args[args.indexOf('--out') + 1];
      const text = fs.readFileSync(file, 'utf8') + fs.readFileSync(`${file}.manifest.json`, 'utf8');
      for (const hidden of ['ann@example.org', 'Ann B.', 'clerk-7']) expect(text).not.toContain(hidden);
      expect(text).toContain('masked:');
    }
  });

  it('refuses a bad rule, a bad policy file and a secret without rules, in words (exit 2)', async () => {
    const out = path.join(dir, 'never.ndjson');
    const badPath = await cli('export', store, '--all', '--format', 'ndjson', '--out', out, '--mask', 'customer.email');
    expect(badPath.code).toBe(2);
    expect(badPath.stderr).toMatch(/The masking path 'customer\.email' cannot be read at character 1: a path starts with 'data' or 'metadata'/);
    expect((await cli('export', store, '--all', '--format', 'ndjson', '--out', out, '--mask', 'pattern:ssn')).stderr).toMatch(/There is no masking pattern 'ssn'/);
    const policy = path.join(dir, 'bad-policy.json');
    fs.writeFileSync(policy, JSON.stringify({ paths: ['data.ok', 'data..x'] }));
    expect((await cli('export', store, '--all', '--format', 'ndjson', '--out', out, '--mask-policy', policy)).stderr).toMatch(/bad-policy\.json, paths\[1\]: The masking path 'data\.\.x'/);
    fs.writeFileSync(policy, JSON.stringify({ patterns: ['email', 'passport'] }));
    expect((await cli('export', store, '--all', '--format', 'ndjson', '--out', out, '--mask-policy', policy)).stderr).toMatch(/is not one at patterns\.1: /);
    fs.writeFileSync(policy, '{"paths": [');
    expect((await cli('export', store, '--all', '--format', 'ndjson', '--out', out, '--mask-policy', policy)).stderr).toMatch(/is not valid JSON/);
    expect((await cli('export', store, '--all', '--format', 'ndjson', '--out', out, '--mask-policy', path.join(dir, 'nope.json'))).stderr).toMatch(/nope\.json does not exist/);
    expect((await cli('export', store, '--all', '--format', 'ndjson', '--out', out, '--mask-secret-file', policy)).stderr).toMatch(/--mask-secret-file needs --mask/);
    const notSecret = path.join(dir, 'short.key');
    fs.writeFileSync(notSecret, 'abcd');
    const short = await cli('export', store, '--all', '--format', 'ndjson', '--out', out, '--mask', 'email', '--mask-secret-file', notSecret);
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/does not hold a secret/);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('ledger verify-export of a masked bundle', () => {
  const dir = tempDir('cli-mask-verify');
  const store = path.join(dir, 's.db');
  const before = process.env.LEDGER_HOME;
  beforeAll(() => {
    process.env.LEDGER_HOME = path.join(dir, 'home');
    const writer = openStore(store, { readonly: false, create: true });
    writer.append('cust-1', [{ type: 'Registered', data: { email: 'ann@example.org' }, metadata: { actor: 'clerk-7' } }]);
    writer.close();
  });
  afterAll(() => {
    if (before === undefined) delete process.env.LEDGER_HOME;
    else process.env.LEDGER_HOME = before;
  });

  it('compares with the store only with the bundle’s own secret', async () => {
    const out = path.join(dir, 'b', 'all.ndjson');
    const run = await cli('export', store, '--all', '--format', 'ndjson', '--out', out, '--mask', 'email', '--json');
    const secretFile = JSON.parse(run.stdout).maskingSecretFile as string;
    expect((await cli('verify-export', path.dirname(out), '--store', store, '--mask-secret-file', secretFile)).code).toBe(0);
    const without = await cli('verify-export', path.dirname(out), '--store', store);
    expect(without.code).toBe(1);
    expect(without.stdout).toMatch(/needs the masking secret it was made with/);
    const other = JSON.parse((await cli('export', store, '--all', '--format', 'csv', '--out', path.join(dir, 'c', 'x.csv'), '--mask', 'email', '--json')).stdout).maskingSecretFile as string;
    expect((await cli('verify-export', path.dirname(out), '--store', store, '--mask-secret-file', other)).code).toBe(1);
    // Without a store the files are checked against their hashes as for any bundle.
    expect((await cli('verify-export', path.dirname(out))).code).toBe(0);
  });
});
