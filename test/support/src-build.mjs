// The browser tests' own build of the sandbox and the frames, from src, with esbuild: no
// production build (no terser, no template minifier), about a second, so a test never runs
// against stale frames in dist/. Each run builds into a directory of its own under
// node_modules/.cache/moment-wtr/ (two runs at once do not overwrite each other's files) and
// removes it when the run ends.
//
// Resolution follows rollup.config.mjs: the frames are built for the browser (the `browser`
// export condition and field; never `development`, so Lit's production build), the one CommonJS
// dependency (credit-card-type) is bundled as esbuild converts it; the sandbox is built for Node
// with its server dependencies bundled and Node's built-in modules left as imports.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, context } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE = join(ROOT, 'node_modules/.cache/moment-wtr');
const TSCONFIG = join(ROOT, 'tsconfig.json');
const FRAME_KINDS = ['card', 'wallet', 'checkout'];

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
};

/** Removes the directories of earlier runs whose process has ended (a run that was killed). */
function pruneDeadRuns() {
  if (!existsSync(CACHE)) return;
  for (const name of readdirSync(CACHE)) {
    const pid = Number(/^run-(\d+)$/.exec(name)?.[1]);
    if (pid && pid !== process.pid && !alive(pid)) rmSync(join(CACHE, name), { recursive: true, force: true });
  }
}

/** esbuild options shared by every frame build (each kind is one self-contained bundle, as in dist/frames). */
const frameOptions = (outdir) => ({
  absWorkingDir: ROOT,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  tsconfig: TSCONFIG,
  // The browser's conditions only: Lit's production build, as rollup's nodeResolve({browser: true}).
  conditions: ['browser'],
  mainFields: ['browser', 'module', 'main'],
  outdir,
  sourcemap: 'linked',
  logLevel: 'warning',
});

/**
 * The frame bundles and the per-locale dictionaries, named as the sandbox serves them
 * (/^[A-Za-z0-9_-]+\.js(?:\.map)?$/): `<kind>.js`, its lazily imported chunks `<kind>-chunk-<HASH>.js`
 * (a frame imports them by relative path, so the names need not match dist's), `i18n-<locale>.js`
 * (imported by computed path `./i18n-${locale}.js`, see src/frame/i18n/index.ts).
 */
function frameBuilds(outdir) {
  const kinds = FRAME_KINDS.filter((kind) => existsSync(join(ROOT, `src/frame/${kind}/main.ts`)));
  const locales = readdirSync(join(ROOT, 'src/protocol/i18n')).filter((f) => f.endsWith('.ts') && f !== 'translation.ts');
  return [
    ...kinds.map((kind) => ({
      ...frameOptions(outdir),
      entryPoints: { [kind]: `src/frame/${kind}/main.ts` },
      splitting: true,
      entryNames: '[name]',
      chunkNames: `${kind}-[name]-[hash]`,
    })),
    {
      ...frameOptions(outdir),
      entryPoints: Object.fromEntries(locales.map((f) => [`i18n-${f.slice(0, -3)}`, `src/protocol/i18n/${f}`])),
      entryNames: '[name]',
    },
  ];
}

/** The sandbox for Node: server dependencies bundled (hono, jose), built-in modules imported. */
const sandboxBuild = (outdir) => ({
  absWorkingDir: ROOT,
  entryPoints: { index: 'src/sandbox/index.ts' },
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  tsconfig: TSCONFIG,
  conditions: ['node'],
  outdir,
  // A bundled CommonJS module may `require()` a built-in module: give the ES module a `require`.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});

/**
 * Builds the sandbox and the frames from src. Returns the directory of the frames, the URL of the
 * sandbox module, the time it took, and `dispose()` (removes the build). With `watch`, the frames
 * rebuild on every change in src (the sandbox serves them fresh: it reads each file per request).
 */
export async function buildFromSrc({ watch = false, log = console.log } = {}) {
  const started = performance.now();
  pruneDeadRuns();
  const dir = join(CACHE, `run-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const framesDir = join(dir, 'frames');
  const sandboxDir = join(dir, 'sandbox');
  const contexts = [];
  const frames = frameBuilds(framesDir);
  await Promise.all([
    build(sandboxBuild(sandboxDir)),
    ...frames.map(async (options) => {
      if (!watch) return build(options);
      const ctx = await context({
        ...options,
        plugins: [
          {
            name: 'rebuild-log',
            setup(b) {
              let first = true;
              b.onEnd((result) => {
                const what = options.splitting ? `the ${Object.keys(options.entryPoints)[0]} frame` : 'the dictionaries';
                if (!first && result.errors.length === 0) log(`[moment-wtr] rebuilt ${what} from src`);
                first = false;
              });
            },
          },
        ],
      });
      contexts.push(ctx);
      await ctx.rebuild();
      await ctx.watch();
    }),
  ]);
  const ms = Math.round(performance.now() - started);
  return {
    framesDir,
    sandboxModule: pathToFileURL(resolve(sandboxDir, 'index.js')).href,
    ms,
    async dispose() {
      await Promise.all(contexts.map((ctx) => ctx.dispose()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
