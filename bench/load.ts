// Load test (issue 14, not CI): `npm run bench -- load` after `npm run build`. Serves the production
// build on LOAD_PORT (default 3207) and runs LOAD_CLIENTS (50) concurrent clients for LOAD_SECONDS
// (60) over every page, each client requesting the next route as soon as the last answered. Prints
// JSON: requests, errors (non-2xx/3xx or network), req/s, latency p50/p95/p99 overall and per route.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

import { loadKnowledgeBase } from '../lib/knowledge/load';
import { encodeAnswers } from '../lib/wizard';

const PORT = Number(process.env.LOAD_PORT ?? 3207);
const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 50);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const ROUTES = [
  '/', '/about', '/book', '/compare?ids=cellpose,stardist', '/evaluate', '/glossary', '/glossary/ground-truth', '/help',
  '/methods', '/methods/manual-annotation', '/resources', '/restoration', '/restoration/gaussian-median-filtering', '/restore',
  '/search?q=cellpose', '/tools', '/tools/cellpose', '/trees', '/trees/training-approach', '/wizard', '/wizard/presets', '/wizard/result',
];
// A full result page too (the heaviest page: ranking, plan and evidence), for one book case study.
const kb = loadKnowledgeBase();
const study = kb.caseStudies.find((c) => c.id === 'zebrafish-microglia');
if (study) ROUTES.push(`/wizard/result?a=${encodeAnswers(study.answers, kb.questions)}`);

if (!existsSync('.next/BUILD_ID')) {
  console.error('bench load: no production build; run `npm run build` first');
  process.exit(0);
}
const server = spawn('npx', ['next', 'start', '-p', String(PORT)], { stdio: 'ignore', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }, detached: true });
const base = `http://localhost:${PORT}`;
try {
  for (let i = 0; ; i++) {
    if (await fetch(`${base}/`).then((r) => r.ok, () => false)) break;
    if (i > 120) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 500));
  }
  // One warm pass so first-render caches do not count.
  for (const route of ROUTES) await (await fetch(base + route)).arrayBuffer();
  const samples: { route: string; ms: number; ok: boolean }[] = [];
  const end = Date.now() + SECONDS * 1000;
  let next = 0;
  const client = async () => {
    while (Date.now() < end) {
      const route = ROUTES[next++ % ROUTES.length]!;
      const started = performance.now();
      let ok = false;
      try {
        const r = await fetch(base + route, { redirect: 'manual' });
        await r.arrayBuffer();
        ok = r.status < 400;
      } catch {
        ok = false;
      }
      samples.push({ route, ms: performance.now() - started, ok });
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const seconds = (Date.now() - started) / 1000;
  const pct = (values: number[], p: number) => {
    const s = [...values].sort((a, b) => a - b);
    return Number((s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0).toFixed(1));
  };
  const all = samples.map((s) => s.ms);
  const perRoute = Object.fromEntries(ROUTES.map((route) => {
    const ms = samples.filter((s) => s.route === route).map((s) => s.ms);
    return [route, { n: ms.length, p50: pct(ms, 0.5), p99: pct(ms, 0.99) }];
  }));
  console.log(JSON.stringify({
    clients: CLIENTS, seconds: Number(seconds.toFixed(1)), requests: samples.length, errors: samples.filter((s) => !s.ok).length,
    requestsPerSecond: Number((samples.length / seconds).toFixed(1)), p50: pct(all, 0.5), p95: pct(all, 0.95), p99: pct(all, 0.99), max: pct(all, 1),
    perRoute,
  }, null, 2));
} finally {
  if (server.pid) process.kill(-server.pid, 'SIGTERM');
}
