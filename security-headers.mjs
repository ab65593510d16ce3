// The HTTP headers every response carries (pages, files, API routes, 404s, 400s and error pages).
// Used by next.config.mjs `headers()` and by proxy.ts, which also sets them on responses the config
// does not reach (malformed URLs answered with 400 before routing).
//
// Content-Security-Policy, directive by directive:
// - default-src 'self': nothing from other origins (the app calls no external service).
// - script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval': Next's App Router puts the React Server
//   Component payload in inline <script> tags. A nonce would need a fresh value per request, which
//   forces dynamic rendering of every page (the pages are prerendered and cached; the load figures
//   depend on that). The pages render no user-supplied HTML (React escapes text, answers live in the
//   URL and are parsed by zod), so 'unsafe-inline' with 'self' is the judgement here.
//   'wasm-unsafe-eval' lets tfjs compile its WebAssembly backend; no 'unsafe-eval' in production
//   (React needs it in `next dev` only).
// - worker-src 'self' blob:: the restoration, tile and evaluation Web Workers are same-origin chunks.
// - style-src 'self' 'unsafe-inline': React style attributes and Next's inline style tags.
// - img-src/media-src 'self' data: blob:: result previews and downloads are blob: URLs.
// - connect-src 'self' blob: data:: models, samples and wasm binaries are fetched from the app.
// - object-src 'none', base-uri 'self', form-action 'self', frame-ancestors 'none'.
const dev = process.env.NODE_ENV === 'development';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'${dev ? " 'unsafe-eval'" : ''}`,
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src 'self' blob: data:${dev ? ' ws:' : ''}`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Browser features the app never uses, turned off for it and anything it could embed. */
export const PERMISSIONS_POLICY = [
  'accelerometer=()', 'ambient-light-sensor=()', 'autoplay=()', 'battery=()', 'bluetooth=()', 'camera=()',
  'display-capture=()', 'geolocation=()', 'gyroscope=()', 'hid=()', 'idle-detection=()', 'magnetometer=()',
  'microphone=()', 'midi=()', 'payment=()', 'publickey-credentials-get=()', 'screen-wake-lock=()',
  'serial=()', 'usb=()', 'xr-spatial-tracking=()', 'browsing-topics=()',
].join(', ');

/**
 * Cross-origin isolation (COOP + COEP) lets the restoration runner use wasm threads
 * (SharedArrayBuffer); CORP keeps other sites from embedding our files.
 */
export const SECURITY_HEADERS = [
  { key: 'Content-Security-Policy', value: CONTENT_SECURITY_POLICY },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'Permissions-Policy', value: PERMISSIONS_POLICY },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Embedder-Policy', value: 'require-corp' },
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
];
