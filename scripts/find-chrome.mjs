// Finds a Chrome or Chromium for the browser tests. Order: CHROME_PATH, the usual install paths.
// On Debian/Ubuntu as root with none installed, installs Debian's `chromium` with apt and says so.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { platform } from 'node:os';

const CANDIDATES = {
  linux: [
    '/usr/lib/chromium/chromium',
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/snap/bin/chromium',
  ],
  darwin: ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'],
  win32: [
    `${process.env['PROGRAMFILES'] ?? 'C:\\Program Files'}\\Google\\Chrome\\Application\\chrome.exe`,
    `${process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)'}\\Google\\Chrome\\Application\\chrome.exe`,
  ],
};

/** Returns the path of an installed Chrome/Chromium, or undefined. */
export function findChrome() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH is set to "${fromEnv}", but no file is there.`);
  }
  return (CANDIDATES[platform()] ?? []).find((p) => existsSync(p));
}

function canInstallWithApt() {
  return (
    platform() === 'linux' &&
    existsSync('/etc/debian_version') &&
    typeof process.getuid === 'function' &&
    process.getuid() === 0 &&
    spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0
  );
}

/** Finds Chrome, installing Debian's chromium when that is possible; exits with advice otherwise. */
export function ensureChrome() {
  const found = findChrome();
  if (found) return found;
  if (canInstallWithApt()) {
    console.log("No Chrome or Chromium found: installing Debian's chromium with apt-get (about a minute)…");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const args of [
      ['update', '-qq'],
      ['install', '-y', '-qq', '--no-install-recommends', 'chromium'],
    ]) {
      const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
      if (r.status !== 0) {
        console.error(`apt-get ${args.join(' ')} failed (exit ${r.status}).`);
        process.exit(1);
      }
    }
    const installed = findChrome();
    if (installed) return installed;
  }
  console.error(
    [
      'The browser tests need Chrome or Chromium, and none was found.',
      '  Debian/Ubuntu: sudo apt-get install chromium',
      '  macOS:         install Google Chrome from google.com/chrome',
      '  anywhere:      set CHROME_PATH to the browser executable',
    ].join('\n'),
  );
  process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(ensureChrome());

/**
 * Flags for headless Chromium on a closed network (no background traffic, no first-run work),
 * and `--no-sandbox` when running as root, which Chromium requires.
 */
export const CHROME_ARGS = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
];
