import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DatabaseConnection } from '../../shared/contract.ts';
import { ERROR_WORDS, englishError, errorText } from '../../shared/errorWords/index.ts';
import { chineseOf } from '../../shared/testing/chineseOf.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { connectionId, createRecentConnections, type SecretBox } from './recentConnections.ts';

/** A real cipher (AES-256-GCM, key in memory) standing in for safeStorage. */
function aesBox(available = true): SecretBox {
  const key = randomBytes(32);
  return {
    available: () => available,
    encrypt(text) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(data) {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

const PASSWORD = 'S3cret-p@ss-Ünïcode';
const conn = (over: Partial<DatabaseConnection> = {}): DatabaseConnection => ({ host: 'db.example.com', port: 5432, database: 'orders', user: 'auditor', password: PASSWORD, ...over });

function setup(secrets: SecretBox | null, start = Date.parse('2026-01-01T00:00:00Z')) {
  const file = path.join(tempDir('recent-connections'), 'config', 'connections.json');
  let clock = start;
  const recent = createRecentConnections({ file, secrets, now: () => new Date((clock += 1000)) });
  const bytes = () => fs.readFileSync(file);
  return { file, recent, bytes };
}

/** The password in any form a careless writer might leave it: clear, UTF-16, base64, hex. */
function containsPassword(bytes: Buffer): boolean {
  const forms = [Buffer.from(PASSWORD, 'utf8'), Buffer.from(PASSWORD, 'utf16le'), Buffer.from(Buffer.from(PASSWORD).toString('base64')), Buffer.from(Buffer.from(PASSWORD).toString('hex'))];
  return forms.some((form) => bytes.includes(form));
}

describe('recent connections', () => {
  it('remembers a connection without its password by default choice, newest first', () => {
    const { recent, bytes } = setup(aesBox());
    recent.remember(conn(), 'without-password');
    recent.remember(conn({ host: 'replica.example.com', schema: 'audit', sslMode: 'require' }), 'without-password');
    const list = recent.list();
    expect(list.map((c) => c.host)).toEqual(['replica.example.com', 'db.example.com']);
    expect(list[0]).toMatchObject({ port: 5432, database: 'orders', user: 'auditor', schema: 'audit', sslMode: 'require', hasSavedPassword: false });
    expect(list[0]!.label).toBe('auditor@replica.example.com:5432/orders · schema audit');
    expect(Object.keys(list[0]!)).not.toContain('password');
    expect(containsPassword(bytes())).toBe(false);
    expect(recent.password(list[0]!.id)).toBeNull();
  });

  it('with-password stores only ciphertext and gives the password back decrypted', () => {
    const { recent, bytes } = setup(aesBox());
    recent.remember(conn(), 'with-password');
    const [entry] = recent.list();
    expect(entry!.hasSavedPassword).toBe(true);
    expect(containsPassword(bytes())).toBe(false);
    expect(bytes().toString('utf8')).toContain('"secret"');
    expect(recent.password(entry!.id)).toBe(PASSWORD);
  });

  it('without a SecretBox (browser mode) refuses to store a password and writes nothing', () => {
    const { recent, file } = setup(null);
    expect(recent.passwordStorage()).toMatchObject({ available: false });
    expect(recent.passwordStorage().reason).toMatch(/browser mode/i);
    expect(() => recent.remember(conn(), 'with-password')).toThrow(expect.objectContaining({ code: 'UNSUPPORTED' }));
    expect(fs.existsSync(file)).toBe(false);
    recent.remember(conn(), 'without-password');
    expect(containsPassword(fs.readFileSync(file))).toBe(false);
    expect(recent.list()[0]!.hasSavedPassword).toBe(false);
  });

  it('a SecretBox that is not available (no keyring) is treated like none', () => {
    const { recent } = setup(aesBox(false));
    expect(recent.passwordStorage()).toMatchObject({ available: false, reason: expect.stringMatching(/keyring/) });
    expect(() => recent.remember(conn(), 'with-password')).toThrow();
    // The Start screen says why in its reader's language: the reason's words say main's English.
    for (const storage of [recent.passwordStorage(), setup(null).recent.passwordStorage()]) {
      expect(storage.reasonWords).toBeDefined();
      expect(englishError(storage.reasonWords!)).toBe(storage.reason);
      expect(errorText({ message: storage.reason!, words: storage.reasonWords }, chineseOf(ERROR_WORDS['zh-CN']))).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(recent.list()).toEqual([]);
  });

  it('deduplicates by host, port, database, user and schema; the latest choice wins', () => {
    const { recent, bytes } = setup(aesBox());
    recent.remember(conn(), 'with-password');
    recent.remember(conn({ host: 'other' }), 'without-password');
    recent.remember(conn({ host: 'DB.example.com', sslMode: 'verify-full' }), 'without-password');
    const list = recent.list();
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({ host: 'DB.example.com', sslMode: 'verify-full', hasSavedPassword: false });
    // Choosing "without password" again drops the saved one.
    expect(recent.password(list[0]!.id)).toBeNull();
    expect(bytes().toString('utf8')).not.toContain('"secret"');
    // A different schema or port is a different place.
    recent.remember(conn({ schema: 'tenant_a' }), 'without-password');
    recent.remember(conn({ port: 6432 }), 'without-password');
    expect(recent.list()).toHaveLength(4);
    expect(connectionId(conn())).not.toBe(connectionId(conn({ schema: 'tenant_a' })));
  });

  it('keeps at most 12, dropping the oldest', () => {
    const { recent } = setup(null);
    for (let i = 0; i < 15; i++) recent.remember(conn({ database: `db${i}` }), 'without-password');
    const list = recent.list();
    expect(list).toHaveLength(12);
    expect(list[0]!.database).toBe('db14');
    expect(list.at(-1)!.database).toBe('db3');
  });

  it("'no' remembers nothing; forget removes one entry", () => {
    const { recent } = setup(null);
    recent.remember(conn(), 'no');
    expect(recent.list()).toEqual([]);
    recent.remember(conn(), 'without-password');
    recent.remember(conn({ database: 'billing' }), 'without-password');
    const id = recent.list()[1]!.id;
    expect(recent.forget(id)).toBe(true);
    expect(recent.forget(id)).toBe(false);
    expect(recent.list().map((c) => c.database)).toEqual(['billing']);
  });

  it('a corrupt or odd file starts empty (or keeps the good entries) and never throws', () => {
    const { recent, file } = setup(aesBox());
    fs.mkdirSync(path.dirname(file), { recursive: true });
    for (const junk of ['{not json', '', 'null', '[1,2,3]', '{"connections": "nope"}', '\u0000\u0001binary']) {
      fs.writeFileSync(file, junk);
      expect(recent.list()).toEqual([]);
      expect(recent.profiles()).toEqual([]);
    }
    fs.writeFileSync(
      file,
      JSON.stringify({
        connections: [{ id: 'x', host: 'h', port: 'five', database: 'd', user: 'u', lastOpenedAt: 't' }, { id: 'y', host: 'h', port: 5432, database: 'd', user: 'u', lastOpenedAt: 't', sslMode: 'bogus', secret: 'AAAA' }],
        profiles: [{ name: 'p', table: 't', map: { streamId: 'sid', nonsense: 'x' }, savedAt: 't' }, { name: 42 }],
      }),
    );
    const list = recent.list();
    expect(list.map((c) => c.id)).toEqual(['y']);
    expect(list[0]!.sslMode).toBeUndefined();
    // Ciphertext that does not decrypt (another keyring) reads as "no saved password", not a crash.
    expect(recent.password('y')).toBeNull();
    expect(recent.profiles()).toEqual([{ name: 'p', table: 't', map: { streamId: 'sid' }, savedAt: 't' }]);
    // And writing still works over the damaged file.
    recent.remember(conn(), 'without-password');
    expect(recent.list()).toHaveLength(2);
  });

  it('an unwritable config folder never stops a connection', () => {
    const dir = tempDir('recent-connections-ro');
    const blocker = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocker, 'x');
    const recent = createRecentConnections({ file: path.join(blocker, 'connections.json'), secrets: null });
    expect(() => recent.remember(conn(), 'without-password')).not.toThrow();
    expect(recent.list()).toEqual([]);
  });

  it('saves named mapping profiles beside the connections, replacing one of the same name', () => {
    const { recent, bytes } = setup(null);
    recent.remember(conn({ mapping: { table: 'audit.events', map: { streamId: 'stream', version: 'seq' } } }), 'without-password');
    recent.saveProfile({ name: 'Home-grown', table: 'audit.events', map: { streamId: 'stream', version: 'seq', type: 'kind' } });
    recent.saveProfile({ name: 'Legacy', table: 'events', map: { streamId: 'aggregate_id' } });
    const after = recent.saveProfile({ name: 'Home-grown', table: 'audit.events2', map: { streamId: 's' } });
    expect(after.map((p) => [p.name, p.table])).toEqual([
      ['Home-grown', 'audit.events2'],
      ['Legacy', 'events'],
    ]);
    expect(recent.profiles()).toEqual(after);
    expect(recent.list()[0]!.mapping).toEqual({ table: 'audit.events', map: { streamId: 'stream', version: 'seq' } });
    expect(recent.list()[0]!.label).toContain('table audit.events');
    expect(recent.deleteProfile('Legacy').map((p) => p.name)).toEqual(['Home-grown']);
    expect(JSON.parse(bytes().toString('utf8')).profiles).toHaveLength(1);
  });
});
