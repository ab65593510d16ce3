// A one-layer ONNX model (Conv 3x3x3, 'same', with bias) written as protobuf bytes by hand, so the
// benchmark needs no ONNX tooling. Field numbers from onnx/onnx.proto (ModelProto, GraphProto, …).

function varint(value: number | bigint): number[] {
  let v = BigInt(value);
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return out;
}

const key = (field: number, wire: 0 | 2) => varint((field << 3) | wire);
const int = (field: number, value: number) => [...key(field, 0), ...varint(value)];
const bytes = (field: number, data: ArrayLike<number>) => [...key(field, 2), ...varint(data.length), ...Array.from(data)];
const str = (field: number, text: string) => bytes(field, new TextEncoder().encode(text));
const ints = (field: number, values: number[]) => values.flatMap((v) => int(field, v));

/** TypeProto.Tensor float32 with a fixed shape, wrapped in a ValueInfoProto. */
function valueInfo(name: string, shape: number[]): number[] {
  const dims = shape.flatMap((d) => bytes(1, int(1, d))); // TensorShapeProto.dim { dim_value }
  const tensorType = [...int(1, 1), ...bytes(2, dims)]; // elem_type FLOAT, shape
  return [...str(1, name), ...bytes(2, bytes(1, tensorType))]; // name, type { tensor_type }
}

function initializer(name: string, shape: number[], data: Float32Array): number[] {
  const raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return [...ints(1, shape), ...int(2, 1), ...str(8, name), ...bytes(9, raw)];
}

const attributeInts = (name: string, values: number[]) => [...str(1, name), ...int(20, 7), ...ints(8, values)];

/**
 * Bytes of an ONNX model computing Y = Conv(X, W, B) with a 3×3×3 kernel, stride 1, zero padding 1.
 * @param input - [N, Cin, D, H, W] (ONNX is channels-first)
 * @param weight - [Cout, Cin, 3, 3, 3] float32
 * @param bias - [Cout] float32
 */
export function onnxConv3dModel(input: [number, number, number, number, number], weight: Float32Array, bias: Float32Array): Uint8Array {
  const cout = bias.length;
  const cin = input[1];
  const node = [
    ...str(1, 'X'), ...str(1, 'W'), ...str(1, 'B'), ...str(2, 'Y'), ...str(3, 'conv'), ...str(4, 'Conv'),
    ...bytes(5, attributeInts('kernel_shape', [3, 3, 3])),
    ...bytes(5, attributeInts('pads', [1, 1, 1, 1, 1, 1])),
    ...bytes(5, attributeInts('strides', [1, 1, 1])),
  ];
  const graph = [
    ...bytes(1, node),
    ...str(2, 'conv3d'),
    ...bytes(5, initializer('W', [cout, cin, 3, 3, 3], weight)),
    ...bytes(5, initializer('B', [cout], bias)),
    ...bytes(11, valueInfo('X', input)),
    ...bytes(12, valueInfo('Y', [input[0], cout, input[2], input[3], input[4]])),
  ];
  const model = [...int(1, 7), ...str(2, 'bioimage-navigator-bench'), ...bytes(7, graph), ...bytes(8, [...str(1, ''), ...int(2, 13)])];
  return Uint8Array.from(model);
}
