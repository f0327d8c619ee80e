// Serves React's CommonJS packages to the browser tests as ES modules. One esbuild bundle holds
// react, react-dom/client and react-dom/server so that every import shares one React; the paths
// the dev server resolves (`/node_modules/react/index.js`, …) re-export from it, with the same
// named exports Node sees.
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';

/** A module's export names, read in a child process: React patches `console` when loaded. */
const exportNames = (id) =>
  JSON.parse(execFileSync(process.execPath, ['-e', `process.stdout.write(JSON.stringify(Object.keys(require(${JSON.stringify(id)}))))`], { encoding: 'utf8' }));
const BUNDLE = '/__react-bundle.js';
const MODULES = {
  React: { path: /\/node_modules\/react\/index\.js$/, id: 'react' },
  ReactDOM: { path: /\/node_modules\/react-dom\/index\.js$/, id: 'react-dom' },
  ReactDOMClient: { path: /\/node_modules\/react-dom\/client\.js$/, id: 'react-dom/client' },
  // Loaded in Node, this one keeps the process alive: its names are listed instead.
  ReactDOMServer: {
    path: /\/node_modules\/react-dom\/server\.browser\.js$/,
    id: 'react-dom/server.browser',
    names: ['renderToString', 'renderToStaticMarkup', 'version'],
  },
};

export function reactEsm() {
  let bundle;
  return {
    name: 'react-esm',
    async serve(context) {
      if (context.path === BUNDLE) {
        bundle ??= build({
          stdin: {
            contents: Object.entries(MODULES)
              .map(([name, { id }]) => `export * as ${name} from '${id}';`)
              .join('\n'),
            resolveDir: process.cwd(),
          },
          bundle: true,
          format: 'esm',
          write: false,
          logLevel: 'silent',
          conditions: ['browser'],
          define: { 'process.env.NODE_ENV': '"development"' },
        }).then((result) => result.outputFiles[0].text);
        return { body: await bundle, type: 'js' };
      }
      for (const [name, { path, id, names: listed }] of Object.entries(MODULES)) {
        if (!path.test(context.path)) continue;
        const names = (listed ?? exportNames(id)).filter((key) => /^[A-Za-z_$][\w$]*$/.test(key) && key !== 'default');
        const body = [
          `import { ${name} as m } from '${BUNDLE}';`,
          `const mod = m.default ?? m;`,
          'export default mod;',
          ...names.map((key) => `export const ${key} = mod.${key};`),
        ].join('\n');
        return { body, type: 'js' };
      }
      return undefined;
    },
  };
}
