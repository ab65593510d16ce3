// `rcan classical --help`, kept apart from the command so help loads no TensorFlow.js (see cli.ts).
/** `rcan classical --help`. */
export const CLASSICAL_HELP = `usage: rcan classical --method METHOD[,METHOD…] -i in.tif -o out.tif [options]

Classical restoration baselines with the normalisation and output layout of \`rcan apply\`: the output
is an ImageJ hyperstack with channels [raw (normalized), restored(, ground truth)]. Compare with them
before trusting a network (book section 6).

  --method M[,M…]          gaussian, median, richardson-lucy, or all; with several, each output is
                           named out.<method>.tif
  -i, --input FILE         raw image (.tif, 2D YX or 3D ZYX, one channel)
  -o, --output FILE        output .tif (never one of the inputs)
  -g, --ground_truth FILE  ground truth: parameters you did not give are chosen by PSNR against it,
                           and a table ranks raw, each baseline (and the network with -m) by PSNR,
                           SSIM, NRMSE on stdout
  -m, --model_dir DIR      also restore with this 3D-RCAN model folder and rank it (needs -g)
  -B, --block_shape Z,Y,X  block shape for the network (default: config.json input_shape)
      --sigma S            Gaussian sigma in voxels (default 1, or searched with -g)
      --radius R           median half-width in voxels, window 2R+1 (default 1, or searched with -g)
      --iterations N       Richardson–Lucy iterations (default 20, or searched with -g)
      --tv W               Richardson–Lucy total-variation weight, e.g. 0.002 (default 0 = plain RL)
      --psf FILE           measured PSF (.tif, e.g. an averaged bead), background-subtracted, sum 1
      --psf-model widefield|confocal|gaussian
                           computed PSF: Gaussian approximation of a diffraction-limited PSF
                           (Zhang et al. 2007 constants; NOT Gibson–Lanni), needs --na, --wavelength;
                           gaussian: a Gaussian with --psf-sigma (e.g. fitted to beads)
      --psf-sigma Z,Y,X    PSF sigma in voxels for --psf-model gaussian (Y,X for 2D)
      --na NA              numerical aperture, e.g. 1.4
      --wavelength NM      emission wavelength in nm, e.g. 520
      --ri N               immersion refractive index (default 1.515)
      --voxel Z,Y,X        voxel size in µm (default: from the TIFF; Y,X for 2D)
  -b, --bpp 8|16|32        output bit depth (default 32)
      --p_min P, --p_max P normalization percentiles (default 2, 99.9)
      --rescale            fit every output (baselines and network) to the normalized ground truth
                           (a*x+b, as rcan apply --rescale) before scoring: a fair, scale-free ranking
      --normalize_output_range_between_zero_and_one
  -f, --output_tiff_format imagej|ome
      --json               print the results as JSON instead of a table
      --verbose            show stack traces on errors
  -h, --help               show this help
`;
