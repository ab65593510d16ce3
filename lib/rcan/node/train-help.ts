// `rcan train --help`, kept apart from the command so help loads no TensorFlow.js (see cli.ts).
/** `rcan train --help`. */
export const TRAIN_HELP = `usage: rcan train -c CONFIG.json -o OUTPUT_DIR [--seed N] [--backend wasm|cpu] [--patience N]
       rcan train --resume MODEL_DIR [--epochs N] [--patience N]

Train a 3D-RCAN like the original train.py: same config.json keys and defaults, batch size 1, random
filtered and augmented patches, Adam with the learning rate halved every epochs/4 epochs, and a
checkpoint weights_EEE_LOSS/ each time the monitored loss (val_loss, or loss without validation
data) improves. OUTPUT_DIR also gets config.json (as used, input_shape clipped to the data) and
training-log.csv / training-log.json, training-loss.svg (training and validation loss with a
diagnosis: still improving / underfitting / overfitting / good fit, book section 9.3.5.4) and
resume/ (the last epoch's weights, Adam state and counters). Every weights_* checkpoint also keeps
the optimizer state. Data folders pair raw and GT files by name (*.tif and *.tiff).

One config key beyond the original 17: "training_mode": "supervised" (default: raw -> ground truth,
as 3D-RCAN) | "noise2noise" ("gt" is a second noisy recording of the same field) | "blind-spot"
(Noise2Void-style masking; only noisy raw images, "gt" may be left out).

  -c, --config FILE    3D-RCAN config.json
  -o, --output DIR     output model folder (created; must not already hold checkpoints)
      --seed N         seed for weights and patch sampling (default 0); runs are reproducible
      --backend NAME   wasm (default) or cpu
      --workers N      accepted for symmetry with apply; training is sequential (batch 1), so only 1 is used
      --patience N     early stopping: stop when the monitored loss has not improved for N epochs
      --resume DIR     continue the run in DIR (its config.json and resume/) from the next epoch
      --epochs N       with --resume: train up to N epochs in total (default: the config's epochs)
  -h, --help           show this help

Ctrl-C stops after the current step; checkpoints already written are kept.
`;
