// `rcan info --help`, kept apart from the command so help loads no TensorFlow.js (see cli.ts).
/** `rcan info --help`. */
export const INFO_HELP = `usage: rcan info MODEL_DIR [--json]

Describe a model folder: architecture, parameter count, training patch shape (the default apply
block shape), checkpoints and the one apply would use (lowest loss in its name).

      --json          print one JSON object instead of text
  -h, --help          show this help
`;
