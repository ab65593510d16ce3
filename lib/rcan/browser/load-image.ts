import { decodeTiff, toSingleChannelVolume, type Volume } from '../../imaging';
import { InputError } from '../../util/errors';
import type { LoadedImage } from './protocol';

/** The decoded images a restoration worker holds, one per slot (`raw`, `gt`), by image id. */
export interface ImageStore {
  /** @returns the volume, or undefined when it was replaced or never loaded */
  get(imageId: string): Volume | undefined;
  /** Keep `volume` in `slot`, dropping what the slot held; @returns its new image id */
  put(slot: string, volume: Volume): string;
}

/**
 * Create an empty {@link ImageStore}.
 * @returns the store
 */
export function createImageStore(): ImageStore {
  const slots = new Map<string, { imageId: string; volume: Volume }>();
  let counter = 0;
  return {
    get: (imageId) => [...slots.values()].find((s) => s.imageId === imageId)?.volume,
    put: (slot, volume) => {
      const imageId = `${slot}-${++counter}`;
      slots.set(slot, { imageId, volume });
      return imageId;
    },
  };
}

/** What {@link loadImage} needs from an `image.load` message. */
export interface LoadImageRequest {
  file: Blob;
  name: string;
  slot: string;
  maxVoxels: number;
  /** The sentence that explains `maxVoxels`, ending a refusal. */
  reason?: string;
}

/**
 * Read and decode a chosen TIFF in the worker, once: refuse it from its size or its header (before
 * any pixel data is decoded) when it has more than `maxVoxels`, check it is one channel, and keep the
 * volume in `store` for the restore that follows. Only the shape and type go back to the page.
 * @param request - the file, its name, the slot, the limit
 * @param store - where the decoded volume is kept
 * @returns the image id, shape and dtype
 * @throws InputError for an unusable or too large file
 */
export async function loadImage(request: LoadImageRequest, store: ImageStore): Promise<LoadedImage> {
  const { file, name, slot, maxVoxels } = request;
  const reason = request.reason ?? `the limit here is ${maxVoxels} voxels`;
  if (file.size === 0) throw new InputError(`${name} is empty (0 bytes); choose the TIFF file again`);
  // No single-channel TIFF under the limit needs more than 4 bytes a voxel plus headers.
  if (file.size > maxVoxels * 4 * 1.05 + 2 ** 20) throw new InputError(`${name} is too large here (${(file.size / 2 ** 30).toFixed(1)} GB); ${reason}`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const volume = toSingleChannelVolume(decodeTiff(bytes, { name, maxSamples: { limit: maxVoxels, reason } }), { name });
  const imageId = store.put(slot, volume);
  return { imageId, name, shape: [...volume.shape], ndim: volume.ndim, dtype: volume.dtype };
}

/**
 * The volume behind an image id.
 * @throws InputError when the image was replaced or never loaded
 */
export function loadedVolume(store: ImageStore, imageId: string, name: string): Volume {
  const volume = store.get(imageId);
  if (!volume) throw new InputError(`${name} is no longer loaded (another file replaced it); choose it again`);
  return volume;
}
