import { recommend, reportJson, reportMarkdown } from '@/lib/recommend';
import { encodeAnswers } from '@/lib/wizard';

import { getKb } from '../../_components/kb';
import { decodeParam } from '../_components/decode-param';

/** `/wizard/export?format=md|json&a=…`: the result as a downloadable Markdown or JSON file. */
export function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  const format = params.get('format') ?? 'md';
  if (format !== 'md' && format !== 'json') return new Response(`unknown format "${format}"; use md or json\n`, { status: 400 });
  const decoded = decodeParam(params);
  if (!decoded) return new Response('the link has no answers (?a=…)\n', { status: 400 });
  if (!decoded.ok) return new Response(`${decoded.message}\n`, { status: 400 });
  const kb = getKb();
  const rec = recommend(decoded.answers, kb);
  const url = new URL(request.url);
  const shareUrl = `${url.origin}/wizard/result?a=${encodeAnswers(decoded.answers, kb.questions)}`;
  const body = format === 'md' ? reportMarkdown(decoded.answers, rec, kb, { siteUrl: url.origin, shareUrl }) : `${JSON.stringify(reportJson(decoded.answers, rec, kb), null, 2)}\n`;
  return new Response(body, {
    headers: {
      'Content-Type': format === 'md' ? 'text/markdown; charset=utf-8' : 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="bioimage-navigator-recommendation.${format}"`,
    },
  });
}
