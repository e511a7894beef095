import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/tempFiles.ts';
import { parseMaskPath } from './maskPath.ts';
import { DEFAULT_POLICY, parsePolicy, readPolicyFile, rulesFromMaskArg, uniqueRules } from './policy.ts';
import { createBundleSecret, readSecretFile } from './secrets.ts';

describe('masking rules as written', () => {
  it('reads --mask values: paths, patterns (prefixed or bare), all, default', () => {
    expect(rulesFromMaskArg('data.customer.email')).toEqual([{ kind: 'path', path: 'data.customer.email' }]);
    expect(rulesFromMaskArg('pattern:iban')).toEqual([{ kind: 'pattern', pattern: 'iban' }]);
    expect(rulesFromMaskArg('phone')).toEqual([{ kind: 'pattern', pattern: 'phone' }]);
    expect(rulesFromMaskArg('pattern:all').map((r) => (r.kind === 'pattern' ? r.pattern : ''))).toEqual(['email', 'card', 'iban', 'phone']);
    expect(rulesFromMaskArg('default')).toEqual(DEFAULT_POLICY);
    expect(() => rulesFromMaskArg('pattern:passport')).toThrow(/There is no masking pattern 'passport'/);
    expect(() => rulesFromMaskArg('customer')).toThrow(/starts with 'data' or 'metadata'/);
  });

  it('reads a policy file and says what is wrong with a bad one', () => {
    expect(parsePolicy('{"paths":["data.a","data.a"],"patterns":["card","card"]}', 'p.json')).toEqual([
      { kind: 'path', path: 'data.a' },
      { kind: 'path', path: 'data.a' },
      { kind: 'pattern', pattern: 'card' },
    ]);
    expect(() => parsePolicy('[]', 'p.json')).toThrow(/The masking policy p\.json is not one: /);
    expect(() => parsePolicy('{"path":["data.a"]}', 'p.json')).toThrow(/is not one: .*path/i);
    expect(() => parsePolicy('{}', 'p.json')).toThrow(/has no rules/);
    expect(() => parsePolicy('{"paths":[1]}', 'p.json')).toThrow(/at paths\.0/);
    const dir = tempDir('mask-policy');
    expect(() => readPolicyFile(dir)).toThrow(/is a folder, not a file/);
    expect(uniqueRules([{ kind: 'path', path: 'data.a' }, { kind: 'path', path: 'data.a' }])).toHaveLength(1);
  });

  it('has a default policy made only of valid rules', () => {
    for (const rule of DEFAULT_POLICY) if (rule.kind === 'path') expect(() => parseMaskPath(rule.path)).not.toThrow();
    expect(DEFAULT_POLICY.filter((r) => r.kind === 'pattern')).toHaveLength(4);
  });
});

describe('kept masking secrets', () => {
  it('writes a new secret owner-only, never over another, and reads it back', () => {
    const home = tempDir('mask-secrets');
    const made = createBundleSecret(home, 'bundle-1');
    expect(made.file).toBe(path.join(home, 'masking-secrets', 'bundle-1.key'));
    expect(fs.statSync(made.file).mode & 0o777).toBe(0o600);
    expect(readSecretFile(made.file)).toMatchObject({ secretId: 'bundle-1', created: false, secret: made.secret });
    expect(() => createBundleSecret(home, 'bundle-1')).toThrow(/Cannot keep the masking secret/);
    expect(() => createBundleSecret(home, '../escape')).toThrow(/letters, digits/);
    expect(createBundleSecret(home).secretId).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{8}$/);
  });
});
