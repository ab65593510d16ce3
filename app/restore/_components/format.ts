// Small formatting helpers shared by the restore and training sections.

/** "about 12 s", "about 3 min 5 s"; empty when unknown. */
export function formatEta(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `about ${s} s left`;
  return `about ${Math.floor(s / 60)} min ${s % 60} s left`;
}

/** A score with fixed digits, or "n/a" for null (e.g. SSIM of a stack too small for its window). */
export function formatScore(value: number | null | undefined, digits: number): string {
  return value === null || value === undefined ? 'n/a' : value.toFixed(digits);
}

/** Read a `File` or fetch a URL into bytes. */
export async function readBytes(source: File | string): Promise<Uint8Array> {
  if (typeof source === 'string') {
    const response = await fetch(source);
    if (!response.ok) throw new Error(`could not load ${source} (HTTP ${response.status}); the app build may be incomplete`);
    return new Uint8Array(await response.arrayBuffer());
  }
  return new Uint8Array(await source.arrayBuffer());
}

/** Error text for people: the message only, never a stack. */
export function errorText(error: unknown): string {
  return error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error) ? String((error as Error).message).split('\n')[0]! : String(error);
}
