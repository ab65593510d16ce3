// Lint = typescript-eslint's recommended rules plus the import boundaries of ARCHITECTURE.md.
// Each block names a folder and the imports it must not make; the message says where the code belongs.
import tseslint from 'typescript-eslint';

const noApp = { group: ['@/app/*', '**/app/*', 'next', 'next/*', 'react', 'react-dom', 'react/*', '@xstate/react'], message: 'lib/ never imports app/, Next or React (ARCHITECTURE.md).' };
const noRcan = { group: ['@/lib/rcan', '@/lib/rcan/*', '**/rcan/*'], message: 'knowledge/wizard/recommend must not import lib/rcan; app/ maps a preset id to a runner config.' };
const noKbSide = { group: ['@/lib/knowledge*', '@/lib/wizard*', '@/lib/recommend*', '**/knowledge/*', '**/wizard/*', '**/recommend/*'], message: 'lib/rcan must not import the knowledge, wizard or recommend modules.' };
const noBackends = { group: ['@tensorflow/tfjs-backend-*', '@tensorflow/tfjs-node*'], message: 'only lib/rcan/browser and lib/rcan/node pick a tfjs backend.' };
const noNode = { group: ['node:*', 'fs', 'path', 'os', 'worker_threads', 'child_process'], message: 'lib/rcan/core runs in browsers too: no Node built-ins.' };

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['node_modules/**', '.next/**', 'out/**', 'public/**', 'test-results/**', 'playwright-report/**', 'bench/.cache/**', 'bench/.ort/**', 'next-env.d.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['lib/**/*.{ts,tsx}'], rules: restrict(noApp, noBackends) },
  { files: ['lib/knowledge/**', 'lib/wizard/**', 'lib/recommend/**'], rules: restrict(noApp, noBackends, noRcan) },
  { files: ['lib/rcan/**'], rules: restrict(noApp, noBackends, noKbSide) },
  { files: ['lib/rcan/core/**'], rules: restrict(noApp, noBackends, noKbSide, noNode) },
  { files: ['lib/rcan/browser/**', 'lib/rcan/node/**'], rules: restrict(noApp, noKbSide) },
  { files: ['lib/metrics/**', 'lib/imaging/**', 'lib/synth/**', 'lib/segment/**'], rules: restrict(noApp, noBackends, noRcan, noKbSide, noNode) },
  { files: ['lib/restoration/**'], rules: restrict(noApp, noBackends, noRcan, noKbSide, noNode) },
  { files: ['**/*.test.ts', 'test/**', 'bench/**', 'scripts/**'], rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-non-null-assertion': 'off' } },
);
