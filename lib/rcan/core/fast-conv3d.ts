import * as tf from '@tensorflow/tfjs';

/**
 * A 3×3×3 'same' convolution (stride 1, zero padding 1) computed as three `conv2d` calls, one per
 * z offset of the kernel. The input is reshaped so that z-slices become the batch dimension of
 * `conv2d`; each call sees the slices shifted by one z offset and the kernel plane for that offset.
 *
 * Why: tfjs `conv3d` has no fast path on the wasm and cpu backends, while `conv2d` runs through
 * XNNPACK on wasm. The wasm backend also lacks `Conv2DBackpropFilter` and `Conv3DBackpropFilter`,
 * so the gradient is written out here with only forward `conv2d`, `transpose` and `sum`.
 *
 * @param x - input, shape [N, Z, Y, X, Cin]
 * @param kernel - shape [3, 3, 3, Cin, Cout] (kz, ky, kx, in, out), Keras layout
 * @param bias - shape [Cout]
 * @returns the convolution, shape [N, Z, Y, X, Cout]
 */
export function fastConv3d(x: tf.Tensor5D, kernel: tf.Tensor5D, bias: tf.Tensor1D): tf.Tensor5D {
  checkShapes(x, kernel, bias);
  return fastConv3dWithGrad(x, kernel, bias) as tf.Tensor5D;
}

function checkShapes(x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor): void {
  const [kz, ky, kx, cin, cout] = kernel.shape;
  if (x.rank !== 5 || kernel.rank !== 5) {
    throw new RangeError(`fastConv3d expects a rank-5 input and kernel, got ranks ${x.rank} and ${kernel.rank}`);
  }
  if (kz !== 3 || ky !== 3 || kx !== 3) {
    throw new RangeError(`fastConv3d expects a 3x3x3 kernel, got ${kz}x${ky}x${kx}`);
  }
  if (x.shape[4] !== cin || bias.shape[0] !== cout) {
    throw new RangeError(
      `fastConv3d channel mismatch: input has ${x.shape[4]} channels, kernel expects ${cin} in / ${cout} out, bias has ${bias.shape[0]}`,
    );
  }
}

/** The forward factorization without bias or gradient bookkeeping; reused for the input gradient. */
function conv3dBy2d(x: tf.Tensor5D, kernel: tf.Tensor5D): tf.Tensor5D {
  const [n, z, y, w, cin] = x.shape;
  const cout = kernel.shape[4];
  // Temporaries are freed as soon as they are consumed (this runs outside the gradient tape: the
  // custom gradient saves only x and the kernel), so a layer holds about 3 activations, not 8.
  const padded = tf.pad(x, [[0, 0], [1, 1], [0, 0], [0, 0], [0, 0]]);
  let sum: tf.Tensor4D | null = null;
  for (let dz = 0; dz < 3; dz++) {
    const part = tf.tidy(() => {
      const slices = tf.slice(padded, [0, dz, 0, 0, 0], [n, z, y, w, cin]).reshape([n * z, y, w, cin]) as tf.Tensor4D;
      const plane = tf.slice(kernel, [dz, 0, 0, 0, 0], [1, 3, 3, cin, cout]).reshape([3, 3, cin, cout]) as tf.Tensor4D;
      return tf.conv2d(slices, plane, 1, 'same');
    });
    if (sum === null) sum = part;
    else {
      const next = tf.add(sum, part) as tf.Tensor4D;
      sum.dispose();
      part.dispose();
      sum = next;
    }
  }
  padded.dispose();
  const result = (sum as tf.Tensor4D).reshape([n, z, y, w, cout]) as tf.Tensor5D;
  (sum as tf.Tensor4D).dispose();
  return result;
}

/** dL/dW for the 3D convolution, as one 'valid' conv2d per z offset (see fastConv3d). */
function kernelGrad(x: tf.Tensor5D, dy: tf.Tensor5D): tf.Tensor5D {
  const [n, z, y, w, cin] = x.shape;
  const cout = dy.shape[4];
  const padded = tf.pad(x, [[0, 0], [1, 1], [1, 1], [1, 1], [0, 0]]);
  // dy as a conv2d filter: [Y, X, N·Z, Cout]; the N·Z axis is the contraction ("in channels").
  const filter = tf.transpose(dy, [2, 3, 0, 1, 4]).reshape([y, w, n * z, cout]) as tf.Tensor4D;
  const planes: tf.Tensor4D[] = [];
  for (let dz = 0; dz < 3; dz++) {
    const slab = tf.slice(padded, [0, dz, 0, 0, 0], [n, z, y + 2, w + 2, cin]);
    // x as a conv2d input: batch = Cin, image (Y+2)×(X+2), channels = N·Z.
    const input = tf.transpose(slab, [4, 2, 3, 0, 1]).reshape([cin, y + 2, w + 2, n * z]) as tf.Tensor4D;
    const g = tf.conv2d(input, filter, 1, 'valid'); // [Cin, 3, 3, Cout]
    planes.push(tf.transpose(g, [1, 2, 0, 3]) as tf.Tensor4D); // [3, 3, Cin, Cout]
  }
  return tf.stack(planes) as tf.Tensor5D;
}

/** The kernel for the input gradient: flipped in z, y, x with in/out channels swapped. */
function flipKernel(kernel: tf.Tensor5D): tf.Tensor5D {
  return tf.transpose(tf.reverse(kernel, [0, 1, 2]), [0, 1, 2, 4, 3]) as tf.Tensor5D;
}

const fastConv3dWithGrad = tf.customGrad((...args: unknown[]) => {
  const [x, kernel, bias, save] = args as [tf.Tensor5D, tf.Tensor5D, tf.Tensor1D, tf.GradSaveFunc];
  save([x, kernel]);
  const value = tf.tidy(() => tf.add(conv3dBy2d(x, kernel), bias));
  const gradFunc = (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]): tf.Tensor[] => {
    const g = dy as tf.Tensor5D;
    const [sx, sk] = saved as [tf.Tensor5D, tf.Tensor5D];
    // tfjs calls a custom gradient outside any tidy and keeps what it creates until the whole
    // backward pass ends; the tidy frees the flipped kernel, transposes and slices right here.
    return tf.tidy(() => [conv3dBy2d(g, flipKernel(sk)), kernelGrad(sx, g), tf.sum(g, [0, 1, 2, 3])]);
  };
  return { value, gradFunc };
});
