import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['lib/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/fuzz/**/*.test.ts', 'app/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // tfjs wasm tests are CPU heavy; two cores on CI.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    setupFiles: ['test/helpers/setup.ts'],
  },
});
