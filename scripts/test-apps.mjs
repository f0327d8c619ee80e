// `npm run test:apps`: the example apps in demo/apps, each as a merchant would build it from the
// packed package: install the tarball, type-check with the framework's own checker, build, serve,
// then pay 4242… in headless Chromium and wait for the app's own success handler to show the result.
//   node scripts/test-apps.mjs [--no-build] [--no-install] [app…]   (default: every app; e.g. `react19 vue`)
//   --no-build    pack dist/ as it is
//   --no-install  keep each app's node_modules as installed (for working on an app)
import { cpSync, existsSync, readdirSync, renameSync, statSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHROME_ARGS, ensureChrome } from './find-chrome.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const appsDir = join(root, 'demo/apps');
const work = join(root, '.tmp/apps');
const tarball = join(work, 'momentpay-elements.tgz');

/**
 * The apps. `dir` under demo/apps; `start(port)` the command that serves the built app; `wallet`:
 * the page also renders <wallet-button>, whose frame must load; `ssr`: the server's HTML already
 * holds <card-component> (the browser then hydrates it).
 */
const APPS = {
  vue: { dir: 'vue', wallet: true },
  svelte: { dir: 'svelte' },
  react19: { dir: 'react19', wallet: true },
  next: { dir: 'next', ssr: true, start: (port) => ['npx', ['next', 'start', '-p', String(port), '-H', '127.0.0.1']] },
  react18: { dir: 'react18' },
  angular: { dir: 'angular' },
};
// Offline: no telemetry or analytics prompts from the frameworks' tools.
process.env.NEXT_TELEMETRY_DISABLED = '1';
process.env.NG_CLI_ANALYTICS = 'false';
const SERVER_DEPENDENCIES = ['hono', '@hono/node-server', 'jose'];
const MINUTE = 60_000;

const flags = new Set(process.argv.slice(2).filter((arg) => arg.startsWith('--')));
const noBuild = flags.has('--no-build');
const noInstall = flags.has('--no-install');
const selected = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
for (const name of selected) {
  if (!APPS[name]) {
    console.error(`Unknown app "${name}". Apps: ${Object.keys(APPS).join(', ')}`);
    process.exit(2);
  }
}
const names = selected.length ? selected : Object.keys(APPS);
const suiteStarted = Date.now();

/** Runs a command with a time limit; resolves to {code, output}. Kills its whole process group on timeout. */
function run(cmd, args, { cwd = root, env = {}, timeout = 5 * MINUTE } = {}) {
  return new Promise((resolvePromise) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      output += `\n[timed out after ${timeout / 1000} s]`;
      killGroup(child);
    }, timeout);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? 1, output });
    });
  });
}

function killGroup(child) {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

const freePort = () =>
  new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePromise(port));
    });
  });

const seconds = (ms) => `${(ms / 1000).toFixed(0)}s`;
const tail = (text, lines = 15) => text.trim().split('\n').slice(-lines).join('\n');
/** The lines of a tool's output that say what went wrong (not a stack trace), else its end. */
function excerpt(text) {
  // eslint-disable-next-line no-control-regex -- strips the tools' ANSI colour codes
  const lines = text.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
  const errors = lines.filter((line) => /error|cannot|not found|missing|failed/i.test(line) && !/^\s+at /.test(line));
  return errors.length ? errors.slice(0, 12).join('\n') : tail(lines.join('\n'));
}

// 1. The package as merchants get it: build when the sources are newer than the build, then pack.
function newest(dir) {
  return readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const path = join(dir, entry.name);
    return Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }, 0);
}
const stamp = join(root, 'dist/.build-stamp');
if (!noBuild && (!existsSync(stamp) || newest(join(root, 'src')) > statSync(stamp).mtimeMs)) {
  console.log('Building the package…');
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
mkdirSync(work, { recursive: true });
{
  const r = spawnSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(r.stderr);
    process.exit(1);
  }
  const [{ filename }] = JSON.parse(r.stdout);
  // One stable name, so the apps' package.json files need no version.
  renameSync(join(work, filename.replace(/^@[^/]+\//, '').replace('/', '-')), tarball);
}
console.log(`Packed ${tarball}`);

// 2. The provider: the local sandbox from the build (API, frames, client-token issuer), from a copy
// of dist/ so that a rebuild in the checkout during the run cannot take the frames away.
const snapshot = join(work, 'dist');
rmSync(snapshot, { recursive: true, force: true });
cpSync(join(root, 'dist'), snapshot, { recursive: true });
const { startSandbox } = await import(pathToFileURL(join(snapshot, 'sandbox/index.js')).href);
const sandbox = await startSandbox({ port: 0 });
// The customer's hands: the package's own test kit, as a merchant's end-to-end test uses it.
const { fillCard, recordEvents, waitForEvent, walletFrame, testCards } = await import(pathToFileURL(join(snapshot, 'testing/index.js')).href);

const { chromium } = await import('playwright-core');
const profile = mkdtempSync(join(tmpdir(), 'moment-apps-'));
const browser = await chromium.launch({
  executablePath: ensureChrome(),
  env: { ...process.env, XDG_CONFIG_HOME: join(profile, 'config'), XDG_CACHE_HOME: join(profile, 'cache') },
  args: CHROME_ARGS,
});

const servers = new Set();
async function cleanUp() {
  for (const child of servers) killGroup(child);
  await browser.close().catch(() => {});
  await sandbox.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => cleanUp().finally(() => process.exit(130)));
}

/** Starts the built app; resolves once it answers HTTP. */
async function serve(app, cwd, port) {
  const [cmd, args] = app.start ? app.start(port) : ['npm', ['start']];
  const child = spawn(cmd, args, {
    cwd,
    detached: true,
    env: { ...process.env, PORT: String(port), MOMENT_API_URL: sandbox.origin, MOMENT_SECRET_KEY: 'sk_test_apps' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  servers.add(child);
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + MINUTE;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited:\n${tail(output)}`);
    try {
      await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(5_000) });
      return { child, output: () => output };
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`the server did not answer within a minute:\n${tail(output)}`);
}

/**
 * The customer: waits for the form, types the 4242 card, pays, and reads what the app shows.
 * An error on the page (an exception, a `console.error` such as a hydration mismatch) fails the
 * app; warnings are returned to be printed.
 */
async function pay(url, app) {
  const page = await browser.newPage();
  const log = [];
  const errors = [];
  const warnings = [];
  page.on('console', (message) => {
    const line = `console.${message.type()}: ${message.text()}`;
    log.push(line);
    // The browser's own request for /favicon.ico is not the app's doing.
    if (message.type() === 'error' && !/\/favicon\.ico$/.test(message.location().url ?? '')) errors.push(line);
    if (message.type() === 'warning') warnings.push(line);
  });
  page.on('pageerror', (error) => {
    log.push(`pageerror: ${error.message}`);
    errors.push(`pageerror: ${error.message}`);
  });
  try {
    // The elements' events, recorded from the first document on: none is missed, whenever it fires.
    await recordEvents(page);
    await page.goto(url, { timeout: 30_000 });
    if (app.wallet) await walletFrame(page).locator('#wallet-button').waitFor({ timeout: 20_000 });
    await page.locator('#pay:not([disabled])').waitFor({ timeout: 20_000 });
    await fillCard(page, { ...testCards.success, name: 'Ada Lovelace' }, { timeout: 20_000 });
    await page.locator('#pay').click();
    const paid = await waitForEvent(page, 'card-component', 'payment-success', { timeout: 20_000 });
    if (paid.statusCode !== 0 || !paid.authCode) throw new Error(`payment-success carried ${JSON.stringify(paid)}`);
    // And the app's own success handler shows it.
    const result = page.locator('#result');
    await result.filter({ hasText: /Payment successful/ }).waitFor({ timeout: 20_000 });
    const text = (await result.textContent()) ?? '';
    if (!/Auth code \w+/.test(text)) throw new Error(`the result shows no auth code: "${text}"`);
    if (errors.length) throw new Error(`the payment went through, but the page reported errors:\n  ${errors.join('\n  ')}`);
    return { text: text.trim(), warnings };
  } catch (error) {
    const shown = await page
      .locator('#result')
      .textContent({ timeout: 1_000 })
      .catch(() => null);
    throw new Error(`${error.message}\n  result: ${JSON.stringify(shown)}\n  ${log.slice(-10).join('\n  ')}`);
  } finally {
    await page.close();
  }
}

let passed = 0;
let failed = 0;
let serverDepsChecked = false;
const problems = [];

for (const name of names) {
  const app = APPS[name];
  const cwd = join(appsDir, app.dir);
  const times = [];
  const failures = [];
  const notes = [];
  let started = Date.now();
  const step = async (label, cmd, args, options) => {
    started = Date.now();
    const r = await run(cmd, args, { cwd, ...options });
    times.push(`${label} ${seconds(Date.now() - started)}`);
    if (r.code !== 0) failures.push(`${label} failed (exit ${r.code}):\n${excerpt(r.output)}`);
    return r;
  };

  // The tarball keeps its name from one pack to the next: remove the installed copy so npm unpacks this one.
  if (!noInstall) rmSync(join(cwd, 'node_modules/@momentpay/elements'), { recursive: true, force: true });
  const install = noInstall
    ? { code: 0, output: '' }
    : await step('install', 'npm', ['install', '--no-audit', '--no-fund', resolve(tarball)], { timeout: 8 * MINUTE });
  if (install.code === 0 && !serverDepsChecked) {
    serverDepsChecked = true;
    const ls = await run('npm', ['ls', '--omit=dev', '--all', '--parseable', '--long'], { cwd, timeout: MINUTE });
    const found = SERVER_DEPENDENCIES.filter((dep) => ls.output.split('\n').some((line) => line.includes(`/node_modules/${dep}:`)));
    if (ls.code !== 0) problems.push(`npm ls --omit=dev in ${name} failed:\n  ${excerpt(ls.output)}`);
    else if (found.length) problems.push(`npm ls --omit=dev in ${name} lists server dependencies: ${found.join(', ')}`);
    else console.log(`ok   npm ls --omit=dev --all in ${name}: none of ${SERVER_DEPENDENCIES.join(', ')}`);
  }
  if (install.code === 0) await step('typecheck', 'npm', ['run', 'typecheck']);
  const build = install.code === 0 ? await step('build', 'npm', ['run', 'build'], { timeout: 8 * MINUTE }) : install;
  if (build.code === 0) {
    let server;
    started = Date.now();
    try {
      const port = await freePort();
      server = await serve(app, cwd, port);
      if (app.ssr) {
        const html = await (await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(30_000) })).text();
        if (!html.includes('<card-component')) throw new Error(`the server-rendered page has no <card-component>:\n${html.slice(0, 500)}`);
      }
      const shown = await pay(`http://localhost:${port}/`, app);
      times.push(`pay ${seconds(Date.now() - started)}`);
      times.push(`"${shown.text}"`);
      notes.push(...shown.warnings);
    } catch (error) {
      failures.push(`payment failed: ${error.message}${server ? `\n  server: ${tail(server.output(), 8)}` : ''}`);
    } finally {
      if (server) {
        killGroup(server.child);
        servers.delete(server.child);
      }
    }
  }
  if (failures.length) {
    failed++;
    console.log(`FAIL ${name} (${times.join(', ')})`);
    for (const failure of failures) console.log(`  ${failure.replace(/\n/g, '\n  ')}`);
  } else {
    passed++;
    console.log(`ok   ${name} (${times.join(', ')})`);
  }
  for (const note of notes) console.log(`  note: ${note}`);
}

for (const problem of problems) console.log(`FAIL ${problem}`);
await cleanUp();
console.log(`${names.length} app(s) in ${seconds(Date.now() - suiteStarted)}`);
console.log(`${passed} passed, ${failed + problems.length} failed`);
process.exit(failed + problems.length ? 1 : 0);
