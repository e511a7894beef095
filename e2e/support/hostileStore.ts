// Writes a store full of hostile data, for checking that the UI renders everything as text and never
// freezes or crashes: stream ids with slashes, '@', '..', '?#%', unicode, bidi overrides and control
// characters; HTML and SQL look-alikes; a 10 MB string; 900-level nesting; a 50,000-element array;
// and one event whose stored payload is not valid JSON. Run: node e2e/support/hostileStore.ts OUT
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { openStore } from '../../src/main/store/openStore.ts';

export const HOSTILE = {
  slashes: 'weird/stream@2..5?#%25 x',
  unicode: 'ünïcødé-流-🚀-stream',
  bidi: 'rtl-\u202Eevil\u202C-id',
  control: 'ctrl-\u0007bell-\u001b[31m-red',
  html: '<img src=x onerror=alert(1)>',
  sql: "'; DROP TABLE events; --",
  big: 'payload-big',
  deep: 'payload-deep',
  wide: 'payload-wide',
  broken: 'payload-broken',
} as const;

function nested(depth: number): unknown {
  let value: unknown = { bottom: true };
  for (let i = 0; i < depth; i++) value = { level: depth - i, child: value };
  return value;
}

export function writeHostileStore(out: string): void {
  fs.rmSync(out, { force: true });
  const store = openStore(out, { readonly: false, create: true });
  const at = (i: number) => `2026-03-01T10:00:${String(i).padStart(2, '0')}.000Z`;
  let i = 0;
  const meta = (extra: Record<string, unknown> = {}) => ({ actor: 'user:mallory\u202Egnp.exe', correlationId: 'corr-hostile', ...extra });
  for (const id of [HOSTILE.slashes, HOSTILE.unicode, HOSTILE.bidi, HOSTILE.control, HOSTILE.html, HOSTILE.sql]) {
    store.append(id, [
      { type: '<b>Created</b>', data: { name: id, html: '<script>alert("x")</script>', sql: "1' OR '1'='1" }, metadata: meta(), recordedAt: at(i++) },
      { type: 'Renamed', data: { name: `${id} (renamed)`, note: 'line one\nline two\ttabbed\u0000nul' }, metadata: meta(), recordedAt: at(i++) },
    ]);
  }
  store.append(HOSTILE.big, [{ type: 'BigPayload', data: { blob: 'A'.repeat(10 * 1024 * 1024), size: '10 MB' }, metadata: meta(), recordedAt: at(i++) }]);
  store.append(HOSTILE.deep, [{ type: 'DeepPayload', data: nested(900), metadata: meta(), recordedAt: at(i++) }]);
  store.append(HOSTILE.wide, [
    { type: 'WidePayload', data: { items: Array.from({ length: 50_000 }, (_, n) => ({ id: n, label: `item ${n}` })) }, metadata: meta(), recordedAt: at(i++) },
  ]);
  store.append(HOSTILE.broken, [
    { type: 'Fine', data: { ok: true }, metadata: meta(), recordedAt: at(i++) },
    { type: 'WillBreak', data: { ok: true }, metadata: meta(), recordedAt: at(i++) },
  ]);
  store.close();
  // A damaged payload, as a foreign writer or a disk error could leave: not valid JSON at all.
  const db = new Database(out);
  try {
    for (const trigger of db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'").pluck().all() as string[]) db.exec(`DROP TRIGGER "${trigger}"`);
    db.prepare("UPDATE events SET data = '{\"ok\": tru' WHERE stream_id = ? AND version = 2").run(HOSTILE.broken);
  } finally {
    db.close();
  }
}

if (process.argv[1] && import.meta.filename === fs.realpathSync(process.argv[1])) {
  writeHostileStore(process.argv[2] ?? 'hostile.db');
}
