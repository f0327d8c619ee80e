// The realms stay one-way (eslint.config.mjs): a frame never imports host code, host code never
// imports a frame, the protocol imports neither, and the sandbox only the protocol. Checked by
// linting imports as if they were written in each folder, so the rule cannot silently stop biting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });
const CASES = [
  ['src/frame/card/x.ts', '../../core/element-config.js', false],
  ['src/frame/card/x.ts', '../../elements/card-component/card-component.js', false],
  ['src/frame/card/x.ts', '../../protocol/card.js', true],
  ['src/core/x.ts', '../frame/card/payment.js', false],
  ['src/elements/card-component/x.ts', '../../frame/bridge.js', false],
  ['src/elements/card-component/x.ts', '../../core/events.js', true],
  ['src/protocol/x.ts', '../core/events.js', false],
  ['src/protocol/x.ts', '../frame/bridge.js', false],
  ['src/protocol/x.ts', './card.js', true],
  ['src/sandbox/x.ts', '../frame/card/payment.js', false],
  ['src/sandbox/x.ts', '../core/keys.js', false],
  ['src/sandbox/x.ts', '../protocol/api.js', true],
];

for (const [file, specifier, allowed] of CASES) {
  test(`${file} importing ${specifier} is ${allowed ? 'allowed' : 'refused'}`, async () => {
    const [result] = await eslint.lintText(`import { a } from '${specifier}';\nexport const b = a;\n`, { filePath: file });
    const refused = result.messages.some((m) => m.ruleId === 'no-restricted-imports');
    assert.equal(refused, !allowed, JSON.stringify(result.messages));
  });
}
