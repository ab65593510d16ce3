// Runs before routing on every request. It answers URLs whose path is not valid percent-encoding
// (`/tools/%`, `/glossary/%E0%A4%A`) with 400 instead of letting the router throw (HTTP 500), and puts
// the security headers of security-headers.mjs on every response it lets through, so error pages
// carry them too.
import { NextResponse, type NextRequest } from 'next/server';

import { SECURITY_HEADERS } from './security-headers.mjs';

function withSecurityHeaders<T extends NextResponse>(response: T): T {
  for (const { key, value } of SECURITY_HEADERS) response.headers.set(key, value);
  return response;
}

/** True when every `%` in the path starts a valid escape and the bytes decode as UTF-8. */
export function isWellEncodedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export function proxy(request: NextRequest): NextResponse {
  // The raw path: nextUrl may already be normalized.
  const raw = request.url.replace(/^[a-z]+:\/\/[^/]+/i, '').split(/[?#]/)[0] ?? '/';
  if (!isWellEncodedPath(raw)) {
    return withSecurityHeaders(
      new NextResponse('400 Bad Request: the address has malformed percent-encoding (a "%" not followed by two hex digits, or bytes that are not UTF-8).\n', {
        status: 400,
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      }),
    );
  }
  // `/tools/` → `/tools` (Next's own redirect, turned off in next.config.mjs, sent no security headers).
  if (raw.length > 1 && raw.endsWith('/')) {
    const target = request.nextUrl.clone();
    target.pathname = target.pathname.replace(/\/+$/, '') || '/';
    return withSecurityHeaders(NextResponse.redirect(target, 308));
  }
  return withSecurityHeaders(NextResponse.next());
}
