import type { TileProgress } from '../core';
import type { CliIo } from './cli-io';

/**
 * A progress printer for stderr with a rate-based ETA: redraws one line on a terminal, otherwise
 * prints about every 10% so logs stay short.
 * @param io - output streams
 * @param label - prefix, e.g. the file name
 * @returns a callback for `applyTiled`'s `onProgress`
 */
export function formatProgress(io: CliIo, label: string): (p: TileProgress) => void {
  const start = Date.now();
  let lastDecile = -1;
  return ({ done, total }) => {
    const elapsed = (Date.now() - start) / 1000;
    const eta = done > 0 ? (elapsed / done) * (total - done) : Number.NaN;
    const percent = Math.floor((100 * done) / total);
    const line = `${label}: block ${done}/${total} (${percent}%), ${formatSeconds(elapsed)} elapsed, ETA ${done === total ? '0s' : formatSeconds(eta)}`;
    if (io.stderrIsTty) {
      io.stderr(`\r${line}\x1b[K${done === total ? '\n' : ''}`);
    } else if (Math.floor(percent / 10) > lastDecile || done === total) {
      lastDecile = Math.floor(percent / 10);
      io.stderr(`${line}\n`);
    }
  };
}

/** 75 → "1m15s", 3700 → "1h01m". */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
