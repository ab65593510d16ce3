// `rcan import --help`, kept apart from the command so help loads no TensorFlow.js (see cli.ts).
/** `rcan import --help`. */
export const IMPORT_HELP = `usage: rcan import MODEL.hdf5 -o MODEL_DIR

Convert a checkpoint saved by the original 3D-RCAN (Keras 2.2.4 model.save, weights_EEE_LOSS.hdf5)
into a model folder for \`rcan apply\`. Weights are read by layer order, C/B/G/r are inferred from the
kernel shapes, and the block shape from the stored model_config. The checkpoint keeps the file's
base name: MODEL_DIR/weights_EEE_LOSS/ (model.json + weights.bin) plus MODEL_DIR/config.json.

  -o, --output DIR    model folder to create or add to
  -h, --help          show this help
`;
