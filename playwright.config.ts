import { defineConfig } from '@playwright/test';

// `npm run test:e2e` (scripts/e2e.mjs) picks a free port and passes it as E2E_PORT; running
// `npx playwright test` directly uses E2E_PORT or 3100.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
// Specs that need a WebGPU adapter run in their own project: Chromium's software adapter (SwiftShader)
// is offered on a secure origin (http://localhost) with --enable-unsafe-webgpu, and only without
// --disable-gpu. Every other spec keeps the GPU off.
const WEBGPU_SPECS = '**/*webgpu*.spec.ts';

/**
 * End-to-end tests against the production build (`next start`), in Debian's Chromium.
 * Never `playwright install`: browser downloads fail here.
 */
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    launchOptions: { executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, '--disable-gpu'] },
    trace: 'off',
  },
  projects: [
    { name: 'chromium', testIgnore: WEBGPU_SPECS },
    {
      name: 'webgpu',
      testMatch: WEBGPU_SPECS,
      use: { launchOptions: { executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'] } },
    },
  ],
  webServer: {
    command: `npx next start -p ${PORT}`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { NEXT_TELEMETRY_DISABLED: '1' },
  },
});
