// Rebuilds only the sandbox (dist/sandbox), for a quick loop on the sandbox's Node tests:
// `node scripts/build-sandbox.mjs && node --test test/sandbox/`. `npm run build` builds everything.
import { rollup } from 'rollup';
import { pathToFileURL } from 'node:url';

const { default: configs } = await import(pathToFileURL('rollup.config.mjs').href);
const config = configs.find((c) => typeof c.input === 'object' && c.input?.index === 'src/sandbox/index.ts');
const bundle = await rollup(config);
await bundle.write(config.output);
await bundle.close();
console.log('built dist/sandbox');
