import * as tf from '@tensorflow/tfjs';

/** Metric names accepted by the config's `metrics` key. */
export type MetricName = 'psnr' | 'ssim';

/**
 * Training PSNR (rcan-spec §2.9): per sample −10·log10(MSE) with a peak of 1 (normalized units), then
 * the mean over the batch.
 * @param yTrue - Target, shape [batch, ...spatial, channels].
 * @param yPred - Prediction, same shape.
 * @returns A scalar tensor in dB (Infinity for identical inputs).
 */
export function psnrMetric(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const batch = yTrue.shape[0] ?? 1;
    const mse = tf.mean(tf.square(tf.sub(yPred, yTrue)).reshape([batch, -1]), 1);
    return tf.mean(tf.mul(-10 / Math.LN10, tf.log(mse)));
  });
}

const SSIM_WINDOW = 11;
const SSIM_SIGMA = 1.5;

/**
 * Training SSIM (rcan-spec §2.9): 11-tap Gaussian window (σ 1.5, separable, normalized), means and
 * second moments by *valid* convolution, c1 = 0.01², c2 = 0.03², luminance × contrast-structure averaged
 * per sample and channel, then over the batch.
 * @param yTrue - Target, shape [batch, ...spatial, channels] with 2 or 3 spatial axes.
 * @param yPred - Prediction, same shape.
 * @returns A scalar tensor.
 * @throws RangeError when a spatial dimension is below 11 (the valid convolution would be empty).
 */
export function ssimMetric(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  const spatial = yTrue.shape.slice(1, -1);
  if (spatial.some((d) => d < SSIM_WINDOW)) {
    throw new RangeError(
      `ssim needs every patch dimension ≥ ${SSIM_WINDOW} (11-voxel Gaussian window, valid convolution), got [${spatial.join(', ')}]: use a larger input_shape or the psnr metric`,
    );
  }
  return tf.tidy(() => {
    const c1 = 0.01 ** 2;
    const c2 = 0.03 ** 2;
    const x = toChannelsFirst(yTrue);
    const y = toChannelsFirst(yPred);
    const muX = gaussianValid(x);
    const muY = gaussianValid(y);
    const muXX = tf.square(muX);
    const muYY = tf.square(muY);
    const muXY = tf.mul(muX, muY);
    const sigmaXX = tf.sub(gaussianValid(tf.square(x)), muXX);
    const sigmaYY = tf.sub(gaussianValid(tf.square(y)), muYY);
    const sigmaXY = tf.sub(gaussianValid(tf.mul(x, y)), muXY);
    const luminance = tf.div(tf.add(tf.mul(2, muXY), c1), tf.add(tf.add(muXX, muYY), c1));
    const contrastStructure = tf.div(tf.add(tf.mul(2, sigmaXY), c2), tf.add(tf.add(sigmaXX, sigmaYY), c2));
    const map = tf.mul(luminance, contrastStructure);
    const perSample = tf.mean(map.reshape([yTrue.shape[0] ?? 1, -1]), 1);
    return tf.mean(perSample);
  });
}

/** The metric function for a config name. */
export const METRICS: Record<MetricName, (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar> = {
  psnr: psnrMetric,
  ssim: ssimMetric,
};

// [B, ...S, C] → [B·C, ...S]: every channel is filtered separately, as the original does per channel.
function toChannelsFirst(t: tf.Tensor): tf.Tensor {
  const rank = t.rank;
  const perm = [0, rank - 1, ...Array.from({ length: rank - 2 }, (_, i) => i + 1)];
  const moved = tf.transpose(t, perm);
  return moved.reshape([-1, ...moved.shape.slice(2)]);
}

function gaussianKernel(): tf.Tensor3D {
  const half = (SSIM_WINDOW - 1) / 2;
  const taps = Array.from({ length: SSIM_WINDOW }, (_, i) => Math.exp(-((i - half) ** 2) / (2 * SSIM_SIGMA ** 2)));
  const sum = taps.reduce((a, b) => a + b, 0);
  return tf.tensor3d(
    taps.map((v) => v / sum),
    [SSIM_WINDOW, 1, 1],
  );
}

// Valid Gaussian filtering of [N, ...S] along every spatial axis; separable, so one 1D pass per axis
// equals the valid convolution with the outer-product kernel.
function gaussianValid(t: tf.Tensor): tf.Tensor {
  const kernel = gaussianKernel();
  let out = t;
  for (let axis = 1; axis < t.rank; axis++) {
    const perm = Array.from({ length: t.rank }, (_, i) => i);
    perm[axis] = t.rank - 1;
    perm[t.rank - 1] = axis;
    const moved = tf.transpose(out, perm);
    const length = moved.shape[t.rank - 1] ?? 1;
    const rows = moved.reshape([-1, length, 1]) as tf.Tensor3D;
    const filtered = tf.conv1d(rows, kernel, 1, 'valid');
    out = tf.transpose(filtered.reshape([...moved.shape.slice(0, -1), length - SSIM_WINDOW + 1]), perm);
  }
  return out;
}
