import { CLASSIC_TIFF_MAX_BYTES } from '../../imaging';

/**
 * Bytes of memory one voxel of the input costs during a browser restore, at the worst (32-bit output
 * with a ground truth): the decoded raw and ground truth (up to 4 + 4), the normalized raw and ground
 * truth (4 + 4), the blending accumulators and the restored channel (12), the output channels (12)
 * and the TIFF file (12), and on the page the download copy of that file (12). Rounded up to 64.
 */
export const BYTES_PER_VOXEL = 64;

/** Memory assumed when the browser does not say (`navigator.deviceMemory` is Chromium-only). */
export const ASSUMED_DEVICE_MEMORY_GB = 4;

/** Channels × bytes of the largest output (raw, restored, ground truth at 32 bits). */
const OUTPUT_BYTES_PER_VOXEL = 3 * 4;

/** The largest stack the restore page accepts on this device, and why. */
export interface RestoreBudget {
  /** Largest input, in voxels (Z × Y × X). */
  maxVoxels: number;
  /** Device memory used for the rule, in GB. */
  deviceMemoryGB: number;
  /** True when the browser reported its memory, false when {@link ASSUMED_DEVICE_MEMORY_GB} was assumed. */
  reported: boolean;
  /** What sets the limit. */
  limitedBy: 'memory' | 'tiff';
  /** The limit in words: `67 million voxels (e.g. 64 × 1024 × 1024)`. */
  limit: string;
  /** One sentence: the limit and the rule, for the page and for refusals. */
  reason: string;
}

/**
 * The restore page's size rule: half of the device memory (the browser reports at most 8 GB, rounded
 * down to a power of two) at {@link BYTES_PER_VOXEL} bytes per voxel, and never more than fits one
 * output TIFF (a classic TIFF stops at 4 GB; three 32-bit channels). The wasm backend's 4 GB heap
 * does not limit the stack: it only ever holds one block and the model.
 * @param deviceMemoryGB - `navigator.deviceMemory`, when the browser gives it
 * @returns the limit and the sentence that explains it
 */
export function restoreBudget(deviceMemoryGB?: number): RestoreBudget {
  const reported = typeof deviceMemoryGB === 'number' && Number.isFinite(deviceMemoryGB) && deviceMemoryGB > 0;
  const memory = reported ? deviceMemoryGB : ASSUMED_DEVICE_MEMORY_GB;
  const byMemory = Math.floor((memory * 2 ** 30) / 2 / BYTES_PER_VOXEL);
  const byTiff = Math.floor(CLASSIC_TIFF_MAX_BYTES / OUTPUT_BYTES_PER_VOXEL);
  const limitedBy = byMemory <= byTiff ? 'memory' : 'tiff';
  const maxVoxels = Math.min(byMemory, byTiff);
  const limit = `${formatVoxels(maxVoxels)} voxels (e.g. ${exampleShape(maxVoxels)})`;
  const why = limitedBy === 'memory'
    ? `half of this device's ${formatGb(memory)} of memory${reported ? '' : ' (assumed: the browser does not say)'} at ${BYTES_PER_VOXEL} bytes per voxel`
    : 'what fits one output TIFF (4 GB, three 32-bit channels)';
  return {
    maxVoxels,
    deviceMemoryGB: memory,
    reported,
    limitedBy,
    limit,
    reason: `this page accepts stacks of up to ${limit} on this device: ${why}; crop the stack or run \`npx rcan apply\`, which has no such limit`,
  };
}

/**
 * Read the budget from the browser the code runs in.
 * @returns {@link restoreBudget} of `navigator.deviceMemory`
 */
export function deviceRestoreBudget(): RestoreBudget {
  return restoreBudget((globalThis.navigator as { deviceMemory?: number } | undefined)?.deviceMemory);
}

/**
 * Whether a file is certainly too large before reading it: no single-channel TIFF of at most
 * `maxVoxels` voxels needs more than 4 bytes per voxel plus its headers.
 * @param fileBytes - the file size
 * @param budget - the device budget
 * @returns true when the file can be refused without reading it
 */
export function fileCertainlyTooLarge(fileBytes: number, budget: RestoreBudget): boolean {
  return fileBytes > budget.maxVoxels * 4 * 1.05 + 2 ** 20;
}

function formatVoxels(n: number): string {
  return n >= 1e9 ? `${(n / 1e9).toFixed(1)} billion` : `${Math.round(n / 1e6)} million`;
}

function formatGb(gb: number): string {
  return `${gb >= 1 ? gb : gb.toFixed(2)} GB`;
}

// An example shape for the sentence: the widest square plane (1024, 512 or 256) that leaves at least 16 slices.
function exampleShape(maxVoxels: number): string {
  for (const side of [1024, 512, 256]) {
    const z = Math.floor(maxVoxels / (side * side));
    if (z >= 16) return `${z} × ${side} × ${side}`;
  }
  return `${Math.floor(maxVoxels / (256 * 256))} × 256 × 256`;
}
