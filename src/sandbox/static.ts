/// <reference types="node" />
/**
 * A small static file server for a built gallery (e.g. `storybook-static`), on an origin of its
 * own (`http://localhost:PORT`, while the frames stay on `http://127.0.0.1:…`), so the frames are
 * cross-origin to the pages that host them, as in production.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import { isAllowedHost } from './hosts.js';

export interface StaticServerOptions {
  /** Directory to serve. */
  dir: string;
  /** Port; `0` lets the OS pick one. Default 0. */
  port?: number;
  /** Interface to bind. Default `127.0.0.1`; the URL says `localhost` either way. */
  host?: string;
  /** Receives one line per request (method, path, status). */
  log?: (line: string) => void;
}

export interface StaticServer {
  /** `http://localhost:PORT`. */
  readonly origin: string;
  readonly port: number;
  close(): Promise<void>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.webmanifest': 'application/manifest+json',
};

export const contentTypeOf = (path: string): string => CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';

function send(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

async function statOrNull(path: string) {
  try {
    return await stat(path);
  } catch {
    return null;
  }
}

/**
 * The file a URL path names inside `root`, or null. Decoded once; a NUL, a backslash or a `..`
 * segment is refused outright, and the real path (symlinks followed) must stay inside the root.
 */
async function fileFor(root: string, pathname: string): Promise<{ file: string } | { redirect: string } | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').some((segment) => segment === '..')) return null;
  let file = resolve(root, `.${decoded}`);
  if (file !== root && !file.startsWith(root + sep)) return null;
  let info = await statOrNull(file);
  if (info?.isDirectory()) {
    // Relative links inside an index page need the trailing slash.
    if (!pathname.endsWith('/')) return { redirect: `${pathname}/` };
    file = resolve(file, 'index.html');
    info = await statOrNull(file);
  }
  if (!info?.isFile()) return null;
  const real = await realpath(file);
  return real === root || real.startsWith(root + sep) ? { file: real } : null;
}

async function handle(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!isAllowedHost(req.headers.host, new Set())) return send(res, 421, 'Misdirected request: use a localhost URL.');
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed.', { allow: 'GET, HEAD' });
  const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  const found = await fileFor(root, pathname);
  if (found === null) return send(res, 404, 'Not found.');
  if ('redirect' in found) return send(res, 301, 'Moved.', { location: found.redirect });
  const info = await stat(found.file);
  res.writeHead(200, {
    'content-type': contentTypeOf(found.file),
    'content-length': String(info.size),
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  });
  if (req.method === 'HEAD') return void res.end();
  await new Promise<void>((done) => {
    const stream = createReadStream(found.file);
    stream.on('error', () => {
      res.destroy();
      done();
    });
    stream.on('end', done);
    stream.pipe(res);
  });
}

/** Serves `dir` read-only over HTTP on loopback. Rejects if the directory does not exist. */
export async function serveStatic(options: StaticServerOptions): Promise<StaticServer> {
  const root = await realpath(resolve(options.dir));
  if (!(await stat(root)).isDirectory()) throw new Error(`${options.dir} is not a directory.`);
  const log = options.log ?? (() => {});
  const server: Server = createServer((req, res) => {
    handle(root, req, res)
      .catch(() => {
        if (!res.headersSent) send(res, 500, 'Could not read the file.');
        else res.destroy();
      })
      .finally(() => log(`gallery ${req.method} ${new URL(req.url ?? '/', 'http://localhost').pathname} ${res.statusCode}`));
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', fail);
      done();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    origin: `http://localhost:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((done, fail) => {
        server.close((error) => (error ? fail(error) : done()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
