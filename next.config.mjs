// Next.js configuration. Security headers (CSP, frame, referrer, permissions, cross-origin
// isolation for the runner's wasm threads) are listed and explained in security-headers.mjs.
import { SECURITY_HEADERS } from './security-headers.mjs';

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // proxy.ts does the trailing-slash redirect itself, so the redirect carries the security headers.
  skipTrailingSlashRedirect: true,
  // The knowledge base and MDX are read from disk at build time; keep them out of client bundles.
  serverExternalPackages: ['@mdx-js/mdx'],
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [...SECURITY_HEADERS],
      },
    ];
  },
};

export default nextConfig;
