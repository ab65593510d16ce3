import * as tf from '@tensorflow/tfjs';

/**
 * A 3×3 'same' convolution (stride 1, zero padding 1) with bias, with a gradient written out using
 * only forward `conv2d`: the wasm backend has no `Conv2DBackpropFilter`/`Conv2DBackpropInput`
 * kernels, so the stock gradient of `tf.conv2d` cannot train there.
 *
 * @param x - input, shape [N, Y, X, Cin]
 * @param kernel - shape [3, 3, Cin, Cout] (ky, kx, in, out), Keras layout
 * @param bias - shape [Cout]
 * @returns the convolution, shape [N, Y, X, Cout]
 */
export function fastConv2d(x: tf.Tensor4D, kernel: tf.Tensor4D, bias: tf.Tensor1D): tf.Tensor4D {
  const [ky, kx, cin, cout] = kernel.shape;
  if (x.rank !== 4 || kernel.rank !== 4 || ky !== 3 || kx !== 3) {
    throw new RangeError(`fastConv2d expects a rank-4 input and a 3x3 kernel, got input rank ${x.rank}, kernel ${kernel.shape.join('x')}`);
  }
  if (x.shape[3] !== cin || bias.shape[0] !== cout) {
    throw new RangeError(
      `fastConv2d channel mismatch: input has ${x.shape[3]} channels, kernel expects ${cin} in / ${cout} out, bias has ${bias.shape[0]}`,
    );
  }
  return fastConv2dWithGrad(x, kernel, bias) as tf.Tensor4D;
}

const fastConv2dWithGrad = tf.customGrad((...args: unknown[]) => {
  const [x, kernel, bias, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.Tensor1D, tf.GradSaveFunc];
  save([x, kernel]);
  const value = tf.tidy(() => tf.add(tf.conv2d(x, kernel, 1, 'same'), bias));
  const gradFunc = (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]): tf.Tensor[] => {
    // Inside a tidy: tfjs keeps a custom gradient's temporaries until the backward pass ends otherwise.
    return tf.tidy(() => {
      const g = dy as tf.Tensor4D;
      const [sx, sk] = saved as [tf.Tensor4D, tf.Tensor4D];
      const flipped = tf.transpose(tf.reverse(sk, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D;
      const dx = tf.conv2d(g, flipped, 1, 'same');
      const padded = tf.pad(sx, [[0, 0], [1, 1], [1, 1], [0, 0]]);
      const input = tf.transpose(padded, [3, 1, 2, 0]) as tf.Tensor4D; // [Cin, Y+2, X+2, N]
      const filter = tf.transpose(g, [1, 2, 0, 3]) as tf.Tensor4D; // [Y, X, N, Cout]
      const dk = tf.transpose(tf.conv2d(input, filter, 1, 'valid'), [1, 2, 0, 3]);
      return [dx, dk, tf.sum(g, [0, 1, 2])];
    });
  };
  return { value, gradFunc };
});
