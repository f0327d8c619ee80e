// The Storybook gallery, built (when needed) and served beside a local sandbox:
//   npm run gallery [-- --port 6007 --sandbox-port 4010 --rebuild]
// The gallery is a plain static site on http://localhost:PORT; the sandbox serves the frames and
// the demo sessions on http://127.0.0.1:SANDBOX_PORT, a different origin, as in production.
import { createServer } from 'node:http';
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const GALLERY_DIR = join(ROOT, 'storybook-static');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Runs a build step; with `quiet`, its output is shown only when it fails. */
function run(command, args, { quiet = false } = {}) {
  const result = spawnSync(command, args, {
    cwd: ROOT,
    stdio: quiet ? 'pipe' : 'inherit',
    encoding: 'utf8',
    env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' },
  });
  if (result.status !== 0) {
    if (quiet) process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}).`);
  }
}

/**
 * Builds what the gallery needs: the library (dist/: the sandbox and the frames) when it is
 * missing, or older than src/ with `libraryIfStale`; the static gallery when it is missing or
 * older than its inputs, or always with `forceGallery`.
 */
export function buildGallery({ forceGallery = false, forceLibrary = false, libraryIfStale = true, quiet = false, log = console.log } = {}) {
  const sources = Math.max(...['src', 'custom-elements.json'].map((p) => newestMtime(join(ROOT, p))));
  const libraryMissing = !existsSync(join(ROOT, 'dist/sandbox/index.js')) || !existsSync(join(ROOT, 'dist/frames'));
  if (forceLibrary || libraryMissing || (libraryIfStale && newestMtime(join(ROOT, 'dist')) < sources)) {
    log('Building the library (npm run build)…');
    run('npm', ['run', 'build', '--silent'], { quiet });
  }
  const galleryInputs = Math.max(sources, ...['stories', '.storybook'].map((p) => newestMtime(join(ROOT, p))));
  const built = existsSync(join(GALLERY_DIR, 'index.json')) ? statSync(join(GALLERY_DIR, 'index.json')).mtimeMs : 0;
  if (forceGallery || built < galleryInputs) {
    log('Building the gallery (storybook build)…');
    run('npx', ['storybook', 'build', '--quiet', '-o', GALLERY_DIR], { quiet });
  }
}

/** A static file server for a directory, bound to `host`; resolves once listening. */
export async function serveStatic(dir, { port = 0, host = 'localhost' } = {}) {
  const base = resolve(dir);
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = normalize(join(base, pathname));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  return {
    url: `http://${host}:${server.address().port}/`,
    close: () =>
      new Promise((resolvePromise) => {
        server.close(() => resolvePromise());
        server.closeAllConnections();
      }),
  };
}

/**
 * The built gallery on http://localhost:PORT and a sandbox on http://127.0.0.1:SANDBOX_PORT.
 * `url` opens the gallery against this sandbox (`?framesOrigin=` when it is not the default).
 */
export async function startGallery({ dir = GALLERY_DIR, port = 6007, sandboxPort = 4010, sandboxOptions = {} } = {}) {
  const { startSandbox } = await import(pathToFileURL(join(ROOT, 'dist/sandbox/index.js')).href);
  // The sandbox serves the gallery itself (its `gallery` option); a sandbox built without that
  // option ignores it, and the static server here takes over.
  const sandbox = await startSandbox({ port: sandboxPort, host: '127.0.0.1', gallery: { dir, port }, ...sandboxOptions });
  let site;
  if (sandbox.gallery) {
    site = { url: `${sandbox.gallery.origin}/`, close: async () => {} };
  } else {
    try {
      site = await serveStatic(dir, { port, host: 'localhost' });
    } catch (error) {
      await sandbox.close();
      throw error;
    }
  }
  const query = sandbox.origin === 'http://127.0.0.1:4010' ? '' : `?framesOrigin=${encodeURIComponent(sandbox.origin)}`;
  return {
    siteUrl: site.url,
    url: `${site.url}${query}`,
    sandbox,
    framesOrigin: sandbox.origin,
    async close() {
      await Promise.allSettled([site.close(), sandbox.close()]);
    },
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.PORT ?? '6007' },
      'sandbox-port': { type: 'string', default: process.env.SANDBOX_PORT ?? '4010' },
      rebuild: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('Usage: npm run gallery [-- --port 6007] [--sandbox-port 4010] [--rebuild | --no-build]');
    return;
  }
  if (!values['no-build']) buildGallery({ forceGallery: values.rebuild, forceLibrary: values.rebuild });
  if (!existsSync(join(GALLERY_DIR, 'index.html'))) throw new Error('No built gallery in storybook-static/: run without --no-build.');
  const gallery = await startGallery({ port: Number(values.port), sandboxPort: Number(values['sandbox-port']) });
  console.log(`Sandbox (frames origin): ${gallery.framesOrigin}`);
  console.log(`Gallery: ${gallery.url}`);
  const stop = () => gallery.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    if (error.code === 'EADDRINUSE') {
      console.error(`gallery: port ${error.port ?? ''} is in use. Choose others: npm run gallery -- --port 0 --sandbox-port 0`);
      process.exit(1);
    }
    console.error(`gallery: ${error.message}`);
    process.exit(1);
  });
}
