// `rcan export --help`, kept apart from the command so help loads no TensorFlow.js (see cli.ts).
import { EXPORT_ONNX_HELP } from './export-onnx-help';

/** `rcan export --help`. */
export const EXPORT_HELP = `usage: rcan export -m MODEL_DIR -o weights.hdf5 [--format keras] [-B z,y,x]
       rcan export -m MODEL_DIR --format onnx -o MODEL.onnx [--layout conv3d|factorised]

Write a model folder's best checkpoint (or the checkpoint folder given) as a Keras .hdf5 checkpoint in
the layout the original 3D-RCAN writes (Keras 2.2.4 model.save: model_config + model_weights), so
models trained here can go back to 3D-RCAN users. Name the file weights_EEE_LOSS.hdf5 (as train.py
does) and put it in a folder of its own: apply.py picks the lowest loss in such names.

The two Lambda layers (2x-1 and 0.5x+0.5) are stored as Python 3.11 bytecode, the way Keras stores
them, so apply.py's load_model reads the file on Python 3.11; elsewhere build the model with
3D-RCAN's build_rcan and call load_weights (weights are in layer order).

  -m, --model_dir DIR model folder (best checkpoint) or one checkpoint folder
  -o, --output FILE   .hdf5 file to create (refused if it exists)
  -B, --block_shape   z,y,x (or y,x) input shape to store; default: config.json input_shape
  -h, --help          show this help

With --format onnx (or an -o ending in .onnx):

` + EXPORT_ONNX_HELP.split('\n').slice(2).join('\n');
