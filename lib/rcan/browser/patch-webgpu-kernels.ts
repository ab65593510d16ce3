import * as tf from '@tensorflow/tfjs';

type TensorInfo = { dataId: object; shape: number[]; dtype: string };
type KernelParams = Parameters<tf.KernelFunc>[0];
interface DisposingBackend { disposeData(dataId: object): boolean }

/** Binary kernels the model runs on rank-5 tensors with a lower-rank operand (the conv bias). */
const BINARY_KERNELS = ['Add', 'Sub', 'Mul', 'RealDiv'];

let patched = false;

/**
 * Work around two rank-5 bugs of tfjs-backend-webgpu 4.22, which the 3D model hits on every layer:
 * its shaders index a `vec5` type WGSL does not have, so the shader fails to compile and the op
 * returns garbage (no exception). Affected: `PadV2` of a rank-5 tensor (fastConv3d's z padding) and
 * binary ops broadcasting a lower-rank operand against a rank-5 one (the conv bias, shape [C]).
 * Both are rewritten in terms of the same kernels at lower rank: the pad merges each unpadded axis
 * into its outer neighbour (padding the outer axis by p is padding the merged axis by p × the inner
 * size), and the lower-rank operand is reshaped to rank 5 with leading 1s, which the backend handles.
 * Same values, no copies (reshapes share data). Call once after the webgpu backend is registered.
 */
export function patchWebGpuKernels(): void {
  if (patched) return;
  patched = true;
  const reshape = tf.getKernel('Reshape', 'webgpu').kernelFunc;
  const reshapeTo = (x: TensorInfo, shape: number[], backend: object): TensorInfo => reshape({ inputs: { x: x as tf.TensorInfo }, backend, attrs: { shape } }) as unknown as TensorInfo;
  const dispose = (backend: object, t: TensorInfo) => (backend as DisposingBackend).disposeData(t.dataId);

  wrap('PadV2', (original) => (params) => {
    const x = params.inputs['x'] as unknown as TensorInfo;
    const paddings = (params.attrs?.['paddings'] ?? []) as Array<[number, number]>;
    if (x.shape.length < 5) return original(params);
    const collapsed = collapsePadding(x.shape, paddings);
    if (!collapsed) return original(params);
    const { shape, paddings: pads } = collapsed;
    const flat = reshapeTo(x, shape, params.backend);
    const out = original({ ...params, inputs: { x: flat as tf.TensorInfo }, attrs: { ...params.attrs, paddings: pads } }) as unknown as TensorInfo;
    dispose(params.backend, flat);
    const outShape = x.shape.map((d, i) => d + paddings[i]![0] + paddings[i]![1]);
    const result = reshapeTo(out, outShape, params.backend);
    dispose(params.backend, out);
    return result as tf.TensorInfo;
  });

  for (const name of BINARY_KERNELS) {
    wrap(name, (original) => (params) => {
      const a = params.inputs['a'] as unknown as TensorInfo;
      const b = params.inputs['b'] as unknown as TensorInfo;
      const rank = Math.max(a.shape.length, b.shape.length);
      if (rank < 5 || a.shape.length === b.shape.length) return original(params);
      const lift = (t: TensorInfo) => (t.shape.length === rank ? t : reshapeTo(t, [...new Array<number>(rank - t.shape.length).fill(1), ...t.shape], params.backend));
      const [a5, b5] = [lift(a), lift(b)];
      const out = original({ ...params, inputs: { a: a5 as tf.TensorInfo, b: b5 as tf.TensorInfo } });
      if (a5 !== a) dispose(params.backend, a5);
      if (b5 !== b) dispose(params.backend, b5);
      return out;
    });
  }
}

/**
 * Rewrite a pad of a rank-5 (or higher) tensor as a pad of rank 4: each axis without padding merges
 * into the axis before it, whose padding then counts whole inner rows (p × inner size).
 * @param shape - the tensor's shape
 * @param paddings - `[before, after]` per axis
 * @returns the rank-4 shape and paddings, or undefined when too many axes are padded to merge
 */
export function collapsePadding(shape: readonly number[], paddings: ReadonlyArray<readonly [number, number]>): { shape: number[]; paddings: Array<[number, number]> } | undefined {
  const dims = [...shape];
  const pads = paddings.map((p) => [p[0], p[1]] as [number, number]);
  for (let i = dims.length - 1; i > 0 && dims.length > 4; i--) {
    if (pads[i]![0] === 0 && pads[i]![1] === 0) {
      const inner = dims[i]!;
      dims.splice(i - 1, 2, dims[i - 1]! * inner);
      pads.splice(i - 1, 2, [pads[i - 1]![0] * inner, pads[i - 1]![1] * inner]);
    }
  }
  return dims.length > 4 ? undefined : { shape: dims, paddings: pads };
}

function wrap(kernelName: string, make: (original: tf.KernelFunc) => (params: KernelParams) => tf.TensorInfo | tf.TensorInfo[]): void {
  const config = tf.getKernel(kernelName, 'webgpu');
  if (!config) return;
  tf.unregisterKernel(kernelName, 'webgpu');
  tf.registerKernel({ ...config, kernelFunc: make(config.kernelFunc) as tf.KernelFunc });
}
