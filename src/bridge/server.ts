// Browser mode: a loopback HTTP server that serves the renderer build and the *same* dispatch as the
// Electron IPC, so the real UI and the real services run in any browser (and in e2e tests without
// an Electron binary). 127.0.0.1 only, a random port, a random session token on every API call,
// Host / Origin checks against DNS rebinding and cross-site requests.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fail, type Result } from '../shared/result.ts';
import { RENDERER_CSP } from '../shared/security.ts';
import type { Dispatch } from '../main/ipc/dispatch.ts';

const MAX_BODY = 1 << 20;
/** Past this, an oversized upload is cut off; below it, it is read and discarded so the client gets its 413. */
const MAX_DISCARD = 64 << 20;
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

export interface BridgeOptions {
  dispatch: Dispatch;
  /** Registers a push listener; returns the unsubscribe function. */
  subscribe: (push: (channel: string, payload: unknown) => void) => () => void;
  rendererDir: string;
  /** Folder holding export download slots (`<slot>/<file>`). */
  exportsDir: string;
  port?: number;
  token?: string;
}

export interface Bridge {
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

function sameSecret(given: string | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendJson(res: http.ServerResponse, status: number, body: Result<unknown> | unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Over the limit the rest is read and dropped, not the socket destroyed: a reset connection
      // tells the client nothing, a 413 with a typed error says what was wrong.
      if (size > MAX_DISCARD) req.destroy();
      else if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY) reject(Object.assign(new Error('too large'), { status: 413 }));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

/** Resolves a URL path inside `root`, or null when it would escape it. */
function insideRoot(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const resolved = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  return resolved === root || resolved.startsWith(root + path.sep) ? resolved : null;
}

export function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const rendererDir = path.resolve(options.rendererDir);
  const exportsDir = path.resolve(options.exportsDir);
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  const streams = new Set<http.ServerResponse>();

  const unsubscribe = options.subscribe((channel, payload) => {
    const message = `event: ${channel}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of streams) res.write(message);
  });

  const server = http.createServer(async (req, res) => {
    try {
      // DNS rebinding: a page on another name that resolves to 127.0.0.1 still sends its own Host.
      if (!allowedHosts().has(req.headers.host ?? '')) return sendJson(res, 403, fail('FORBIDDEN', 'Unexpected Host header.'));
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      const origin = req.headers.origin;
      if (origin !== undefined && !origins().has(origin)) return sendJson(res, 403, fail('FORBIDDEN', 'Cross-origin requests are not allowed.'));

      if (url.pathname.startsWith('/api/')) {
        const given = (req.headers['x-ledger-token'] as string | undefined) ?? url.searchParams.get('token') ?? undefined;
        if (!sameSecret(given, token)) return sendJson(res, 401, fail('FORBIDDEN', 'Missing or wrong session token.'));
        return await handleApi(url, req, res);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, fail('INVALID_INPUT', 'Method not allowed.'));
      return serveStatic(url.pathname, res);
    } catch (error) {
      const status = (error as { status?: number }).status ?? 500;
      if (!res.headersSent) {
        sendJson(
          res,
          status,
          status === 413
            ? fail('INVALID_INPUT', `The request body is larger than the bridge's ${MAX_BODY / (1 << 20)} MB limit.`, { maxBytes: MAX_BODY })
            : fail('INTERNAL', 'Bridge error.'),
        );
      }
      else res.end();
    }
  });

  async function handleApi(url: URL, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (url.pathname.startsWith('/api/call/') && req.method === 'POST') {
      let channel: string;
      try {
        channel = decodeURIComponent(url.pathname.slice('/api/call/'.length));
      } catch {
        return sendJson(res, 400, fail('INVALID_INPUT', 'The channel in the URL is not valid %-encoding.'));
      }
      let input: unknown;
      try {
        const body = await readBody(req);
        input = body ? (JSON.parse(body) as { input?: unknown }).input : undefined;
      } catch (error) {
        if ((error as { status?: number }).status === 413) throw error;
        return sendJson(res, 400, fail('INVALID_INPUT', 'The request body is not valid JSON.'));
      }
      return sendJson(res, 200, await options.dispatch(channel, input));
    }
    if (url.pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      streams.add(res);
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
      req.on('close', () => {
        clearInterval(heartbeat);
        streams.delete(res);
      });
      return;
    }
    if (url.pathname.startsWith('/api/download/') && req.method === 'GET') {
      const file = insideRoot(exportsDir, url.pathname.slice('/api/download/'.length));
      if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) return sendJson(res, 404, fail('NOT_FOUND', 'No such export.'));
      const name = path.basename(file);
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'application/octet-stream',
        'Content-Length': fs.statSync(file).size,
        'Content-Disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      });
      fs.createReadStream(file).pipe(res);
      return;
    }
    return sendJson(res, 404, fail('NOT_FOUND', 'No such API route.'));
  }

  function serveStatic(urlPath: string, res: http.ServerResponse): void {
    const wanted = urlPath === '/' ? '/index.html' : urlPath;
    const file = insideRoot(rendererDir, wanted);
    const exists = file !== null && fs.existsSync(file) && fs.statSync(file).isFile();
    if (!exists) {
      if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
        res.writeHead(503, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(`The renderer is not built (no ${rendererDir}/index.html). Run "npm run build" first.\n`);
        return;
      }
      res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found\n');
      return;
    }
    const type = CONTENT_TYPES[path.extname(file as string)] ?? 'application/octet-stream';
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Security-Policy': RENDERER_CSP });
    fs.createReadStream(file as string).pipe(res);
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      const origin = `http://127.0.0.1:${port}`;
      resolve({
        url: `${origin}/?token=${token}`,
        origin,
        port,
        token,
        close: () =>
          new Promise<void>((done) => {
            unsubscribe();
            for (const res of streams) res.end();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

