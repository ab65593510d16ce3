import * as tf from '@tensorflow/tfjs';

/** Loss names accepted by the config's `loss` key. */
export type LossName = 'mae' | 'mse';

/**
 * The training loss (rcan-spec §2.9): mean absolute or squared error over all voxels of each sample,
 * then the mean over the batch. With equal-sized samples that is the mean over everything.
 * @param name - `mae` or `mse`.
 * @param yTrue - Target tensor.
 * @param yPred - Prediction, same shape.
 * @returns A scalar tensor.
 */
export function computeLoss(name: LossName, yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const diff = tf.sub(yPred, yTrue);
    return name === 'mae' ? tf.mean(tf.abs(diff)) : tf.mean(tf.square(diff));
  });
}
