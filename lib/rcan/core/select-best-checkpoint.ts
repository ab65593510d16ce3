/** `weights_EEE_LOSS` (our folders) or `weights_EEE_LOSS.hdf5` (original files), spec §2.12/§3.3. */
const CHECKPOINT_PATTERN = /^weights_(\d+)_([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(?:\.hdf5)?$/;

/**
 * Name of the checkpoint saved after a 1-based epoch with a monitored loss, mirroring
 * `weights_{epoch:03d}_{loss:.8f}.hdf5` without the extension.
 * @param epoch - 1-based epoch
 * @param loss - monitored loss
 * @returns e.g. `weights_012_0.02345678`
 */
export function checkpointName(epoch: number, loss: number): string {
  const lossText = Number.isFinite(loss) ? loss.toFixed(8) : String(loss).toLowerCase().replace('infinity', 'inf');
  return `weights_${String(epoch).padStart(3, '0')}_${lossText}`;
}

/**
 * The sort key of a checkpoint name: its loss, or +∞ when the name does not fit the pattern.
 * @param name - folder or file name (no directory)
 * @returns the loss
 */
export function checkpointLoss(name: string): number {
  const match = CHECKPOINT_PATTERN.exec(name);
  return match ? Number(match[2]) : Number.POSITIVE_INFINITY;
}

/**
 * Pick the "best" checkpoint as 3D-RCAN's `apply.py` does (spec §3.3): the lowest loss parsed from
 * the name; names that do not fit count as +∞, so they are chosen only when nothing else fits.
 * Ties go to the first name in sorted order (the original's order is the file system's).
 * @param names - candidate names
 * @returns the chosen name, or `undefined` when `names` is empty
 */
export function selectBestCheckpoint(names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestLoss = Number.NaN;
  for (const name of [...names].sort()) {
    const loss = checkpointLoss(name);
    if (best === undefined || loss < bestLoss) {
      best = name;
      bestLoss = loss;
    }
  }
  return best;
}
