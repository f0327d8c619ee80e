import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, writeFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'node:http';
import { startSandbox, serveStatic } from './helpers.mjs';

const CLI = fileURLToPath(new URL('../../dist/sandbox/cli.js', import.meta.url));

async function galleryDir() {
  const root = await mkdtemp(join(tmpdir(), 'moment-gallery-'));
  const dir = join(root, 'storybook-static');
  await mkdir(join(dir, 'sb-assets'), { recursive: true });
  await mkdir(join(dir, 'docs'), { recursive: true });
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>Gallery</title>');
  await writeFile(join(dir, 'iframe.html'), '<!doctype html><title>Preview</title>');
  await writeFile(join(dir, 'sb-assets', 'main.js'), 'export {};\n');
  await writeFile(join(dir, 'sb-assets', 'main.css'), 'body{}\n');
  await writeFile(join(dir, 'sb-assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(join(dir, 'index.json'), '{}');
  await writeFile(join(dir, 'docs', 'index.html'), '<!doctype html><title>Docs</title>');
  await writeFile(join(root, 'secret.txt'), 'outside the gallery');
  await symlink(join(root, 'secret.txt'), join(dir, 'link.txt'));
  return { dir, remove: () => rm(root, { recursive: true, force: true }) };
}

/** A raw GET that sends the path as written (fetch would normalise `..`) and any Host. */
function rawGet(port, path, host = `localhost:${port}`) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('gallery: static directory on an origin of its own', () => {
  let files;
  let sandbox;
  before(async () => {
    files = await galleryDir();
    sandbox = await startSandbox({ port: 0, gallery: { dir: files.dir, port: 0 } });
  });
  after(async () => {
    await sandbox.close();
    await files.remove();
  });

  it('is served on http://localhost:PORT, another origin than the frames', () => {
    assert.match(sandbox.gallery.origin, /^http:\/\/localhost:\d+$/);
    assert.notEqual(new URL(sandbox.gallery.origin).origin, new URL(sandbox.origin).origin);
  });

  it('serves files with their content types, and index.html for directories', async () => {
    const port = sandbox.gallery.port;
    const cases = [
      ['/', /^text\/html/, 'Gallery'],
      ['/iframe.html?id=card--default&viewMode=story', /^text\/html/, 'Preview'],
      ['/sb-assets/main.js', /^text\/javascript/, 'export'],
      ['/sb-assets/main.css', /^text\/css/, 'body'],
      ['/sb-assets/logo.svg', /^image\/svg\+xml/, '<svg'],
      ['/index.json', /^application\/json/, '{}'],
      ['/docs/', /^text\/html/, 'Docs'],
    ];
    for (const [path, type, text] of cases) {
      const res = await rawGet(port, path);
      assert.equal(res.status, 200, path);
      assert.match(res.headers['content-type'], type, path);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.ok(res.body.includes(text), path);
    }
    const dir = await rawGet(port, '/docs');
    assert.equal(dir.status, 301);
    assert.equal(dir.headers.location, '/docs/');
  });

  it('refuses directory traversal, symlinks out of the directory and other methods', async () => {
    const port = sandbox.gallery.port;
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/sb-assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/index.html%00.js',
      '/link.txt',
      '/missing.js',
      '/%E0%A4%A',
    ]) {
      const res = await rawGet(port, path);
      assert.equal(res.status, 404, path);
      assert.ok(!res.body.includes('outside the gallery'), path);
    }
    const post = await fetch(`${sandbox.gallery.origin.replace('localhost', '127.0.0.1')}/`, { method: 'POST' });
    assert.equal(post.status, 405);
    await post.text();
  });

  it('answers only loopback Host names (DNS rebinding)', async () => {
    const res = await rawGet(sandbox.gallery.port, '/', 'attacker.example');
    assert.equal(res.status, 421);
  });

  it('stops with the sandbox', async () => {
    const files2 = await galleryDir();
    const other = await startSandbox({ port: 0, gallery: { dir: files2.dir } });
    const port = other.gallery.port;
    await other.close();
    await assert.rejects(rawGet(port, '/'));
    await files2.remove();
  });

  it('serveStatic is exported on its own, and refuses a missing directory', async () => {
    const server = await serveStatic({ dir: files.dir, port: 0 });
    try {
      assert.equal((await rawGet(server.port, '/')).status, 200);
    } finally {
      await server.close();
    }
    await assert.rejects(serveStatic({ dir: join(files.dir, 'nope') }));
  });
});

describe('moment-sandbox --gallery', () => {
  it('prints "Gallery: http://localhost:N/" and serves the directory there', async () => {
    const files = await galleryDir();
    const child = spawn(process.execPath, [CLI, '--port', '0', '--gallery', files.dir, '--gallery-port', '0', '--quiet'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      let out = '';
      const url = await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no Gallery line: ${out}`)), 5000);
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const match = /^Gallery: (http:\/\/localhost:(\d+)\/)$/m.exec(out);
          if (match) {
            clearTimeout(timer);
            resolve(match);
          }
        });
      });
      assert.match(out, /^Moment sandbox listening on http:\/\/127\.0\.0\.1:\d+$/m);
      const res = await rawGet(Number(url[2]), '/');
      assert.equal(res.status, 200);
      assert.match(res.body, /Gallery/);
    } finally {
      child.kill('SIGTERM');
      await exited;
      await files.remove();
    }
  });

  it('refuses --gallery-port without --gallery, and a missing directory', async () => {
    for (const args of [
      ['--gallery-port', '0'],
      ['--port', '0', '--gallery', '/nonexistent/moment-gallery'],
    ]) {
      const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.stderr.on('data', (c) => (err += c));
      const code = await exited;
      assert.notEqual(code, 0, args.join(' '));
      assert.match(err, /gallery/, err);
    }
  });
});
