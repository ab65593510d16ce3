// `rcan export --help`, kept apart from the command so help loads no TensorFlow.js (see cli.ts).
/** `rcan export --help`. */
export const EXPORT_ONNX_HELP = `usage: rcan export -m MODEL_DIR --format onnx -o MODEL.onnx [--layout conv3d|factorised]

Write a model folder's checkpoint (the one apply would use: lowest loss in its name) as an ONNX
model (opset 13) that runs in any ONNX runtime. Input "input" and output "output" are float32
[N, 1, Z, Y, X] ([N, 1, Y, X] for 2D models), any spatial size; the input is the raw image
normalized as rcan apply does (percentiles 2 and 99.9), and the output is not clipped.

  -m, --model_dir DIR       model folder, or one checkpoint folder
      --format onnx         the only format written here
  -o, --output FILE         the .onnx file to write (refuses to overwrite an existing file)
      --layout conv3d|factorised
                            conv3d (default): one Conv with a 3x3x3 kernel, any batch size;
                            factorised: three 2D Convs over z-shifted slices, batch 1 only,
                            faster in onnxruntime on CPUs (what rcan apply --engine onnx runs)
      --verbose             show stack traces on errors
  -h, --help                show this help
`;
