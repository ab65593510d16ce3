import { ANSWERS_PARAM, decodeAnswers, type DecodeResult } from '@/lib/wizard';

import { getKb } from '../../_components/kb';

/** Decode the answers parameter of a page or route request (server side). */
export function decodeParam(params: Record<string, string | string[] | undefined> | URLSearchParams): DecodeResult | null {
  const raw = params instanceof URLSearchParams ? params.get(ANSWERS_PARAM) : params[ANSWERS_PARAM];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value) return null;
  return decodeAnswers(value, getKb().questions);
}
