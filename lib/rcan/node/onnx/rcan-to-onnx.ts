// Export a 3D-RCAN model folder checkpoint to ONNX (opset 13) without TensorFlow.js: the graph is
// rebuilt from the architecture in model.json (same topology and conv order as core/model.ts) and
// the weights are read straight from weights.bin.
import { validateArchitecture, type RcanArchitecture } from '../../core/model';
import { RCAN_MODEL_FORMAT, type RcanModelFiles, type RcanModelJson } from '../../core/serialize-rcan';
import { ProtoWriter } from './protobuf';

/** How 3×3×3 convolutions are written. */
export type OnnxConvLayout =
  /** one ONNX `Conv` with a 3D kernel on [N, C, Z, Y, X] (any ONNX runtime; N free). */
  | 'conv3d'
  /**
   * three 2D `Conv`s over z-shifted slices on [Z, C, Y, X] (the factorisation of core/fast-conv3d.ts;
   * batch 1 only): lets onnxruntime use its blocked 2D convolution kernels.
   */
  | 'factorised'
  /** as factorised, but the three z-shifted slices are stacked as 3·C channels for one 2D `Conv`. */
  | 'stacked';

/** Options for {@link rcanToOnnx}. */
export interface RcanToOnnxOptions {
  /** @default 'conv3d' */
  layout?: OnnxConvLayout;
  /** Free text stored as the model's doc string (e.g. the checkpoint folder). */
  docString?: string;
}

/** One convolution, in creation order, with its weights in Keras layout. */
interface PlainConv {
  role: 'head' | 'rcab-conv1' | 'rcab-conv2' | 'ca-down' | 'ca-up' | 'group-tail' | 'trunk-tail' | 'output';
  kernelShape: number[];
  kernel: Float32Array;
  bias: Float32Array;
}

/** Input and output names of the exported graph. */
export const ONNX_INPUT = 'input';
export const ONNX_OUTPUT = 'output';

/**
 * Read the architecture and the weights of a checkpoint, no tfjs.
 * @throws TypeError/RangeError with a one-line reason for a foreign or truncated checkpoint
 */
export function readRcanWeights(files: RcanModelFiles): { architecture: RcanArchitecture; convs: PlainConv[] } {
  let json: RcanModelJson;
  try {
    json = JSON.parse(files.modelJson) as RcanModelJson;
  } catch {
    throw new TypeError('model.json is not valid JSON; re-create the model folder with `rcan init` or `rcan train`');
  }
  if (json?.format !== RCAN_MODEL_FORMAT || !json.architecture || !Array.isArray(json.weightsManifest?.[0]?.weights)) {
    throw new TypeError(`model.json is not a ${RCAN_MODEL_FORMAT} model; re-create it with \`rcan init\`, \`rcan train\` or \`rcan import\``);
  }
  const arch = json.architecture;
  validateArchitecture(arch);
  const plan = convPlan(arch);
  const specs = json.weightsManifest[0]!.weights;
  if (specs.length !== plan.length * 2) throw new RangeError(`model.json lists ${specs.length} weights; a ${describe(arch)} model has ${plan.length * 2}`);
  const bin = files.weightsBin;
  if (bin.byteLength % 4 !== 0) throw new RangeError(`weights.bin has ${bin.byteLength} bytes, not a whole number of float32 values; the file is truncated`);
  const view = new DataView(bin.buffer, bin.byteOffset, bin.byteLength);
  let offset = 0;
  const take = (shape: number[], name: string): Float32Array => {
    const size = shape.reduce((a, b) => a * b, 1);
    if ((offset + size) * 4 > bin.byteLength) throw new RangeError(`weights.bin is too short for ${name}; the file is truncated`);
    const out = new Float32Array(size);
    for (let i = 0; i < size; i++) out[i] = view.getFloat32((offset + i) * 4, true);
    offset += size;
    return out;
  };
  const convs = plan.map((p, i) => {
    const kSpec = specs[2 * i]!;
    const bSpec = specs[2 * i + 1]!;
    const want = [...p.kernelShape];
    if (kSpec.shape.join() !== want.join() || bSpec.shape.join() !== String(want.at(-1))) {
      throw new RangeError(`weight ${kSpec.name} has shape [${kSpec.shape.join(', ')}], expected [${want.join(', ')}] for ${describe(arch)}`);
    }
    return { role: p.role, kernelShape: want, kernel: take(kSpec.shape, kSpec.name), bias: take(bSpec.shape, bSpec.name) };
  });
  if (offset * 4 !== bin.byteLength) throw new RangeError(`weights.bin has ${bin.byteLength / 4} floats but model.json describes ${offset}`);
  return { architecture: arch, convs };
}

function describe(a: RcanArchitecture): string {
  return `${a.ndim}D C${a.numChannels} G${a.numResidualGroups} B${a.numResidualBlocks} r${a.channelReduction}`;
}

/** The convolutions of core/model.ts's buildRcan, in the same order (spec §1.3). */
function convPlan(arch: RcanArchitecture): Pick<PlainConv, 'role' | 'kernelShape'>[] {
  const k = arch.ndim === 3 ? [3, 3, 3] : [3, 3];
  const one = arch.ndim === 3 ? [1, 1, 1] : [1, 1];
  const C = arch.numChannels;
  const Cr = Math.floor(C / arch.channelReduction);
  const out: Pick<PlainConv, 'role' | 'kernelShape'>[] = [{ role: 'head', kernelShape: [...k, 1, C] }];
  for (let g = 0; g < arch.numResidualGroups; g++) {
    for (let b = 0; b < arch.numResidualBlocks; b++) {
      out.push({ role: 'rcab-conv1', kernelShape: [...k, C, C] }, { role: 'rcab-conv2', kernelShape: [...k, C, C] });
      out.push({ role: 'ca-down', kernelShape: [...one, C, Cr] }, { role: 'ca-up', kernelShape: [...one, Cr, C] });
    }
    if (arch.numResidualGroups > 1) out.push({ role: 'group-tail', kernelShape: [...k, C, C] });
  }
  out.push({ role: 'trunk-tail', kernelShape: [...k, C, C] }, { role: 'output', kernelShape: [...k, C, 1] });
  return out;
}

/** Keras [k…, in, out] → ONNX [out, in, k…]. */
function toOnnxKernel(kernel: Float32Array, shape: number[]): { data: Float32Array; dims: number[] } {
  const spatial = shape.slice(0, -2);
  const [cin, cout] = shape.slice(-2) as [number, number];
  const s = spatial.reduce((a, b) => a * b, 1);
  const data = new Float32Array(kernel.length);
  for (let p = 0; p < s; p++) {
    for (let i = 0; i < cin; i++) {
      for (let o = 0; o < cout; o++) data[(o * cin + i) * s + p] = kernel[(p * cin + i) * cout + o]!;
    }
  }
  return { data, dims: [cout, cin, ...spatial] };
}

const FLOAT = 1;
const INT64 = 7;

class GraphBuilder {
  readonly nodes: ProtoWriter[] = [];
  readonly initializers: ProtoWriter[] = [];
  private counter = 0;

  name(prefix: string): string {
    return `${prefix}_${this.counter++}`;
  }

  floatTensor(name: string, dims: number[], data: Float32Array): string {
    const raw = new Uint8Array(data.length * 4);
    const view = new DataView(raw.buffer);
    data.forEach((v, i) => view.setFloat32(i * 4, v, true));
    this.initializers.push(new ProtoWriter().ints(1, dims).int(2, FLOAT).string(8, name).bytes(9, raw));
    return name;
  }

  int64Tensor(name: string, values: number[]): string {
    const raw = new Uint8Array(values.length * 8);
    const view = new DataView(raw.buffer);
    values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
    this.initializers.push(new ProtoWriter().ints(1, [values.length]).int(2, INT64).string(8, name).bytes(9, raw));
    return name;
  }

  node(op: string, inputs: string[], attributes: ProtoWriter[] = [], output = this.name(op.toLowerCase())): string {
    const n = new ProtoWriter();
    for (const i of inputs) n.string(1, i);
    n.string(2, output).string(3, `${op}_${this.counter++}`).string(4, op);
    for (const a of attributes) n.message(5, a);
    this.nodes.push(n);
    return output;
  }
}

const intsAttr = (name: string, values: number[]) => new ProtoWriter().string(1, name).ints(8, values).int(20, 7);
const intAttr = (name: string, value: number) => new ProtoWriter().string(1, name).int(3, value).int(20, 2);

function valueInfo(name: string, dims: (number | string)[]): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of dims) shape.message(1, typeof d === 'number' ? new ProtoWriter().int(1, d) : new ProtoWriter().string(2, d));
  const tensorType = new ProtoWriter().int(1, FLOAT).message(2, shape);
  return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
}

/**
 * Write a checkpoint as an ONNX model (opset 13). Input `input` and output `output` are
 * [N, 1, (Z,) Y, X] float32, normalized like the tfjs model's input; any spatial size works.
 * @param files - model.json + weights.bin of one checkpoint
 * @param options - conv layout, doc string
 * @returns the `.onnx` bytes
 */
export function rcanToOnnx(files: RcanModelFiles, options: RcanToOnnxOptions = {}): Uint8Array {
  const { architecture: arch, convs } = readRcanWeights(files);
  const layout = arch.ndim === 2 ? 'conv3d' : (options.layout ?? 'conv3d');
  const g = new GraphBuilder();
  const nd = arch.ndim;
  const factorised = layout === 'factorised' || layout === 'stacked';
  const stacked = layout === 'stacked';

  let convIndex = 0;
  const conv = (x: string): string => {
    const c = convs[convIndex++]!;
    const { data, dims } = toOnnxKernel(c.kernel, c.kernelShape);
    const id = `conv${convIndex}`;
    const bias = g.floatTensor(`${id}_b`, [c.bias.length], c.bias);
    const pointwise = c.kernelShape[0] === 1;
    let y: string;
    if (pointwise) {
      // 1×1(×1): on the pooled [1, C, 1, 1(, 1)] vector; factorised graphs pool to rank 4.
      const kdims = factorised ? [dims[0]!, dims[1]!, 1, 1] : dims;
      y = g.node('Conv', [x, g.floatTensor(`${id}_w`, kdims, data), bias], [intsAttr('kernel_shape', kdims.slice(2))]);
    } else if (!factorised) {
      y = g.node('Conv', [x, g.floatTensor(`${id}_w`, dims, data), bias], [
        intsAttr('kernel_shape', dims.slice(2)),
        intsAttr('pads', Array(2 * nd).fill(1)),
      ]);
    } else {
      // [Z, Cin, Y, X] padded by one zero slice at both ends of Z, three shifted views, one 2D conv each.
      const [cout, cin] = [dims[0]!, dims[1]!];
      const padded = g.node('Pad', [x, g.int64Tensor(g.name('pads'), [1, 0, 0, 0, 1, 0, 0, 0])]);
      if (stacked) {
        const views: string[] = [];
        for (let dz = 0; dz < 3; dz++) {
          const start = g.int64Tensor(g.name('start'), [dz]);
          const end = g.int64Tensor(g.name('end'), [dz === 2 ? Number.MAX_SAFE_INTEGER : dz - 2]);
          views.push(g.node('Slice', [padded, start, end, g.int64Tensor(g.name('axes'), [0])]));
        }
        const channels = g.node('Concat', views, [intAttr('axis', 1)]);
        // Kernel [out, 3·in, 3, 3]: input channel dz·in + i takes kernel plane kz = dz.
        const w3 = new Float32Array(cout * 3 * cin * 9);
        for (let o = 0; o < cout; o++) for (let dz = 0; dz < 3; dz++) for (let i = 0; i < cin; i++) for (let q = 0; q < 9; q++) w3[((o * 3 * cin) + dz * cin + i) * 9 + q] = data[((o * cin + i) * 3 + dz) * 9 + q]!;
        const y3 = g.node('Conv', [channels, g.floatTensor(`${id}_w`, [cout, 3 * cin, 3, 3], w3), bias], [intsAttr('kernel_shape', [3, 3]), intsAttr('pads', [1, 1, 1, 1])]);
        return c.role === 'rcab-conv1' ? g.node('Relu', [y3]) : y3;
      }
      const parts: string[] = [];
      for (let dz = 0; dz < 3; dz++) {
        const reordered = new Float32Array(cout * cin * 9);
        // dims are [out, in, kz, ky, kx]: pick kz = dz.
        for (let o = 0; o < cout; o++) for (let i = 0; i < cin; i++) for (let q = 0; q < 9; q++) reordered[(o * cin + i) * 9 + q] = data[((o * cin + i) * 3 + dz) * 9 + q]!;
        const start = g.int64Tensor(g.name('start'), [dz]);
        const end = g.int64Tensor(g.name('end'), [dz === 2 ? Number.MAX_SAFE_INTEGER : dz - 2]);
        const axes = g.int64Tensor(g.name('axes'), [0]);
        const shifted = g.node('Slice', [padded, start, end, axes]);
        const w = g.floatTensor(`${id}_w${dz}`, [cout, cin, 3, 3], reordered);
        parts.push(g.node('Conv', dz === 1 ? [shifted, w, bias] : [shifted, w], [intsAttr('kernel_shape', [3, 3]), intsAttr('pads', [1, 1, 1, 1])]));
      }
      // A chain of Adds (not one Sum) so onnxruntime can fuse each Add into the next conv's output.
      y = g.node('Add', [g.node('Add', [parts[0]!, parts[1]!]), parts[2]!]);
    }
    return c.kernelShape.length && convs[convIndex - 1]!.role === 'rcab-conv1' ? g.node('Relu', [y]) : y;
  };
  const scalar = (name: string, v: number) => g.floatTensor(name, [], Float32Array.of(v));

  let x: string = ONNX_INPUT;
  if (factorised) {
    // [1, 1, Z, Y, X] → [Z, 1, Y, X]: z-slices become the batch of the 2D convolutions.
    x = g.node('Transpose', [g.node('Squeeze', [x, g.int64Tensor('axis0', [0])])], [intsAttr('perm', [1, 0, 2, 3])]);
  }
  const standardized = g.node('Add', [g.node('Mul', [x, scalar('two', 2)]), scalar('minus_one', -1)]);
  const f0 = conv(standardized);
  let h = f0;
  for (let gi = 0; gi < arch.numResidualGroups; gi++) {
    const shortSkip = h;
    for (let b = 0; b < arch.numResidualBlocks; b++) {
      const y = conv(conv(h));
      const pooled = factorised
        ? g.node('ReduceMean', [y], [intsAttr('axes', [0, 2, 3]), intAttr('keepdims', 1)])
        : g.node('GlobalAveragePool', [y]);
      const down = g.node('Relu', [conv(pooled)]);
      const up = g.node('Sigmoid', [conv(down)]);
      h = g.node('Add', [g.node('Mul', [y, up]), h]);
    }
    if (arch.numResidualGroups > 1) h = g.node('Add', [conv(h), shortSkip]);
  }
  h = g.node('Add', [conv(h), f0]);
  const restored = g.node('Add', [g.node('Mul', [conv(h), scalar('half', 0.5)]), scalar('half_offset', 0.5)], [], factorised ? 'restored_zcyx' : ONNX_OUTPUT);
  if (factorised) g.node('Unsqueeze', [g.node('Transpose', [restored], [intsAttr('perm', [1, 0, 2, 3])]), g.int64Tensor('axis0_out', [0])], [], ONNX_OUTPUT);
  if (convIndex !== convs.length) throw new Error(`internal: used ${convIndex} of ${convs.length} convolutions`);

  const dims = factorised ? [1, 1, 'Z', 'Y', 'X'] : ['N', 1, ...(nd === 3 ? ['Z'] : []), 'Y', 'X'];
  const graph = new ProtoWriter();
  for (const n of g.nodes) graph.message(1, n);
  graph.string(2, `rcan_${describe(arch).replace(/ /g, '_')}`);
  for (const t of g.initializers) graph.message(5, t);
  graph.message(11, valueInfo(ONNX_INPUT, dims)).message(12, valueInfo(ONNX_OUTPUT, dims));
  const model = new ProtoWriter()
    .int(1, 8) // ir_version
    .string(2, 'bioimage-navigator')
    .string(3, '1')
    .string(6, options.docString ?? `3D-RCAN ${describe(arch)}, input normalized to about [0, 1] (percentiles 2 and 99.9)`)
    .message(7, graph)
    .message(8, new ProtoWriter().string(1, '').int(2, 13));
  return model.finish();
}
