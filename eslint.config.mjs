// ESLint: typescript-eslint's recommended rules, Lit's rules for the elements, and the import
// boundaries that keep the realms one-way. Formatting is Prettier's (`npm run format`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import globals from 'globals';

/** `no-restricted-imports` patterns that keep one realm from importing another. */
const forbid = (...dirs) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: dirs.map((dir) => ({
        group: [`**/${dir}/*`, `**/${dir}/**`, `../${dir}/*`, `../../${dir}/*`],
        message: `The realms stay one-way: this folder may not import from src/${dir}.`,
      })),
    },
  ],
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.tmp/**',
      'storybook-static/**',
      'demo/apps/**',
      // The provider's documents' backends, kept as written: the tests run them verbatim.
      'test/sandbox/seed/**',
      'demo/mobile/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // A `let` assigned once after the closures that read it (a guard, a timer) stays a `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  { files: ['src/elements/**/*.ts', 'src/core/**/*.ts', 'stories/**/*.ts'], ...lit.configs['flat/recommended'] },
  {
    // Each element declares its typed events by merging an interface into its class (`addEventListener` overloads).
    files: ['src/elements/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-declaration-merging': 'off' },
  },
  {
    // Chai's property assertions (`expect(x).to.be.true`) are expressions by design.
    files: ['test/**/*.ts', 'test/**/*.mjs'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  { files: ['src/frame/**/*.ts'], rules: forbid('core', 'elements', 'sandbox') },
  { files: ['src/core/**/*.ts', 'src/elements/**/*.ts'], rules: forbid('frame', 'sandbox') },
  { files: ['src/protocol/**/*.ts'], rules: forbid('core', 'elements', 'frame', 'sandbox') },
  { files: ['src/sandbox/**/*.ts'], rules: forbid('core', 'elements', 'frame') },
);
