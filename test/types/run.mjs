// `npm run test:types`: checks the shipped framework types with each framework's own checker.
// Every fixture also holds lines that must fail (@ts-expect-error, @vue-expect-error, Wrong.svelte),
// so a check cannot pass by typing everything as `any`. Needs the build (dist/npm declarations).
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

if (!existsSync('dist/npm/index.d.ts') || !existsSync('dist/npm/react/index.d.ts')) {
  console.error('test:types needs the declarations in dist/npm: run `npm run build` first.');
  process.exit(1);
}
const bin = (name) => `node_modules/.bin/${name}`;
const run = (cmd, args) => spawnSync(cmd, args, { encoding: 'utf8' });
const results = [];
const check = (name, fn) => {
  const started = Date.now();
  let problem;
  try {
    problem = fn();
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  results.push({ name, ok: !problem });
  console.log(`${problem ? '✗' : '✓'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)${problem ? `\n${problem.trim().replace(/^/gm, '    ')}` : ''}`);
};
const tool = (cmd, args) => () => {
  const r = run(cmd, args);
  return r.status === 0 ? undefined : `${r.stdout}${r.stderr}` || `exit ${r.status}`;
};

const generated = run(process.execPath, ['scripts/framework-types.mjs']);
if (generated.status !== 0) {
  console.error(generated.stderr);
  process.exit(1);
}

check(
  'tsc: events declared once, typed listeners, React 19 JSX tags and @momentpay/elements/react',
  tool(bin('tsc'), ['-p', 'test/types/react/tsconfig.json']),
);
check('tsc: emit() refuses undeclared events and wrong details', tool(bin('tsc'), ['-p', 'test/types/src/tsconfig.json']));
check('tsc: Preact JSX tags', tool(bin('tsc'), ['-p', 'test/types/preact/tsconfig.json']));
check('vue-tsc (strictTemplates): GlobalComponents props and events', tool(bin('vue-tsc'), ['-p', 'test/types/vue/tsconfig.json']));
check('svelte-check: SvelteHTMLElements props and events', () => {
  const r = run(bin('svelte-check'), [
    '--workspace',
    'test/types/svelte',
    '--tsconfig',
    resolve('test/types/svelte/tsconfig.json'),
    '--output',
    'machine',
    '--fail-on-warnings',
  ]);
  const errors = r.stdout
    .split('\n')
    .filter((line) => / ERROR /.test(line))
    .map((line) => line.split(' '))
    .map(([, , file, position]) => `${JSON.parse(file)}:${position.split(':')[0]}`);
  const expected = ['Wrong.svelte:6', 'Wrong.svelte:7'];
  const got = [...new Set(errors)].sort();
  if (JSON.stringify(got) !== JSON.stringify(expected))
    return `expected errors at ${expected.join(', ')} only; got ${got.join(', ') || 'none'}\n${r.stdout}${r.stderr}`;
  return undefined;
});
check('html-custom-data.json and web-types.json describe every element, attribute and event', () => {
  const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
  const declared = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement);
  const customData = JSON.parse(readFileSync('dist/types/html-custom-data.json', 'utf8'));
  const webTypes = JSON.parse(readFileSync('dist/types/web-types.json', 'utf8'));
  for (const element of declared) {
    const tag = customData.tags.find((t) => t.name === element.tagName);
    const web = webTypes.contributions.html.elements.find((e) => e.name === element.tagName);
    if (!tag || !web) return `<${element.tagName}> is missing`;
    for (const attribute of element.attributes ?? []) {
      if (!tag.attributes.some((a) => a.name === attribute.name) || !web.attributes.some((a) => a.name === attribute.name))
        return `<${element.tagName}> ${attribute.name} is missing`;
    }
    for (const event of element.events ?? [])
      if (!web.events.some((e) => e.name === event.name && e.type === event.type.text)) return `<${element.tagName}> event ${event.name} is missing`;
  }
  return undefined;
});

const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
