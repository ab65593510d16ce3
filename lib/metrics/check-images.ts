import type { MetricImage } from './types';

/**
 * Check that an image is 2D or 3D and that its data length matches its shape.
 * @param image - The image to check.
 * @param name - What to call it in the error message ("truth", "prediction").
 * @throws RangeError when the shape is not 2D/3D or does not match the data length.
 */
export function checkImage(image: MetricImage, name: string): void {
  const { shape, data } = image;
  if (shape.length !== 2 && shape.length !== 3) {
    throw new RangeError(`${name} must be 2D [y, x] or 3D [z, y, x], got shape [${shape.join(', ')}]`);
  }
  if (shape.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new RangeError(`${name} shape must hold positive integers, got [${shape.join(', ')}]`);
  }
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== data.length) {
    throw new RangeError(`${name} has ${data.length} values but shape [${shape.join(', ')}] needs ${size}`);
  }
}

/**
 * Check that truth and prediction are valid and have the same shape.
 * @param truth - Ground-truth image.
 * @param pred - Predicted image.
 * @throws RangeError naming both shapes when they differ.
 */
export function checkSameShape(truth: MetricImage, pred: MetricImage): void {
  checkImage(truth, 'truth');
  checkImage(pred, 'prediction');
  const a = truth.shape;
  const b = pred.shape;
  if (a.length !== b.length || a.some((n, i) => n !== b[i])) {
    throw new RangeError(
      `truth and prediction must have the same shape, got truth [${a.join(', ')}] and prediction [${b.join(', ')}]`,
    );
  }
}

/**
 * Resolve a voxel size for an image: `[z, y, x]` for 3D, `[y, x]` for 2D (a 3-element size given
 * for a 2D image keeps its last two entries). Returns all-ones when none is given.
 * @param shape - Image shape.
 * @param voxelSize - Physical size of one voxel per axis, or undefined for pixel units.
 * @returns One positive spacing per axis of `shape`.
 * @throws RangeError when the length does not fit or a value is not positive and finite.
 */
export function resolveVoxelSize(shape: readonly number[], voxelSize?: readonly number[]): number[] {
  if (voxelSize === undefined) return shape.map(() => 1);
  let size = [...voxelSize];
  if (shape.length === 2 && size.length === 3) size = size.slice(1);
  if (size.length !== shape.length) {
    throw new RangeError(
      `voxel size must have ${shape.length} values for a ${shape.length}D image, got [${voxelSize.join(', ')}]`,
    );
  }
  if (size.some((v) => !(Number.isFinite(v) && v > 0))) {
    throw new RangeError(`voxel size values must be positive numbers, got [${voxelSize.join(', ')}]`);
  }
  return size;
}

/** Shape as `[z, y, x]`, with z = 1 for 2D images. */
export function asZyx(shape: readonly number[]): [number, number, number] {
  return shape.length === 3 ? [shape[0]!, shape[1]!, shape[2]!] : [1, shape[0]!, shape[1]!];
}
