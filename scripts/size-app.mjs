// What a merchant's app pays for the elements: a production Vite build of a one-page app that
// imports the published package (dist/npm through package.json "exports", as a merchant gets it),
// measured as the gzip of the app's JavaScript. `node scripts/size-app.mjs [--modules] [package dir]`
// prints the sizes, with --modules also what each package and source module adds (minified
// bytes, from the source map); the package dir (default: this checkout) needs a built dist/npm.
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const checkout = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(checkout, 'package.json'), 'utf8'));

/**
 * The apps, by the name of their budget in size-budget.json "apps": their main.js, and modules of
 * the package that must not be in them (what tree-shaking must leave out).
 */
export const APPS = {
  'card-component only': {
    main: `import '${pkg.name}/card-component.js';\n`,
    leavesOut: ['elements/moment-checkout/', 'elements/wallet-button/', 'moment.js'],
  },
  'all elements + Moment': {
    main: `import { Moment } from '${pkg.name}';\nglobalThis.Moment = Moment;\n`,
    leavesOut: [],
  },
  // React apps: measured less the same app with React alone (React is the app's, not ours).
  'React: CardComponent from /react': {
    main: `import React from 'react';\nimport { CardComponent } from '${pkg.name}/react';\nglobalThis.card = React.createElement(CardComponent);\n`,
    leavesOut: ['elements/moment-checkout/', 'elements/wallet-button/', 'react/wallet-button', 'react/moment-checkout', 'moment.js'],
    less: 'react',
  },
  'React: CardComponent from /react/card-component': {
    main: `import React from 'react';\nimport { CardComponent } from '${pkg.name}/react/card-component';\nglobalThis.card = React.createElement(CardComponent);\n`,
    leavesOut: ['elements/moment-checkout/', 'elements/wallet-button/', 'react/wallet-button', 'react/moment-checkout', 'moment.js'],
    less: 'react',
  },
};

/** Baselines subtracted from an app's size (`less`): what the app itself brings. */
const BASELINES = {
  react: `import React from 'react';\nglobalThis.React = React;\n`,
};

/** Builds each app against the package at `root`; returns { name: { gzip, minified, modules } }. */
export async function measureApps({ modules = false, root = checkout } = {}) {
  const { build } = await import('vite');
  const dir = mkdtempSync(join(tmpdir(), 'moment-size-app-'));
  const results = {};
  try {
    // The package as installed in an app: node_modules/<name> is this checkout (its dist/ and exports).
    mkdirSync(join(dir, 'node_modules', ...pkg.name.split('/').slice(0, -1)), { recursive: true });
    symlinkSync(root, join(dir, 'node_modules', ...pkg.name.split('/')), 'dir');
    // The React apps' own React (the package resolves the same copy from the checkout).
    symlinkSync(join(checkout, 'node_modules', 'react'), join(dir, 'node_modules', 'react'), 'dir');
    const baselines = {};
    const apps = [...Object.entries(APPS), ...Object.entries(BASELINES).map(([name, main]) => [`baseline ${name}`, { main, leavesOut: [] }])];
    for (const [name, { main, leavesOut }] of apps.reverse()) {
      const app = join(dir, name.replace(/\W+/g, '-'));
      mkdirSync(app);
      writeFileSync(join(app, 'main.js'), main);
      writeFileSync(join(app, 'index.html'), '<!doctype html><title>shop</title><script type="module" src="./main.js"></script>\n');
      const output = await build({
        root: app,
        configFile: false,
        logLevel: 'silent',
        mode: 'production',
        // The source map says which modules are in the app (it is not part of the size).
        build: { write: false, sourcemap: true, modulePreload: { polyfill: false }, reportCompressedSize: false },
      });
      const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output).filter((o) => o.type === 'chunk');
      const code = chunks.map((c) => c.code).join('\n');
      // A production build resolves Lit's production files; its development build warns with this.
      if (code.includes('dev mode')) throw new Error(`${name}: the app bundles Lit's development build`);
      const included = attribute(chunks, join(app, 'dist'), root);
      const pulledIn = Object.keys(included).filter((m) => leavesOut.some((path) => m.startsWith(`dist/npm/${path}`)));
      if (pulledIn.length) throw new Error(`${name}: the app includes ${pulledIn.join(', ')}; the package is not tree-shaken`);
      const measured = { gzip: gzipSync(code, { level: 9 }).length, minified: Buffer.byteLength(code) };
      if (name.startsWith('baseline ')) {
        baselines[name.slice('baseline '.length)] = measured;
        continue;
      }
      const less = APPS[name]?.less ? baselines[APPS[name].less] : undefined;
      results[name] = {
        gzip: measured.gzip - (less?.gzip ?? 0),
        minified: measured.minified - (less?.minified ?? 0),
        modules: modules ? included : undefined,
      };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

/** Minified bytes per source module (grouped by package for dependencies), from each chunk's source map. */
function attribute(chunks, outDir, root) {
  const bytes = new Map();
  for (const chunk of chunks) {
    if (!chunk.map) continue;
    const lines = chunk.code.split('\n');
    const sources = chunk.map.sources.map((s) => {
      const path = resolve(outDir, dirname(chunk.fileName), s).replace(/^.*?node_modules\//, 'node_modules/');
      if (path.startsWith('node_modules/')) {
        const parts = path.split('/');
        // The package itself (dist/npm/…) is shown by module; its dependencies by package.
        if (path.startsWith(`node_modules/${pkg.name}/`)) return parts.slice(pkg.name.split('/').length + 1).join('/');
        return parts.slice(0, parts[1].startsWith('@') ? 3 : 2).join('/');
      }
      const fromRoot = relative(root, resolve(outDir, dirname(chunk.fileName), s));
      return fromRoot.startsWith('..') ? `app: ${basename(s)}` : fromRoot;
    });
    decodeMappings(chunk.map.mappings).forEach((segments, line) => {
      const text = lines[line] ?? '';
      segments.forEach(([column, source], i) => {
        const end = i + 1 < segments.length ? segments[i + 1][0] : text.length;
        const key = source === undefined ? '(unmapped)' : sources[source];
        bytes.set(key, (bytes.get(key) ?? 0) + end - column);
      });
    });
  }
  return Object.fromEntries([...bytes].sort((a, b) => b[1] - a[1]));
}

/** Source map v3 mappings → per generated line, [generatedColumn, sourceIndex] segments. */
function decodeMappings(mappings) {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let source = 0;
  return mappings.split(';').map((line) => {
    let column = 0;
    return line
      .split(',')
      .filter(Boolean)
      .map((segment) => {
        const values = [];
        let value = 0;
        let shift = 0;
        for (const char of segment) {
          const digit = chars.indexOf(char);
          value += (digit & 31) << shift;
          if (digit & 32) shift += 5;
          else {
            values.push(value & 1 ? -(value >>> 1) : value >>> 1);
            value = 0;
            shift = 0;
          }
        }
        column += values[0];
        if (values.length > 1) source += values[1];
        return [column, values.length > 1 ? source : undefined];
      });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const modules = process.argv.includes('--modules');
  const root = process.argv.slice(2).find((a) => !a.startsWith('--'));
  for (const [name, r] of Object.entries(await measureApps({ modules, root: root && resolve(root) }))) {
    console.log(`${name}: ${r.minified} B minified, ${r.gzip} B gzip`);
    if (modules) for (const [module, n] of Object.entries(r.modules)) console.log(`  ${String(n).padStart(7)}  ${module}`);
  }
}
