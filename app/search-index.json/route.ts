import { buildSearchIndex } from '@/lib/knowledge';

import { getKb } from '../_components/kb';

// Built once at build time and served as a static file; the client revives it with Fuse.parseIndex.
export const dynamic = 'force-static';

export function GET() {
  return Response.json(buildSearchIndex(getKb()));
}
