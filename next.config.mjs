// Next.js configuration. Cross-origin isolation (COOP/COEP) lets the restoration runner use wasm
// threads (SharedArrayBuffer); it also guarantees the pages load nothing from other origins.
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The knowledge base and MDX are read from disk at build time; keep them out of client bundles.
  serverExternalPackages: ['@mdx-js/mdx'],
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
          { key: 'Cross-Origin-Embedder-Policy', value: 'require-corp' },
          { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'no-referrer' },
        ],
      },
    ];
  },
};

export default nextConfig;
