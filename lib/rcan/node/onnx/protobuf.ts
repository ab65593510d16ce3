// A minimal protobuf writer: just the wire types ONNX models need (varint, length-delimited).
// Field numbers are those of onnx/onnx.proto; see rcan-to-onnx.ts.

/** Bytes of one protobuf message, built from parts without copying large payloads twice. */
export class ProtoWriter {
  private readonly parts: Uint8Array[] = [];
  private length = 0;

  private push(bytes: Uint8Array): this {
    this.parts.push(bytes);
    this.length += bytes.length;
    return this;
  }

  private varint(value: number): this {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`protobuf varint must be a non-negative safe integer, got ${value}`);
    const out: number[] = [];
    let v = value;
    while (v >= 0x80) {
      out.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    out.push(v);
    return this.push(Uint8Array.from(out));
  }

  private key(field: number, wire: 0 | 2 | 5): this {
    return this.varint(field * 8 + wire);
  }

  /** An int32/int64/enum field (non-negative values only; ONNX needs negative ints only in attributes). */
  int(field: number, value: number): this {
    if (value < 0) return this.key(field, 0).signed64(value);
    return this.key(field, 0).varint(value);
  }

  /** Two's complement 64-bit varint for a negative value. */
  private signed64(value: number): this {
    let v = BigInt.asUintN(64, BigInt(value));
    const out: number[] = [];
    while (v >= 0x80n) {
      out.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    out.push(Number(v));
    return this.push(Uint8Array.from(out));
  }

  /** A float field (fixed32). */
  float(field: number, value: number): this {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    return this.key(field, 5).push(b);
  }

  bytes(field: number, data: Uint8Array): this {
    return this.key(field, 2).varint(data.length).push(data);
  }

  string(field: number, text: string): this {
    return this.bytes(field, new TextEncoder().encode(text));
  }

  message(field: number, inner: ProtoWriter): this {
    return this.bytes(field, inner.finish());
  }

  /** Repeated non-negative or negative ints, unpacked (valid for proto2 and proto3 readers). */
  ints(field: number, values: readonly number[]): this {
    for (const v of values) this.int(field, v);
    return this;
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const p of this.parts) {
      out.set(p, offset);
      offset += p.length;
    }
    return out;
  }
}
