// `npm run test:engines`: the cross-engine tier (web-test-runner.engines.config.mjs) in Firefox,
// after `npm test` has run everything in Chromium. Installs Debian's firefox-esr with apt when it
// is missing and this is a Debian machine run as root (as CI is); says which engines ran.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const firefox = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
if (!existsSync(firefox)) {
  const canInstall = process.getuid?.() === 0 && existsSync('/etc/debian_version');
  if (!canInstall) {
    console.error(`No Firefox at ${firefox}: install Debian's firefox-esr (apt-get install firefox-esr) or set FIREFOX_PATH.`);
    process.exit(1);
  }
  console.log("No Firefox: installing Debian's firefox-esr with apt-get…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', 'firefox-esr'],
  ]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}
console.log(`Engines: Firefox (${firefox}) runs the cross-engine tier; Chromium ran the whole suite in npm test.`);
console.log(
  'WebKit: not run. The tests act inside the cross-origin frames through puppeteer (CDP or WebDriver BiDi); WebKitGTK offers only WebDriver classic (WebKitWebDriver), which web-test-runner cannot drive with these commands yet.',
);
const started = Date.now();
const r = spawnSync('npx', ['wtr', '--config', 'web-test-runner.engines.config.mjs', ...process.argv.slice(2)], { stdio: 'inherit', env: process.env });
console.log(`Firefox tier: ${Math.round((Date.now() - started) / 1000)} s`);
process.exit(r.status ?? 1);
