// A minimal protobuf wire-format writer: just what ONNX's messages need (varint, fixed32, length-delimited).
// Hand-written so the encoder has no schema-loading step and no runtime dependency.

const WIRE_VARINT = 0;
const WIRE_LEN = 2;
const WIRE_FIXED32 = 5;

const utf8 = new TextEncoder();

export class ProtoWriter {
  private buf = new Uint8Array(256);
  private len = 0;
  private readonly view4 = new DataView(new ArrayBuffer(4));

  private ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  private byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }

  /** Unsigned varint; negative or > 2^53 values go through the 64-bit two's-complement path. */
  varint(value: number | bigint): this {
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) {
      let v = value;
      while (v >= 0x80) {
        this.byte((v % 0x80) | 0x80);
        v = Math.floor(v / 0x80);
      }
      this.byte(v);
      return this;
    }
    let v = BigInt.asUintN(64, BigInt(value));
    while (v >= 0x80n) {
      this.byte(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.byte(Number(v));
    return this;
  }

  private tag(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }

  /** int32/int64/enum/bool field (negatives as 10-byte varints, as protobuf does for int32 too). */
  int(field: number, value: number | bigint): this {
    this.tag(field, WIRE_VARINT);
    return this.varint(value);
  }

  float(field: number, value: number): this {
    this.tag(field, WIRE_FIXED32);
    this.view4.setFloat32(0, value, true);
    this.ensure(4);
    for (let i = 0; i < 4; i++) this.buf[this.len++] = this.view4.getUint8(i);
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, WIRE_LEN);
    this.varint(value.length);
    this.ensure(value.length);
    this.buf.set(value, this.len);
    this.len += value.length;
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, utf8.encode(value));
  }

  /** An embedded message, encoded by `write` into its own writer. */
  message(field: number, write: (w: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    write(inner);
    return this.bytes(field, inner.finish());
  }

  /** Repeated int64 written packed (valid for every repeated scalar: parsers accept packed and unpacked). */
  packedInts(field: number, values: ArrayLike<number | bigint>): this {
    const inner = new ProtoWriter();
    for (let i = 0; i < values.length; i++) inner.varint(values[i]!);
    return this.bytes(field, inner.finish());
  }

  packedFloats(field: number, values: ArrayLike<number>): this {
    const f32 = Float32Array.from(values);
    return this.bytes(field, littleEndianBytes(f32));
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/** The typed array's bytes in little-endian order, as ONNX raw_data requires. */
export function littleEndianBytes(values: Float32Array | Float64Array | BigInt64Array | Int32Array): Uint8Array {
  const out = new Uint8Array(values.byteLength);
  const view = new DataView(out.buffer);
  const size = values.BYTES_PER_ELEMENT;
  for (let i = 0; i < values.length; i++) {
    const at = i * size;
    if (values instanceof Float32Array) view.setFloat32(at, values[i]!, true);
    else if (values instanceof Float64Array) view.setFloat64(at, values[i]!, true);
    else if (values instanceof BigInt64Array) view.setBigInt64(at, values[i]!, true);
    else view.setInt32(at, values[i]!, true);
  }
  return out;
}
