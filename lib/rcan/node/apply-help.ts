// `rcan apply --help`, kept apart from the command so help loads no TensorFlow.js (see cli.ts).
/** `rcan apply --help`. */
export const APPLY_HELP = `usage: rcan apply -m MODEL_DIR -i INPUT -o OUTPUT [options]

Restore TIFF images with a 3D-RCAN model folder, with the flags and output of 3D-RCAN's apply.py:
the output is an ImageJ hyperstack with channels [raw (normalized), restored(, ground truth)].
3D TIFF stacks of any depth are read and written plane by plane in z-slabs (memory depends on the
block depth and the image's Y x X, not on Z); with -g or the min-max option the image is loaded whole.

  -m, --model_dir DIR           model folder; the checkpoint with the lowest loss in its name is used
  -i, --input PATH              a .tif file, or a folder of .tif/.tiff files (batch mode)
  -o, --output PATH             output file, or folder in batch mode (created; files keep their names)
  -g, --ground_truth PATH       ground truth file, or folder paired BY FILE NAME; prints PSNR/SSIM/NRMSE
                                as JSON on stdout
  -b, --bpp 8|16|32             output bit depth (default 32; 8/16 clip to [0,1] then truncate)
  -B, --block_shape Z,Y,X       block shape (default: the training patch shape from config.json)
  -O, --block_overlap_shape Z,Y,X  overlap between blocks (default max(1, d//8), 0 if d <= 2)
      --p_min P                 lower normalization percentile (default 2)
      --p_max P                 upper normalization percentile (default 99.9)
      --rescale                 fit restored to the normalized ground truth (a*x+b, needs -g)
      --normalize_output_range_between_zero_and_one
                                min-max normalize each output channel (not with --rescale)
  -f, --output_tiff_format imagej|ome   output container (default imagej; past 4 GiB, imagej
                                writes ImageJ's large-stack layout, ome a BigTIFF)
      --engine auto|onnx|tfjs   inference engine (default auto: onnxruntime when it loads on this
                                platform, else tfjs wasm; results agree within 1e-4)
      --workers N               blocks predicted in parallel (default: CPU count; with tfjs,
                                0 = in this thread)
      --shard i/n               take every n-th input of the sorted folder, starting at i (0 <= i < n):
                                one shard per Slurm array task or Kubernetes Indexed Job pod
      --skip-existing           skip inputs whose output is already complete and valid (its TIFF
                                header checked against the input's shape, channels and bit depth),
                                so a killed or re-queued job resumes where it stopped
      --verbose                 show stack traces on errors
  -h, --help                    show this help
`;
