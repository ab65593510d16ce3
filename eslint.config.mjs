// Lint = typescript-eslint's recommended rules, React's hooks rules for app/, and the import
// boundaries of ARCHITECTURE.md. Each boundary is a list of module patterns a folder must not import,
// with a message saying where the code belongs. Every import form is covered: `import`/`export …
// from` (no-restricted-imports) and dynamic `import()` / `require()` (no-restricted-syntax, built
// from the same patterns). test/integration/lint-boundaries.test.ts feeds the linter one forbidden
// file of each kind and expects an error.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Each boundary: module patterns (gitignore-style, as no-restricted-imports takes them) and why. */
const noApp = { group: ['@/app', '@/app/*', '**/app', '**/app/*', 'next', 'next/*', 'react', 'react/*', 'react-dom', 'react-dom/*', '@xstate/react'], message: 'lib/ never imports app/, Next or React (ARCHITECTURE.md).' };
const kb = (name) => [`@/lib/${name}`, `@/lib/${name}/*`, `**/${name}`, `**/${name}/*`];
const noRcan = { group: ['@/lib/rcan', '@/lib/rcan/*', '**/rcan', '**/rcan/*'], message: 'knowledge/wizard/recommend and the pure modules must not import lib/rcan; app/ maps a preset id to a runner config.' };
const noKbSide = { group: [...kb('knowledge'), ...kb('wizard'), ...kb('recommend')], message: 'lib/rcan and the pure modules must not import the knowledge, wizard or recommend modules.' };
const noWizardRecommend = { group: [...kb('wizard'), ...kb('recommend')], message: 'lib/knowledge is the bottom layer: it must not import lib/wizard or lib/recommend (they import it).' };
const noWizard = { group: kb('wizard'), message: 'lib/recommend must not import lib/wizard (the wizard imports recommend).' };
const noBrowserNode = { group: ['@/lib/rcan/browser', '@/lib/rcan/browser/*', '@/lib/rcan/node', '@/lib/rcan/node/*', '**/browser', '**/browser/*', '**/node', '**/node/*'], message: 'lib/rcan/core and lib/rcan/pipeline run in browsers and Node alike: they must not import lib/rcan/browser or lib/rcan/node.' };
const noBackends = { group: ['@tensorflow/tfjs-backend-*', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node*'], message: 'only lib/rcan/browser and lib/rcan/node pick a tfjs backend.' };
// Bare built-in names are matched exactly (`names`): as patterns, `util` would also match `../util/errors`.
const NODE_BUILTINS = ['assert', 'buffer', 'child_process', 'crypto', 'events', 'fs', 'http', 'https', 'module', 'net', 'os', 'path', 'process', 'stream', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib'];
const noNode = { group: ['node:*', 'fs/*', 'path/*', 'stream/*'], names: NODE_BUILTINS, message: 'this module runs in browsers too: no Node built-ins (file access belongs in lib/rcan/node or lib/cli).' };

/** A gitignore-style module pattern as a regular expression source, with `/` written as \x2F (esquery regexes cannot hold a slash). */
function patternToRegex(pattern) {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const body = escaped.replace(/\*\*\//g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '(?:.*/)?');
  return `^${body}$`.replace(/\//g, '\\x2F');
}

/** The rules for a folder that must not import any of `boundaries`, in every import form. */
function restrict(...boundaries) {
  const dynamic = boundaries.flatMap(({ group, names = [], message }) => {
    const regex = `/${[...group.map(patternToRegex), ...names.map((n) => `^${n}$`)].join('|')}/`;
    return [
      { selector: `ImportExpression[source.value=${regex}]`, message: `dynamic import(): ${message}` },
      { selector: `CallExpression[callee.name='require'][arguments.0.value=${regex}]`, message: `require(): ${message}` },
    ];
  });
  return {
    'no-restricted-imports': ['error', {
      paths: boundaries.flatMap(({ names = [], message }) => names.map((name) => ({ name, message }))),
      patterns: boundaries.map(({ group, message }) => ({ group, message })),
    }],
    'no-restricted-syntax': ['error', ...dynamic],
  };
}

export default tseslint.config(
  { ignores: ['node_modules/**', '.next/**', 'out/**', 'public/**', 'test-results/**', 'playwright-report/**', 'bench/.cache/**', 'bench/.ort/**', 'next-env.d.ts', '.tmp/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // React's rules of hooks and exhaustive dependencies, for the UI (no findings in app/). The plugin's
  // React Compiler rules (`recommended-latest`: refs, set-state-in-effect, purity) are not enabled: the
  // app does not use the compiler, and they flag 25 places in 9 components (17 refs, 6
  // set-state-in-effect, 2 purity) whose restructuring belongs to those pages' owners.
  { files: ['app/**/*.{ts,tsx}'], plugins: { 'react-hooks': reactHooks }, rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' } },
  // Later blocks override earlier ones for the same rule, so each lists every boundary of its folder.
  { files: ['lib/**/*.{ts,tsx}'], rules: restrict(noApp, noBackends) },
  { files: ['lib/knowledge/**'], rules: restrict(noApp, noBackends, noRcan, noWizardRecommend) },
  { files: ['lib/recommend/**'], rules: restrict(noApp, noBackends, noRcan, noWizard) },
  { files: ['lib/wizard/**'], rules: restrict(noApp, noBackends, noRcan) },
  { files: ['lib/rcan/**'], rules: restrict(noApp, noBackends, noKbSide) },
  { files: ['lib/rcan/core/**', 'lib/rcan/pipeline/**'], rules: restrict(noApp, noBackends, noKbSide, noNode, noBrowserNode) },
  { files: ['lib/rcan/browser/**', 'lib/rcan/node/**'], rules: restrict(noApp, noKbSide) },
  { files: ['lib/metrics/**', 'lib/imaging/**', 'lib/synth/**', 'lib/segment/**'], rules: restrict(noApp, noBackends, noRcan, noKbSide, noNode) },
  { files: ['lib/restoration/**'], rules: restrict(noApp, noBackends, noRcan, noKbSide, noNode) },
  { files: ['**/*.test.ts', 'test/**', 'bench/**', 'scripts/**'], rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off', '@typescript-eslint/no-non-null-assertion': 'off' } },
);
