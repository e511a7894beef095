// The renderer's origin in Electron: a privileged, standard, secure `app://renderer/` scheme served
// from the built renderer folder (Electron's security checklist: a custom protocol instead of
// file://, which would grant the page every local file's origin). Plain Node so it is unit-tested;
// index.ts registers it with Electron's `protocol`.
import fs from 'node:fs';
import path from 'node:path';
import { RENDERER_CSP } from '../shared/security.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Where the renderer comes from: the app protocol (always, when packaged) or the dev server. */
export type RendererSource = { protocol: string } | { devUrl: string };

/**
 * The dev server is honoured only in unpackaged builds: a packaged app that read
 * ELECTRON_RENDERER_URL from its environment would load, and trust for IPC, whatever origin
 * a local attacker put there.
 */
export function rendererSource(options: { packaged: boolean; devUrl: string | undefined; rendererDir: string }): RendererSource {
  if (!options.packaged && options.devUrl) return { devUrl: options.devUrl };
  return { protocol: options.rendererDir };
}

export function rendererEntry(source: RendererSource): string {
  return 'devUrl' in source ? source.devUrl : APP_ENTRY_URL;
}

/** True when `url` is the app's own renderer document (the app protocol, or the dev server). */
export function isAppUrl(url: string, source: RendererSource): boolean {
  try {
    const parsed = new URL(url);
    if ('devUrl' in source) return parsed.origin === new URL(source.devUrl).origin;
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

/** Headers every renderer response carries: the CSP as a header too, not only the meta tag. */
export function rendererHeaders(file: string): Record<string, string> {
  return {
    'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-security-policy': RENDERER_CSP,
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'cache-control': 'no-store',
  };
}

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

/**
 * Answers one `app://` request from the renderer folder. Only GET of an existing regular file
 * inside the folder (after resolving `..`, %-escapes and symlinks) is served; anything else is
 * 404/405, never a file outside it.
 */
export function answerAppRequest(method: string, url: string, rendererDir: string): AppResponse {
  const notFound: AppResponse = { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': RENDERER_CSP }, body: 'Not found' };
  if (method !== 'GET' && method !== 'HEAD') return { ...notFound, status: 405, body: 'Method not allowed' };
  let relative: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return notFound;
    relative = decodeURIComponent(parsed.pathname);
  } catch {
    return notFound;
  }
  if (relative.includes('\0')) return notFound;
  if (relative === '/' || relative === '') relative = '/index.html';
  try {
    const root = fs.realpathSync(rendererDir);
    const file = fs.realpathSync(path.join(root, path.normalize(relative)));
    if (file !== root && !file.startsWith(root + path.sep)) return notFound;
    if (!fs.statSync(file).isFile()) return notFound;
    return { status: 200, headers: rendererHeaders(file), body: method === 'HEAD' ? '' : fs.readFileSync(file) };
  } catch {
    return notFound;
  }
}
