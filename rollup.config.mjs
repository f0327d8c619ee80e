// Builds: npm ESM (unbundled, dependencies external), the CDN module, the frame bundles and the
// sandbox. Prints the gzip and brotli size of every browser bundle.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import esbuild from 'rollup-plugin-esbuild';
import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { minify as terserMinify } from 'terser';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const dependencies = Object.keys(pkg.dependencies ?? {});
const isNodeBuiltin = (id) => id.startsWith('node:') || builtinModules.includes(id);
const isExternalDependency = (id) =>
  [...dependencies, ...Object.keys(pkg.peerDependencies ?? {})].some((dep) => id === dep || id.startsWith(`${dep}/`)) || isNodeBuiltin(id);

const ts = (target = 'es2022') => esbuild({ target, tsconfig: 'tsconfig.json', sourceMap: true });

/**
 * Minifies the markup of Lit `html` templates (whitespace, comments) and the CSS of Lit `css`
 * templates (lightningcss) in the source, so the npm build a merchant bundles is small too. CSS
 * targets the browsers of the ES2022 output, so no syntax newer than those is written. Empty
 * attributes stay (an empty `alt` or `aria-label` means something).
 */
const minifyTemplates = () =>
  minifyLiterals({
    include: ['src/**/*.ts'],
    failOnError: true,
    options: {
      minifyOptions: {
        removeEmptyAttributes: false,
        minifyCSS: { targets: { chrome: 94 << 16, firefox: 93 << 16, safari: (16 << 16) | (4 << 8) } },
      },
    },
  });

/**
 * terser: a few hundred bytes gzip smaller per bundle than esbuild's minifier. Only its safe
 * transforms: properties are never renamed (reactive properties, attributes, event details and
 * message keys are public names), getters are assumed to have side effects.
 */
function terser() {
  return {
    name: 'terser',
    async renderChunk(code, _chunk, outputOptions) {
      // Each Lit module carries the same few license notices: they are kept once each, at the end.
      const notices = new Set();
      const result = await terserMinify(code, {
        module: outputOptions.format === 'es',
        ecma: 2020,
        compress: { passes: 3 },
        format: {
          // A module script is always read as UTF-8; a classic script in the page's charset.
          ascii_only: outputOptions.format !== 'es',
          comments: (_node, comment) => {
            if (/@license|@preserve|^!/.test(comment.value)) notices.add(comment.value);
            return false;
          },
        },
        sourceMap: !!outputOptions.sourcemap,
      });
      const legal = [...notices].map((text) => `\n/*${text}*/`).join('');
      return { code: (result.code ?? '') + legal, map: result.map };
    },
  };
}

/** Prints the size of each emitted chunk, raw, gzip and brotli. */
function sizes(label) {
  return {
    name: 'print-sizes',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const code = Buffer.from(chunk.code);
        const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
        console.log(
          `  ${label.padEnd(8)} ${chunk.fileName.padEnd(28)} ${kb(code.length).padStart(9)}  gzip ${kb(gzipSync(code, { level: 9 }).length).padStart(8)}  brotli ${kb(brotliCompressSync(code).length).padStart(8)}`,
        );
      }
    },
  };
}

const elementEntries = () =>
  readdirSync('src/elements', { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(`src/elements/${d.name}`)
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.styles.ts'))
        .map((f) => `src/elements/${d.name}/${f}`),
    );

/** The React entry and one module per element (`@momentpay/elements/react/card-component`, …). */
const reactEntries = () =>
  readdirSync('src/react')
    .filter((f) => f.endsWith('.ts') && f !== 'shared.ts')
    .map((f) => `src/react/${f}`);

const frameEntries = Object.fromEntries(
  ['card', 'wallet', 'checkout'].filter((kind) => existsSync(`src/frame/${kind}/main.ts`)).map((kind) => [kind, `src/frame/${kind}/main.ts`]),
);

// Lit's production build: the `development` export condition is never set here.
// The one CommonJS dependency (credit-card-type) only defines data and functions, so its requires
// can be hoisted like imports instead of each module being wrapped in a function.
const browserPlugins = (label) => [nodeResolve({ browser: true }), commonjs({ strictRequires: false }), minifyTemplates(), ts(), terser(), sizes(label)];

export default [
  // npm: one module per source file, dependencies left as imports, declarations from tsc.
  {
    input: ['src/index.ts', 'src/moment.ts', ...elementEntries(), ...reactEntries()],
    external: isExternalDependency,
    plugins: [minifyTemplates(), ts()],
    // Rollup drops module-level directives; the React entry must stay a client module (Next.js).
    onwarn: (warning, warn) => warning.code !== 'MODULE_LEVEL_DIRECTIVE' && warn(warning),
    output: {
      dir: 'dist/npm',
      format: 'esm',
      preserveModules: true,
      preserveModulesRoot: 'src',
      sourcemap: true,
      banner: (chunk) => (chunk.fileName.startsWith('react/') ? "'use client';" : ''),
    },
  },
  // CDN: everything in one minified ES module.
  {
    input: 'src/index.ts',
    plugins: browserPlugins('cdn'),
    output: { file: 'dist/cdn/moment-elements.js', format: 'esm', sourcemap: true },
  },
  // Classic script: the seed's script-tag install, sets window.Moment.
  {
    input: 'src/classic.ts',
    plugins: browserPlugins('classic'),
    output: { file: 'dist/cdn/moment.js', format: 'iife', sourcemap: true },
  },
  // Frames: one self-contained bundle per frame page (one request each, budgeted each), served by
  // the sandbox (and the provider) from the frames origin.
  ...Object.entries(frameEntries).map(([kind, input]) => ({
    input,
    plugins: browserPlugins('frame'),
    // Code a frame loads only in some cases (the sandbox wallet's sheet) is a chunk beside it.
    output: { dir: 'dist/frames', entryFileNames: `${kind}.js`, chunkFileNames: `${kind}-[name].js`, format: 'esm', sourcemap: true },
  })),
  // Frame dictionaries: one small module per locale beside the frame bundles, imported on demand
  // by the frame that needs it (English is built into each frame).
  {
    input: Object.fromEntries(
      readdirSync('src/protocol/i18n')
        .filter((f) => f.endsWith('.ts') && f !== 'translation.ts')
        .map((f) => [`i18n-${f.slice(0, -3)}`, `src/protocol/i18n/${f}`]),
    ),
    plugins: browserPlugins('i18n'),
    output: { dir: 'dist/frames', format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'i18n-[name].js' },
  },
  // Sandbox: Node, with its server dependencies (hono, jose) bundled in, so that installing the
  // package for the browser elements installs no server code as a dependency.
  {
    input: { index: 'src/sandbox/index.ts', cli: 'src/sandbox/cli.ts' },
    external: isNodeBuiltin,
    plugins: [
      nodeResolve({ preferBuiltins: true, exportConditions: ['node'] }),
      commonjs(),
      esbuild({ target: 'node20', tsconfig: 'tsconfig.json', platform: 'node' }),
    ],
    output: { dir: 'dist/sandbox', format: 'esm', banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : '') },
  },
  // The test kit (`@momentpay/elements/testing`): Node, for merchants' Playwright tests. Playwright
  // is a type only; the sandbox is loaded at run time from beside it (dist/sandbox/index.js).
  {
    input: { index: 'src/testing/index.ts' },
    external: (id) => id === 'playwright-core' || isNodeBuiltin(id),
    plugins: [esbuild({ target: 'node20', tsconfig: 'tsconfig.json', platform: 'node' }), testingDeclarations()],
    output: { dir: 'dist/testing', format: 'esm' },
  },
];

/**
 * The test kit's `index.d.ts`: tsc emits the declarations of src/testing into a temporary
 * directory; the kit's type imports of the package's entry points (`../index.js`,
 * `../sandbox/index.js`) become the package's own names, so the file stands alone in dist/testing.
 */
function testingDeclarations() {
  return {
    name: 'testing-declarations',
    async writeBundle() {
      const { mkdtempSync, writeFileSync, rmSync, mkdirSync } = await import('node:fs');
      const { tmpdir } = await import('node:os');
      const { join, resolve } = await import('node:path');
      const { spawnSync } = await import('node:child_process');
      const dir = mkdtempSync(join(tmpdir(), 'moment-testing-types-'));
      try {
        const project = join(dir, 'tsconfig.json');
        writeFileSync(
          project,
          JSON.stringify({
            extends: resolve('tsconfig.json'),
            compilerOptions: {
              noEmit: false,
              emitDeclarationOnly: true,
              declaration: true,
              declarationMap: false,
              sourceMap: false,
              rootDir: resolve('src'),
              outDir: join(dir, 'out'),
            },
            files: [resolve('src/testing/index.ts')],
            include: [],
          }),
        );
        const r = spawnSync(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', project], { encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`tsc (test kit declarations) failed:\n${r.stdout}${r.stderr}`);
        const dts = readFileSync(join(dir, 'out/testing/index.d.ts'), 'utf8')
          .replaceAll("from '../index.js'", "from '@momentpay/elements'")
          .replaceAll("from '../sandbox/index.js'", "from '@momentpay/elements/sandbox'")
          .replaceAll("import('../sandbox/index.js')", "import('@momentpay/elements/sandbox')");
        if (/from '\.\.\//.test(dts)) throw new Error('The test kit declarations import a file outside dist/testing.');
        mkdirSync('dist/testing', { recursive: true });
        writeFileSync('dist/testing/index.d.ts', dts);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
