// `rcan init --help`, kept apart from the command so help loads no TensorFlow.js (see cli.ts).
/** `rcan init --help`. */
export const INIT_HELP = `usage: rcan init -c CONFIG.json -o MODEL_DIR [--seed N]

Create a model folder with randomly initialised weights (glorot-uniform, seeded) from a 3D-RCAN
config.json. Training data keys are optional here. The folder gets config.json and one checkpoint
weights_000_inf/ (model.json + weights.bin).

  -c, --config FILE   3D-RCAN config.json (the 17 keys of train.py; unknown keys are rejected)
  -o, --output DIR    model folder to create (must not already hold checkpoints)
      --seed N        initializer seed (default 0)
  -h, --help          show this help
`;
