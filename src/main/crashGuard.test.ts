// One uncaught error must not end the process that holds the user's window (issue 9.7).
import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppProblem } from '../shared/contract.ts';
import { installCrashGuard } from './crashGuard.ts';
import { tempDir } from './testing/tempFiles.ts';

const dir = tempDir('crash-guard');

describe('crash guard', () => {
  it('logs and reports uncaught exceptions and unhandled rejections in people’s words', () => {
    const fake = new EventEmitter();
    const reported: AppProblem[] = [];
    const logFile = path.join(dir, 'config', 'problems.log');
    const uninstall = installCrashGuard(fake, { logFile, report: (p) => reported.push(p), stderr: () => {}, now: () => new Date('2026-12-01T00:00:00Z') });
    fake.emit('uncaughtException', new Error('boom in a handler'));
    fake.emit('unhandledRejection', 'a plain string reason');
    expect(reported.map((p) => p.kind)).toEqual(['uncaughtException', 'unhandledRejection']);
    expect(reported[0]!.message).toMatch(/Something went wrong inside the viewer \(boom in a handler\).*keeps working/);
    expect(reported[0]!.logFile).toBe(logFile);
    const lines = fs.readFileSync(logFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0].detail).toMatch(/Error: boom in a handler\n\s+at /);
    uninstall();
    expect(fake.listenerCount('uncaughtException')).toBe(0);
  });

  it('a report that throws or a log that cannot be written does not become a crash', () => {
    const fake = new EventEmitter();
    const notAFolder = path.join(dir, 'a-file');
    fs.writeFileSync(notAFolder, '');
    installCrashGuard(fake, { logFile: path.join(notAFolder, 'config', 'problems.log'), report: () => { throw new Error('window gone'); }, stderr: () => {} });
    expect(() => fake.emit('uncaughtException', new Error('x'))).not.toThrow();
  });

  it('a real process with the guard keeps running after an uncaught error (without it, it dies)', () => {
    const script = (guarded: boolean) => `
      ${guarded ? `const { installCrashGuard } = await import(${JSON.stringify(path.join(import.meta.dirname, 'crashGuard.ts'))});
      installCrashGuard(process, { logFile: null, report: () => {}, stderr: () => {} });` : ''}
      setTimeout(() => { throw new Error('bug in a timer'); }, 5);
      setTimeout(() => Promise.reject(new Error('bug in a promise')), 10);
      setTimeout(() => { console.log('still running'); }, 100);`;
    const run = (guarded: boolean) => spawnSync(process.execPath, ['--input-type=module', '-e', script(guarded)], { encoding: 'utf8' });
    const guarded = run(true);
    expect(guarded.status).toBe(0);
    expect(guarded.stdout).toContain('still running');
    const bare = run(false);
    expect(bare.status).not.toBe(0);
    expect(bare.stdout).not.toContain('still running');
  });
});
