import * as tf from '@tensorflow/tfjs';
import { countParams } from './count-params';
import { fastConv2d } from './fast-conv2d';
import { fastConv3d } from './fast-conv3d';
import { mulberry32 } from '../../util/mulberry32';

/** The hyper-parameters that fix the 3D-RCAN graph (spec §1.1); spatial size is free (§1.8). */
export interface RcanArchitecture {
  /** 3 for Z,Y,X volumes, 2 for Y,X images. */
  ndim: 2 | 3;
  /** C, `num_channels`. */
  numChannels: number;
  /** B, `num_residual_blocks` (RCABs per group). */
  numResidualBlocks: number;
  /** G, `num_residual_groups`. */
  numResidualGroups: number;
  /** r, `channel_reduction`; the attention bottleneck has ⌊C/r⌋ channels. */
  channelReduction: number;
}

/** What a convolution does in the graph (spec §1.3 "role"). */
export type RcanConvRole = 'head' | 'rcab-conv1' | 'rcab-conv2' | 'ca-down' | 'ca-up' | 'group-tail' | 'trunk-tail' | 'output';

/** One convolution of the model, in creation order (= Keras/HDF5 weight order, spec §1.10). */
export interface RcanConv {
  /** Keras-style name with a 1-based counter: `conv3d_1`, `conv3d_2`, … (`conv2d_*` in 2D). */
  readonly name: string;
  readonly role: RcanConvRole;
  /** 1-based residual group, for convs inside a group. */
  readonly group?: number;
  /** 1-based RCAB inside the group, for RCAB and attention convs. */
  readonly block?: number;
  /** Kernel shape in Keras layout: [kz, ky, kx, in, out] in 3D, [ky, kx, in, out] in 2D. */
  readonly kernelShape: readonly number[];
  readonly activation: 'linear' | 'relu' | 'sigmoid';
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable;
}

/** Options for {@link buildRcan}. */
export interface BuildRcanOptions {
  /** Seed of the glorot-uniform kernel initializer. @default 0 */
  seed?: number;
  /**
   * Apply channel attention. Turning it off makes the output independent of the block size
   * (spec §1.9), which tests of tiling need; real models always use it. @default true
   */
  channelAttention?: boolean;
  /** Make the variables trainable. @default true */
  trainable?: boolean;
  /**
   * Gradient checkpointing in {@link RcanModel.apply}: each residual group keeps only its input and is
   * run again in the backward pass (same gradients, about a third more compute, a fraction of the
   * memory). @default true
   */
  recomputeGroups?: boolean;
}

/** A functional 3D-RCAN: the weights as `tf.Variable`s plus the forward pass. */
export interface RcanModel {
  readonly architecture: Readonly<RcanArchitecture>;
  readonly channelAttention: boolean;
  /** All convolutions in creation order (spec §1.3). */
  readonly convs: readonly RcanConv[];
  /**
   * The forward pass, for use inside gradient tapes (`optimizer.minimize`). Intermediate tensors are
   * not disposed; wrap in `tf.tidy` or call {@link RcanModel.predict} for inference.
   * @param x - [N, Z, Y, X, 1] (3D) or [N, Y, X, 1] (2D), normalized to about [0, 1]
   * @returns the restored batch, same shape, not clipped
   */
  apply(x: tf.Tensor): tf.Tensor;
  /**
   * {@link RcanModel.apply} for inference: each residual block runs in its own `tf.tidy` and its input
   * is freed once consumed, so memory is a few activations, not the model depth. Only the result survives.
   */
  predict(x: tf.Tensor): tf.Tensor;
  /** Kernels and biases in conv order: kernel₀, bias₀, kernel₁, … */
  variables(): tf.Variable[];
  /** Number of scalar weights (spec §1.4). */
  countParams(): number;
  /** Free the variables. */
  dispose(): void;
}

let modelCounter = 0;

/**
 * Build a randomly initialised 3D-RCAN with exactly the topology of spec §1.2: 2x−1; head conv;
 * G residual groups of B RCABs (conv+ReLU, conv, channel attention, block skip), a group-tail conv
 * and short skip only when G > 1; trunk-tail conv plus long skip; output conv; 0.5x+0.5.
 * Kernels are glorot-uniform from a seeded generator, biases zero (Keras defaults).
 *
 * @param architecture - C, B, G, r and dimensionality
 * @param options - seed, channel attention switch, trainability
 * @returns the model; call `dispose()` when done
 * @throws RangeError when a hyper-parameter is not a positive integer or C < r
 */
export function buildRcan(architecture: RcanArchitecture, options: BuildRcanOptions = {}): RcanModel {
  validateArchitecture(architecture);
  const arch = { ...architecture };
  const { seed = 0, channelAttention = true, trainable = true, recomputeGroups: recompute = true } = options;
  // The seed is mixed with a constant so model weights and training patches (same seed) draw
  // different sequences; weights are the same on every backend.
  const random = mulberry32(seed ^ 0x9e3779b9);
  const k = arch.ndim === 3 ? [3, 3, 3] : [3, 3];
  const one = arch.ndim === 3 ? [1, 1, 1] : [1, 1];
  const C = arch.numChannels;
  const Cr = Math.floor(C / arch.channelReduction);
  const prefix = arch.ndim === 3 ? 'conv3d' : 'conv2d';
  const uid = modelCounter++;
  const convs: RcanConv[] = [];

  const add = (role: RcanConvRole, spatial: number[], cin: number, cout: number, activation: RcanConv['activation'], group?: number, block?: number) => {
    const kernelShape = [...spatial, cin, cout];
    const receptive = spatial.reduce((a, b) => a * b, 1);
    const limit = Math.sqrt(6 / (receptive * cin + receptive * cout));
    const values = new Float32Array(receptive * cin * cout);
    for (let i = 0; i < values.length; i++) values[i] = (random() * 2 - 1) * limit;
    const name = `${prefix}_${convs.length + 1}`;
    // tidy disposes the initial tensors (the variables keep the data): without it every build
    // leaked two tensors per convolution (found by bench/soak.ts).
    const kernel = tf.tidy(() => tf.variable(tf.tensor(values, kernelShape), trainable, `rcan${uid}/${name}/kernel`));
    const bias = tf.tidy(() => tf.variable(tf.zeros([cout]), trainable, `rcan${uid}/${name}/bias`));
    const conv: RcanConv = { name, role, kernelShape, activation, kernel, bias, ...(group !== undefined ? { group } : {}), ...(block !== undefined ? { block } : {}) };
    convs.push(conv);
    return conv;
  };

  const head = add('head', k, 1, C, 'linear');
  const groups: { blocks: { conv1: RcanConv; conv2: RcanConv; down: RcanConv; up: RcanConv }[]; tail?: RcanConv }[] = [];
  for (let g = 1; g <= arch.numResidualGroups; g++) {
    const blocks = [];
    for (let b = 1; b <= arch.numResidualBlocks; b++) {
      blocks.push({
        conv1: add('rcab-conv1', k, C, C, 'relu', g, b),
        conv2: add('rcab-conv2', k, C, C, 'linear', g, b),
        down: add('ca-down', one, C, Cr, 'relu', g, b),
        up: add('ca-up', one, Cr, C, 'sigmoid', g, b),
      });
    }
    groups.push(arch.numResidualGroups > 1 ? { blocks, tail: add('group-tail', k, C, C, 'linear', g) } : { blocks });
  }
  const trunkTail = add('trunk-tail', k, C, C, 'linear');
  const output = add('output', k, C, 1, 'linear');

  /** Weights to use instead of a conv's variables (the recomputed groups of {@link apply}). */
  type WeightMap = Map<RcanConv, { kernel: tf.Tensor; bias: tf.Tensor }>;
  const conv = (x: tf.Tensor, c: RcanConv, w?: WeightMap): tf.Tensor => {
    const { kernel, bias } = w?.get(c) ?? c;
    const y = arch.ndim === 3
      ? fastConv3d(x as tf.Tensor5D, kernel as tf.Tensor5D, bias as tf.Tensor1D)
      : fastConv2d(x as tf.Tensor4D, kernel as tf.Tensor4D, bias as tf.Tensor1D);
    return c.activation === 'relu' ? tf.relu(y) : y;
  };
  // 1×1(×1) convs on the pooled [N, C] vector are plain matMuls.
  const pointwise = (v: tf.Tensor2D, c: RcanConv, w?: WeightMap): tf.Tensor2D => {
    const { kernel, bias } = w?.get(c) ?? c;
    const [cin, cout] = c.kernelShape.slice(-2) as [number, number];
    const y = tf.add(tf.matMul(v, tf.reshape(kernel, [cin, cout])), bias) as tf.Tensor2D;
    return c.activation === 'relu' ? tf.relu(y) : tf.sigmoid(y);
  };
  const spatialAxes = arch.ndim === 3 ? [1, 2, 3] : [1, 2];

  const checkInput = (x: tf.Tensor) => {
    const rank = arch.ndim + 2;
    if (x.rank !== rank || x.shape[rank - 1] !== 1) {
      throw new RangeError(`rcan ${arch.ndim}D model expects input [N, ${arch.ndim === 3 ? 'Z, ' : ''}Y, X, 1], got [${x.shape.join(', ')}]`);
    }
  };
  type ConvFn = (x: tf.Tensor, c: RcanConv) => tf.Tensor;
  const rcab = (h: tf.Tensor, block: (typeof groups)[number]['blocks'][number], cv: ConvFn = conv, w?: WeightMap): tf.Tensor => {
    let y = cv(cv(h, block.conv1), block.conv2);
    if (channelAttention) {
      const pooled = tf.mean(y, spatialAxes) as tf.Tensor2D; // [N, C]
      const attention = pointwise(pointwise(pooled, block.down, w), block.up, w);
      y = tf.mul(y, tf.reshape(attention, [attention.shape[0], ...one, C]));
    }
    return tf.add(y, h);
  };

  // One residual group as a function of its input and its weights (kernel, bias per conv).
  const groupConvs = groups.map((group) => [...group.blocks.flatMap((b) => [b.conv1, b.conv2, b.down, b.up]), ...(group.tail ? [group.tail] : [])]);
  const groupForward = (gi: number, input: tf.Tensor, weights: readonly tf.Tensor[]): tf.Tensor => {
    const group = groups[gi]!;
    const w: WeightMap = new Map(groupConvs[gi]!.map((c, i) => [c, { kernel: weights[2 * i]!, bias: weights[2 * i + 1]! }]));
    const cv: ConvFn = (x, c) => conv(x, c, w);
    let h = input;
    for (const block of group.blocks) h = rcab(h, block, cv, w);
    return group.tail ? tf.add(conv(h, group.tail, w), input) : h;
  };
  // Gradient checkpointing: the forward of a group keeps only its input; the backward pass runs the
  // group again under a tape to get its gradients. tfjs otherwise keeps every forward output and
  // every gradient of the whole model until the step ends (about 265 activations for the default
  // model); this bounds it to one group's worth plus one activation per group, for one extra forward.
  const recomputedGroups = groups.map((_, gi) => tf.customGrad((...args: unknown[]) => {
    const save = args.pop() as tf.GradSaveFunc;
    const [input, ...weights] = args as tf.Tensor[];
    save([input!, ...weights]);
    const value = tf.tidy(() => groupForward(gi, input!, weights));
    const gradFunc = (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]): tf.Tensor[] => tf.tidy(() => {
      const [savedInput, ...savedWeights] = saved;
      // A gradient inside a backward pass: tfjs would reset and then drop the outer pass's tape
      // (and leak its saved tensors), so the inner pass gets a tape of its own.
      const state = tf.engine().state as unknown as { activeTape: unknown };
      const outerTape = state.activeTape;
      state.activeTape = [];
      try {
        return tf.grads((...inputs: tf.Tensor[]) => groupForward(gi, inputs[0]!, inputs.slice(1)))([savedInput!, ...savedWeights], dy as tf.Tensor);
      } finally {
        state.activeTape = outerTape;
      }
    });
    return { value, gradFunc };
  }));

  const apply = (x: tf.Tensor): tf.Tensor => {
    checkInput(x);
    const standardized = tf.sub(tf.mul(x, 2), 1);
    const f0 = conv(standardized, head);
    let h = f0;
    for (const [gi, group] of groups.entries()) {
      if (recompute) {
        h = recomputedGroups[gi]!(h, ...groupConvs[gi]!.flatMap((c) => [c.kernel, c.bias]));
        continue;
      }
      const shortSkip = h;
      for (const block of group.blocks) h = rcab(h, block);
      if (group.tail) h = tf.add(conv(h, group.tail), shortSkip);
    }
    h = tf.add(conv(h, trunkTail), f0);
    return tf.add(tf.mul(conv(h, output), 0.5), 0.5);
  };

  // Inference: the same graph, but every step runs in its own tidy and frees its input as soon as
  // nothing later needs it, so at most the long skip, the short skip, the block skip and one step's
  // temporaries are alive (a few activations instead of every activation of the model).
  const predict = (x: tf.Tensor): tf.Tensor => {
    checkInput(x);
    const step = (input: tf.Tensor, fn: () => tf.Tensor, keep: readonly tf.Tensor[]): tf.Tensor => {
      const out = tf.tidy(fn);
      if (!keep.includes(input) && input !== x) input.dispose();
      return out;
    };
    // Each conv in its own tidy too: the relu after conv1 and the conv's own temporaries go at once.
    const tidyConv: ConvFn = (input, c) => tf.tidy(() => conv(input, c));
    const f0 = tf.tidy(() => conv(tf.sub(tf.mul(x, 2), 1), head));
    let h = f0;
    for (const group of groups) {
      const shortSkip = h;
      for (const block of group.blocks) {
        const input = h;
        h = step(input, () => rcab(input, block, tidyConv), [f0, shortSkip]);
      }
      if (group.tail) {
        const input = h;
        const tail = group.tail;
        h = step(input, () => tf.add(conv(input, tail), shortSkip), [f0]);
        if (shortSkip !== f0) shortSkip.dispose();
      }
    }
    const trunkIn = h;
    h = step(trunkIn, () => tf.add(conv(trunkIn, trunkTail), f0), []);
    if (trunkIn !== f0) f0.dispose();
    const last = h;
    return step(last, () => tf.add(tf.mul(conv(last, output), 0.5), 0.5), []);
  };

  return {
    architecture: arch,
    channelAttention,
    convs,
    apply,
    predict,
    variables: () => convs.flatMap((c) => [c.kernel, c.bias]),
    countParams: () => convs.reduce((n, c) => n + c.kernel.size + c.bias.size, 0),
    dispose: () => convs.forEach((c) => { c.kernel.dispose(); c.bias.dispose(); }),
  };
}

/**
 * Check that an architecture can be built (positive integers, C ≥ r so the attention has ≥ 1 channel).
 * @throws RangeError naming the bad field
 */
export function validateArchitecture(a: RcanArchitecture): void {
  if (a.ndim !== 2 && a.ndim !== 3) throw new RangeError(`rcan supports 2D or 3D images, got ndim ${String(a.ndim)}`);
  for (const [key, value] of [['num_channels', a.numChannels], ['num_residual_blocks', a.numResidualBlocks], ['num_residual_groups', a.numResidualGroups], ['channel_reduction', a.channelReduction]] as const) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${key} must be an integer >= 1, got ${String(value)}`);
  }
  if (a.numChannels < a.channelReduction) {
    throw new RangeError(`num_channels (${a.numChannels}) must be >= channel_reduction (${a.channelReduction}) so channel attention keeps at least one channel`);
  }
  // Refuse absurd sizes before any tensor exists (a config declaring 4,096 channels wants > 5 GB).
  const params = countParams(a);
  if (params > MAX_RCAN_PARAMETERS) {
    throw new RangeError(`the architecture (C=${a.numChannels}, G=${a.numResidualGroups}, B=${a.numResidualBlocks}) has ${params.toExponential(2)} parameters (${(params * 4 / 1e9).toFixed(1)} GB of weights), over the limit of ${MAX_RCAN_PARAMETERS.toExponential(0)}; use fewer channels (3D-RCAN's default is 32)`);
  }
}

/** Largest model built or loaded: 2×10^8 parameters (800 MB of float32 weights; the default 3D config has ~10^6). */
export const MAX_RCAN_PARAMETERS = 2e8;

