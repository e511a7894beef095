// The app:// protocol serves the built renderer and nothing else (issue 9.21).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDERER_CSP } from '../shared/security.ts';
import { APP_ENTRY_URL, answerAppRequest, isAppUrl, rendererEntry, rendererSource } from './appProtocol.ts';
import { tempDir } from './testing/tempFiles.ts';

const dir = tempDir('app-protocol');
const rendererDir = path.join(dir, 'renderer');
fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
fs.writeFileSync(path.join(rendererDir, 'assets', 'main.js'), 'console.log(1)');
fs.writeFileSync(path.join(dir, 'secret.txt'), 'not for the renderer');
fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(rendererDir, 'assets', 'link.txt'));

describe('app protocol', () => {
  it('serves the renderer files with the CSP as a response header', () => {
    const page = answerAppRequest('GET', APP_ENTRY_URL, rendererDir);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toBe(RENDERER_CSP);
    expect(String(page.body)).toContain('<title>app</title>');
    const script = answerAppRequest('GET', 'app://renderer/assets/main.js', rendererDir);
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
  });

  it('never serves a file outside the renderer folder', () => {
    for (const url of [
      'app://renderer/../secret.txt',
      'app://renderer/%2e%2e/secret.txt',
      'app://renderer/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://renderer/assets/link.txt',
      'app://renderer/%00index.html',
      'app://renderer/assets',
      'app://other/index.html',
      'file:///etc/passwd',
      'not a url',
    ]) {
      const answer = answerAppRequest('GET', url, rendererDir);
      expect(answer.status, url).toBe(404);
      expect(String(answer.body)).not.toContain('not for the renderer');
    }
    expect(answerAppRequest('POST', APP_ENTRY_URL, rendererDir).status).toBe(405);
  });

  it('a packaged build ignores ELECTRON_RENDERER_URL and trusts only app://renderer', () => {
    const packaged = rendererSource({ packaged: true, devUrl: 'http://evil.example:5173', rendererDir });
    expect(rendererEntry(packaged)).toBe(APP_ENTRY_URL);
    expect(isAppUrl('http://evil.example:5173/', packaged)).toBe(false);
    expect(isAppUrl(APP_ENTRY_URL, packaged)).toBe(true);
    expect(isAppUrl('app://renderer/index.html#/streams', packaged)).toBe(true);
    expect(isAppUrl('app://other/index.html', packaged)).toBe(false);
    expect(isAppUrl(`file://${rendererDir}/index.html`, packaged)).toBe(false);

    const dev = rendererSource({ packaged: false, devUrl: 'http://localhost:5173', rendererDir });
    expect(rendererEntry(dev)).toBe('http://localhost:5173');
    expect(isAppUrl('http://localhost:5173/#/x', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(rendererEntry(rendererSource({ packaged: false, devUrl: undefined, rendererDir }))).toBe(APP_ENTRY_URL);
  });
});
